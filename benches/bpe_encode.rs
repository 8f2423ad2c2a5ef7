//! DNABERT-2 BPE encoding throughput (bases/s): `encode` in a loop on one thread, and `encode_batch` over
//! all cores, beside HuggingFace's own `encode_batch` (the alternative kept out of `BpeTokenizer`).
//!
//! ```text
//! cargo bench -p gptomics --bench bpe_encode                  # criterion
//! python scripts/bench_bpe.py                                 # side by side with Python tokenizers
//! ```
//!
//! The input is 2,000 sequences of 1,000 bp from a xorshift generator (uniform ACGT: no repeats, so the
//! BPE's word cache never hits and this is a worst case for it), held in memory. With `--report` the binary
//! skips criterion, writes the sequences to `$CARGO_TARGET_DIR/bench_bpe/sequences.fa` (default `target/`)
//! for `scripts/bench_bpe.py` to encode the same ones, and prints a timing loop's figures as JSON. Needs
//! the reference data (`GPTOMICS_TEST_DATA`, default `../shared/data`) for DNABERT-2's tokenizer.json.

mod common;

use std::{path::PathBuf, time::Instant};

use criterion::{Criterion, Throughput, criterion_group};
use gptomics::tokenize::{SequenceTokenizer, bpe::BpeTokenizer};

const SEQUENCES: usize = 2_000;
const LENGTH: usize = 1_000;

/// Deterministic uniform ACGT sequences (xorshift64, two bits a base).
fn generate() -> Vec<Vec<u8>> {
    let mut rng = common::XorShift::new(0x9E37_79B9_7F4A_7C15u64);
    let mut next = move || rng.next_u64();
    (0..SEQUENCES).map(|_| (0..LENGTH).map(|_| b"ACGT"[(next() & 3) as usize]).collect()).collect()
}

fn dnabert2() -> BpeTokenizer {
    let data = std::env::var_os("GPTOMICS_TEST_DATA").map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let path = data.join("dnabert2/tokenizer.json");
    BpeTokenizer::from_file(&path).unwrap_or_else(|e| panic!("DNABERT-2 tokenizer needed at {}: {e}", path.display()))
}

fn encode_loop(tokenizer: &BpeTokenizer, sequences: &[&[u8]]) -> usize {
    sequences.iter().map(|s| tokenizer.encode(s).expect("ACGT encodes").len()).sum()
}

fn encode_batch(tokenizer: &BpeTokenizer, sequences: &[&[u8]]) -> usize {
    tokenizer.encode_batch(sequences).expect("ACGT encodes").iter().map(|e| e.len()).sum()
}

/// HuggingFace's `encode_batch` (its own rayon loop), without the conversion to our `Encoding`.
fn hf_encode_batch(tokenizer: &BpeTokenizer, sequences: &[&str]) -> usize {
    let encodings = tokenizer.inner().encode_batch(sequences.to_vec(), true).expect("ACGT encodes");
    encodings.iter().map(|e| e.len()).sum()
}

fn bench(c: &mut Criterion) {
    let tokenizer = dnabert2();
    let owned = generate();
    let sequences: Vec<&[u8]> = owned.iter().map(|s| &s[..]).collect();
    let strs: Vec<&str> = owned.iter().map(|s| std::str::from_utf8(s).expect("ACGT is UTF-8")).collect();
    let mut group = c.benchmark_group("bpe_encode_dnabert2");
    group.throughput(Throughput::Elements((SEQUENCES * LENGTH) as u64)).sample_size(10);
    group.bench_function("encode loop, 1 thread", |b| b.iter(|| encode_loop(&tokenizer, &sequences)));
    group.bench_function("encode_batch (rayon over encode)", |b| b.iter(|| encode_batch(&tokenizer, &sequences)));
    group.bench_function("hf encode_batch", |b| b.iter(|| hf_encode_batch(&tokenizer, &strs)));
    group.finish();
}

/// `--report`: writes the sequences as FASTA and prints bases/s of the best of `ROUNDS` timing loops.
fn report() {
    const ROUNDS: usize = 5;
    let tokenizer = dnabert2();
    let owned = generate();
    let sequences: Vec<&[u8]> = owned.iter().map(|s| &s[..]).collect();
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = dir.join("bench_bpe/sequences.fa");
    std::fs::create_dir_all(dir.join("bench_bpe")).expect("target folder is writable");
    let fasta: Vec<u8> = owned
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [format!(">s{i}\n").into_bytes(), s.clone(), b"\n".to_vec()])
        .flatten()
        .collect();
    std::fs::write(&path, fasta).expect("target folder is writable");
    let best = |f: &dyn Fn() -> usize| {
        (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let bases = (SEQUENCES * LENGTH) as f64;
    let single = bases / best(&|| encode_loop(&tokenizer, &sequences));
    let batch = bases / best(&|| encode_batch(&tokenizer, &sequences));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{{\"fasta\": {:?}, \"bases\": {bases}, \"threads\": {threads}, \"single_bases_per_s\": {single:.0}, \"batch_bases_per_s\": {batch:.0}}}",
        path.display().to_string()
    );
}

criterion_group!(benches, bench);

fn main() {
    if std::env::args().any(|a| a == "--report") {
        report();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
