//! 6-mer (DNABERT) encoding throughput: one core on 100 MB of bases (full `Encoding`s, and ids only), then
//! `encode_batch` over 1..=N cores.
//!
//! ```text
//! cargo bench --bench kmer_encode
//! ```
//!
//! Input: 100,000 deterministic sequences of 1,000 bp (xorshift ACGT with 1 % N, and without N for the
//! `_no_n` case), i.e. 100 MB of bases,
//! the size of a promoter set of a few species. Throughput is in input bases (bytes) per second. The goal
//! (issue 3) is at least 1 GB/s on one core. Figures go to docs/benchmarks.md.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gptomics::tokenize::{SequenceTokenizer, kmer::KmerTokenizer};

const SEQUENCES: usize = 100_000;
const LENGTH: usize = 1_000;
/// Sequences a mini-batch.
const BATCH: usize = 1_024;

/// `n_percent` of the bases are N (a promoter set from an assembled genome has almost none).
fn sequences(n_percent: u64) -> Vec<Vec<u8>> {
    let mut rng = common::XorShift::new(0x2545_F491_4F6C_DD1Du64);
    let mut next = move || rng.next_u64();
    (0..SEQUENCES)
        .map(|_| {
            (0..LENGTH)
                .map(|_| {
                    let r = next();
                    if r % 100 < n_percent { b'N' } else { b"ACGT"[(r >> 8) as usize & 3] }
                })
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tokenizer = KmerTokenizer::dnabert(6).expect("6-mer vocabulary");
    let data = sequences(1);
    let slices: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    let bases = (SEQUENCES * LENGTH) as u64;

    let mut group = c.benchmark_group("kmer6_encode_100MB");
    group.sample_size(10).throughput(Throughput::Bytes(bases));
    group.bench_function("one_core", |b| {
        b.iter(|| slices.iter().map(|s| tokenizer.encode(s).expect("valid").len()).sum::<usize>())
    });
    // Ids only, into one reused buffer: the bulk path (no masks, no offsets, no allocation a sequence).
    group.bench_function("one_core_ids_only", |b| {
        let mut ids = Vec::with_capacity(LENGTH);
        b.iter(|| {
            let mut total = 0;
            for s in &slices {
                ids.clear();
                total += tokenizer.encode_ids_into(s, &mut ids).expect("valid");
            }
            total
        })
    });
    let clean = sequences(0);
    group.bench_function("one_core_ids_only_no_n", |b| {
        let mut ids = Vec::with_capacity(LENGTH);
        b.iter(|| {
            let mut total = 0;
            for s in &clean {
                ids.clear();
                total += tokenizer.encode_ids_into(s, &mut ids).expect("valid");
            }
            total
        })
    });
    drop(clean);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for threads in 1..=cores {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        // Mini-batches, as training feeds them: one call on all 100,000 sequences would hold 2.8 GB of
        // encodings at once and time the allocator's page faults instead of the tokenizer.
        group.bench_function(format!("encode_batch_{threads}_threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    slices.chunks(BATCH).map(|batch| tokenizer.encode_batch(batch).expect("valid").len()).sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
