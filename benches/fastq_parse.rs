//! FASTQ parsing throughput on one core: gptomics (noodles + validation) beside raw noodles and needletail.
//!
//! ```text
//! cargo bench --bench fastq_parse
//! ```
//!
//! The input is ~210 MB of generated FASTQ (650,000 reads of 150 bp, Illumina-like qualities), held in
//! memory so that the three parsers are timed on parsing, not on the disk or the page cache. Each parser
//! counts records and bases, so none can skip work. Results go to docs/benchmarks.md.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gptomics::seqio::fastq;

/// A parser under test: input bytes to (records, bases).
type Parser = fn(&[u8]) -> (u64, u64);

const READS: usize = 650_000;
const READ_LENGTH: usize = 150;

/// Deterministic FASTQ: xorshift bases and qualities, names like an Illumina instrument's.
fn generate() -> Vec<u8> {
    let mut rng = common::XorShift::new(0x9E37_79B9_7F4A_7C15u64);
    let mut next = move || rng.next_u64();
    let mut out = Vec::with_capacity(READS * (2 * READ_LENGTH + 48));
    for i in 0..READS {
        out.extend_from_slice(format!("@SIM:1:FCX:1:{}:{}:{} 1:N:0:1\n", i / 1000, i % 1000, i).as_bytes());
        out.extend((0..READ_LENGTH).map(|_| b"ACGT"[(next() & 3) as usize]));
        out.extend_from_slice(b"\n+\n");
        out.extend((0..READ_LENGTH).map(|_| b'#' + (next() % 40) as u8));
        out.push(b'\n');
    }
    out
}

fn gptomics_count(data: &[u8]) -> (u64, u64) {
    let mut reader = fastq::Reader::new(data);
    let mut record = fastq::Record::default();
    let (mut records, mut bases) = (0, 0);
    while reader.read_record(&mut record).expect("valid FASTQ") > 0 {
        records += 1;
        bases += record.len() as u64;
    }
    (records, bases)
}

fn noodles_count(data: &[u8]) -> (u64, u64) {
    let mut reader = noodles::fastq::io::Reader::new(data);
    let mut record = noodles::fastq::Record::default();
    let (mut records, mut bases) = (0, 0);
    while reader.read_record(&mut record).expect("valid FASTQ") > 0 {
        records += 1;
        bases += record.sequence().len() as u64;
    }
    (records, bases)
}

fn needletail_count(data: &[u8]) -> (u64, u64) {
    let mut reader = needletail::parse_fastx_reader(data).expect("valid FASTQ");
    let (mut records, mut bases) = (0, 0);
    while let Some(record) = reader.next() {
        let record = record.expect("valid FASTQ");
        records += 1;
        bases += record.num_bases() as u64;
    }
    (records, bases)
}

fn bench(c: &mut Criterion) {
    let data = generate();
    let expected = (READS as u64, (READS * READ_LENGTH) as u64);
    let parsers: [(&str, Parser); 3] =
        [("gptomics", gptomics_count), ("noodles", noodles_count), ("needletail", needletail_count)];
    for (name, parse) in parsers {
        assert_eq!(parse(&data), expected, "{name} miscounted");
    }
    let mut group = c.benchmark_group(format!("fastq_parse_{}MB", data.len() / 1_000_000));
    group.sample_size(10).throughput(Throughput::Elements(READS as u64));
    for (name, parse) in parsers {
        group.bench_function(name, |b| b.iter(|| parse(std::hint::black_box(&data[..]))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
