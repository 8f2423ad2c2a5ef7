//! Whole-file statistics (the `seqstats` example's library side) on the real reference files.

use gptomics_testdata as common;

use gptomics_seqio::{
    ParseError, Result,
    stats::{Format, file_stats},
};

#[test]
fn test_file_stats_fasta_and_fastq() -> Result<()> {
    let Some(dir) = common::data_dir() else { return Ok(()) };
    let genome = file_stats(dir.join("genomes/sars_cov_2.fa"))?;
    assert_eq!(genome.format, Format::Fasta);
    // 29,903 bp (the .fai), no qualities.
    assert_eq!((genome.summary.reads(), genome.summary.bases()), (1, 29_903));
    assert_eq!(genome.summary.mean_quality(), None);
    // grep -v '>' sars_cov_2.fa | tr -cd 'GCgc' | wc -c  → 11355
    assert_eq!(genome.summary.gc_bases(), 11_355);

    let reads = file_stats(dir.join("reads/small_sample.fastq.gz"))?;
    assert_eq!(reads.format, Format::Fastq);
    assert_eq!((reads.summary.reads(), reads.summary.bases()), (1_000, 51_000));
    assert!(reads.summary.mean_quality().is_some());
    Ok(())
}

#[test]
fn test_file_stats_rejects_other_formats() {
    let Some(dir) = common::data_dir() else { return };
    // A count table is neither FASTA nor FASTQ.
    let error = file_stats(dir.join("deseq2/synthetic_counts.csv")).expect_err("not a sequence file");
    assert!(matches!(error.kind(), Some(ParseError::Malformed(_))), "{error}");
    assert!(error.to_string().contains("synthetic_counts.csv:1"), "{error}");
}
