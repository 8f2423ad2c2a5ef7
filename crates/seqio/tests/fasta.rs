//! FASTA on the real reference genomes: streaming, random access through `.fai`, BGZF, gene `S`.

use gptomics_testdata as common;

use std::{fs, io::Write};

use gptomics_seqio::{
    Result,
    fasta::{IndexedReader, ReadOptions, Reader, Record},
};

fn stream(path: &std::path::Path) -> Result<Vec<Record>> {
    Reader::from_path(path)?.records().collect()
}

#[test]
fn test_sars_cov_2_spike_by_coordinates() -> Result<()> {
    let Some(path) = common::data_file("genomes/sars_cov_2.fa") else {
        return Ok(());
    };
    let mut genome = IndexedReader::from_path(&path)?;
    assert_eq!(genome.contigs().collect::<Vec<_>>(), vec![("MN908947.3".to_string(), 29_903)]);
    // The S gene, 21563..25384 on the + strand (Ensembl GFF3).
    let spike = genome.fetch("MN908947.3", 21_563, 25_384)?;
    assert_eq!(spike.len(), 3_822);
    assert!(spike.starts_with(b"ATGTTTGTTTTTCTTGTTTTATTGCCACTAGTCTCTAGTCAGTGTGTT"));
    assert!(spike.ends_with(b"TAA"));
    Ok(())
}

#[test]
fn test_random_access_equals_streaming() -> Result<()> {
    for name in ["genomes/sars_cov_2.fa", "genomes/hg38.chr1.f100k.fa"] {
        let Some(path) = common::data_file(name) else {
            return Ok(());
        };
        let records = stream(&path)?;
        let mut indexed = IndexedReader::from_path(&path)?;
        for record in &records {
            let whole = indexed.sequence(record.name())?;
            assert_eq!(whole, record.sequence(), "{name} {}", record.name());
            // Windows that cross line breaks (60 bases a line) and touch both ends.
            let len = record.len() as u64;
            for (start, end) in [(1, 1), (1, 61), (59, 62), (len / 2, len / 2 + 1000), (len - 10, len)] {
                let expected = &record.sequence()[(start - 1) as usize..end as usize];
                assert_eq!(indexed.fetch(record.name(), start, end)?, expected, "{name}:{start}-{end}");
            }
        }
    }
    Ok(())
}

#[test]
fn test_soft_masked_uppercase() -> Result<()> {
    let Some(path) = common::data_file("genomes/hg38.chr1.f100k.fa") else {
        return Ok(());
    };
    let options = ReadOptions { uppercase: true, ..ReadOptions::default() };
    let upper = Reader::from_path(&path)?.with_options(options).records().collect::<Result<Vec<_>>>()?;
    let raw = stream(&path)?;
    assert!(raw[0].sequence().iter().any(u8::is_ascii_lowercase), "hg38 is soft-masked");
    assert!(!upper[0].sequence().iter().any(u8::is_ascii_lowercase));
    assert_eq!(upper[0].sequence(), raw[0].sequence().to_ascii_uppercase());
    Ok(())
}

#[test]
fn test_builds_missing_index_and_reads_bgzf() -> Result<()> {
    let Some(path) = common::data_file("genomes/sars_cov_2.fa") else {
        return Ok(());
    };
    let expected = stream(&path)?;
    let dir = tempfile::tempdir().map_err(|e| gptomics_seqio::Error::io("tempdir", e))?;
    let io = |e| gptomics_seqio::Error::io("tempdir", e);

    // Plain copy without its .fai: the index is built, written, and equals samtools' shipped one.
    let plain = dir.path().join("genome.fa");
    fs::copy(&path, &plain).map_err(io)?;
    let mut indexed = IndexedReader::from_path(&plain)?;
    assert_eq!(indexed.sequence("MN908947.3")?, expected[0].sequence());
    let built = fs::read_to_string(plain.with_added_extension("fai")).map_err(io)?;
    let shipped = fs::read_to_string(path.with_added_extension("fai")).map_err(io)?;
    assert_eq!(built, shipped);

    // BGZF with small blocks, so that fetches cross block boundaries; .gzi and .fai are built.
    let bgzf = dir.path().join("genome.fa.gz");
    let text = fs::read(&path).map_err(io)?;
    let mut writer = noodles::bgzf::io::Writer::new(fs::File::create(&bgzf).map_err(io)?);
    for chunk in text.chunks(4_000) {
        writer.write_all(chunk).map_err(io)?;
        writer.flush().map_err(io)?; // ends the block
    }
    writer.finish().map_err(io)?;
    let mut indexed = IndexedReader::from_path(&bgzf)?;
    assert!(bgzf.with_added_extension("gzi").is_file());
    assert_eq!(indexed.sequence("MN908947.3")?, expected[0].sequence());
    assert_eq!(indexed.fetch("MN908947.3", 3_990, 4_100)?, &expected[0].sequence()[3_989..4_100]);
    // Streaming reads BGZF too.
    assert_eq!(stream(&bgzf)?, expected);
    Ok(())
}

#[test]
fn test_fetch_errors() -> Result<()> {
    let Some(path) = common::data_file("genomes/sars_cov_2.fa") else {
        return Ok(());
    };
    let mut genome = IndexedReader::from_path(&path)?;
    assert!(genome.fetch("chrX", 1, 10).is_err());
    assert!(genome.fetch("MN908947.3", 0, 10).is_err());
    assert!(genome.fetch("MN908947.3", 29_900, 29_904).is_err());
    assert!(genome.fetch("MN908947.3", 10, 9).is_err());
    Ok(())
}

#[test]
fn test_gzip_streams_but_is_not_indexed() -> Result<()> {
    let Some(path) = common::data_file("genomes/sars_cov_2.fa") else { return Ok(()) };
    let io = |e| gptomics_seqio::Error::io("tempdir", e);
    let dir = tempfile::tempdir().map_err(io)?;
    let gz = dir.path().join("genome.fa.gz");
    let mut encoder = flate2::write::GzEncoder::new(fs::File::create(&gz).map_err(io)?, flate2::Compression::fast());
    encoder.write_all(&fs::read(&path).map_err(io)?).map_err(io)?;
    encoder.finish().map_err(io)?;
    assert_eq!(stream(&gz)?, stream(&path)?);
    let error = IndexedReader::from_path(&gz).err().expect("plain gzip has no random access");
    assert!(error.to_string().contains("bgzip"), "{error}");
    Ok(())
}

#[test]
fn test_stale_index_is_rebuilt() -> Result<()> {
    let dir = tempfile::tempdir().map_err(|e| gptomics_seqio::Error::io("tempdir", e))?;
    let path = dir.path().join("g.fa");
    let write = |text: &str| fs::write(&path, text).map_err(|e| gptomics_seqio::Error::io("g.fa", e));
    write(">c\nACGT\n")?;
    assert_eq!(IndexedReader::from_path(&path)?.contig_length("c"), Some(4)); // writes g.fa.fai
    // The FASTA is rewritten after its index: the old .fai must not be trusted.
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(">c\nACGTACGTAA\n>d\nTT\n")?;
    let mut genome = IndexedReader::from_path(&path)?;
    assert_eq!((genome.contig_length("c"), genome.contig_length("d")), (Some(10), Some(2)));
    assert_eq!(genome.fetch("c", 8, 10)?, b"TAA");
    Ok(())
}
