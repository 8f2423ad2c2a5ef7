//! FASTQ on real Illumina reads: the summary against an independent count, gzip members, QC round trip.

use gptomics_testdata as common;

use std::io::Write;

use flate2::{Compression, write::GzEncoder};
use gptomics_seqio::{
    Result,
    fastq::{Reader, Record, Summary, Writer, qc},
};

fn summarise(mut reader: Reader<impl std::io::BufRead>) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut record = Record::default();
    while reader.read_record(&mut record)? > 0 {
        summary.add(&record);
    }
    Ok(summary)
}

#[test]
fn test_small_sample_summary_matches_awk() -> Result<()> {
    let Some(path) = common::data_file("reads/small_sample.fastq.gz") else {
        return Ok(());
    };
    let summary = summarise(Reader::from_path(&path)?)?;
    // Independent count: zcat small_sample.fastq.gz | awk 'NR%4==2{n++; b+=length($0); gc+=gsub(/[GCgc]/,"")}
    //   NR%4==0{for(i=1;i<=length($0);i++) q+=index(PHRED33_ALPHABET, substr($0,i,1))-1}'
    // gave reads=1000 bases=51000 gc=20872 qsum=1374945; every read is 51 bp.
    assert_eq!(summary.reads(), 1_000);
    assert_eq!(summary.bases(), 51_000);
    assert_eq!(summary.gc_bases(), 20_872);
    assert_eq!(summary.length_histogram().collect::<Vec<_>>(), vec![(51, 1_000)]);
    assert_eq!((summary.min_length(), summary.max_length()), (Some(51), 51));
    let mean_quality = summary.mean_quality().unwrap_or(f64::NAN);
    assert!((mean_quality - 1_374_945.0 / 51_000.0).abs() < 1e-12, "{mean_quality}");
    assert!((summary.gc_percent().unwrap_or(f64::NAN) - 100.0 * 20_872.0 / 51_000.0).abs() < 1e-12);
    Ok(())
}

#[test]
fn test_multi_member_gzip() -> Result<()> {
    let Some(path) = common::data_file("reads/small_sample.fastq.gz") else {
        return Ok(());
    };
    let mut plain = Vec::new();
    std::io::copy(&mut gptomics_seqio::io::open(&path)?, &mut plain)
        .map_err(|e| gptomics_seqio::Error::io("copy", e))?;
    // `cat a.gz b.gz`: two gzip members, split at a record boundary.
    let split = plain.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(4 * 400 - 1).map_or(0, |(i, _)| i + 1);
    let mut members = Vec::new();
    for part in [&plain[..split], &plain[split..]] {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(part).map_err(|e| gptomics_seqio::Error::io("gzip", e))?;
        members.extend(encoder.finish().map_err(|e| gptomics_seqio::Error::io("gzip", e))?);
    }
    let reader =
        Reader::new(gptomics_seqio::io::decompress(&members[..]).map_err(|e| gptomics_seqio::Error::io("gz", e))?);
    assert_eq!(summarise(reader)?.reads(), 1_000);
    Ok(())
}

#[test]
fn test_qc_round_trip_on_real_reads() -> Result<()> {
    let Some(path) = common::data_file("reads/small_sample.fastq.gz") else {
        return Ok(());
    };
    let options = qc::QcOptions {
        quality_trim: Some(qc::SlidingWindow { window: 4, threshold: 20 }),
        min_length: 30,
        max_n_fraction: 0.1,
        ..qc::QcOptions::default()
    };
    let mut writer = Writer::new(Vec::new());
    let report = qc::run(&mut Reader::from_path(&path)?, Some(&mut writer), &options)?;
    assert_eq!(report.input.reads(), 1_000);
    let dropped = report.too_short + report.too_many_n + report.low_quality;
    assert_eq!(report.output.reads() + dropped, 1_000);
    assert!(report.output.reads() > 0 && dropped > 0, "{report:?}");
    assert!(report.output.mean_quality() > report.input.mean_quality());
    // What was written reads back as what was counted.
    let written = writer.into_inner();
    assert_eq!(summarise(Reader::new(&written[..]))?, report.output);
    Ok(())
}
