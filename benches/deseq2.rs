//! DESeq2 (`deseq2::run` + `results`) on simulated negative binomial counts: 10,000 genes × 12 samples,
//! two groups, dispersion trend α = 0.05 + 1/μ, 10 % of genes changed 2-fold.
//!
//! ```text
//! cargo bench --bench deseq2
//! ```
//!
//! The side-by-side comparison with R DESeq2 is `scripts/bench_deseq2.sh` (R's `DESeq()` + `results()`
//! and our `de` example on the same files); this bench tracks our own time between changes. Figures go to
//! docs/benchmarks.md.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use gptomics::expr::deseq2::{self, Contrast, CountMatrix, DeseqOptions, ResultsOptions};
use gptomics::expr::design::{Design, DesignOptions};
use gptomics::seqio::samples::{SampleSheet, SampleSheetOptions};

const GENES: usize = 10_000;
const SAMPLES: usize = 12;

/// Uniform in (0, 1).
fn uniform(rng: &mut common::XorShift) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

fn normal(rng: &mut common::XorShift) -> f64 {
    (-2.0 * uniform(rng).ln()).sqrt() * (2.0 * std::f64::consts::PI * uniform(rng)).cos()
}

/// Gamma(shape, 1) by Marsaglia–Tsang (shape < 1 boosted).
fn gamma(rng: &mut common::XorShift, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(rng, shape + 1.0) * uniform(rng).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v > 0.0 && uniform(rng).ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// Poisson by inversion below 30, a rounded normal above (adequate for a timing input).
fn poisson(rng: &mut common::XorShift, mean: f64) -> u64 {
    if mean >= 30.0 {
        return (mean + mean.sqrt() * normal(rng)).round().max(0.0) as u64;
    }
    let (mut k, mut p, limit) = (0u64, 1.0, (-mean).exp());
    loop {
        p *= uniform(rng);
        if p <= limit {
            return k;
        }
        k += 1;
    }
}

fn simulated() -> (CountMatrix, SampleSheet) {
    let mut rng = common::XorShift::new(0x9E37_79B9_7F4A_7C15);
    let mut counts = Vec::with_capacity(GENES * SAMPLES);
    for g in 0..GENES {
        let base = (50f64.ln() + 2.0 * normal(&mut rng)).exp();
        let alpha = 0.05 + 1.0 / base;
        for s in 0..SAMPLES {
            let fold = if g % 10 == 0 && s % 2 == 1 { 2.0 } else { 1.0 };
            let mean = base * fold * gamma(&mut rng, 1.0 / alpha) * alpha;
            counts.push(poisson(&mut rng, mean));
        }
    }
    let genes = (0..GENES).map(|g| format!("g{g}")).collect();
    let samples: Vec<String> = (0..SAMPLES).map(|s| format!("s{s}")).collect();
    let sheet: String = std::iter::once("sample,condition\n".to_string())
        .chain(samples.iter().enumerate().map(|(i, s)| format!("{s},{}\n", if i % 2 == 0 { "A" } else { "B" })))
        .collect();
    let sheet = SampleSheet::from_reader(sheet.as_bytes(), "bench", &SampleSheetOptions::default()).expect("sheet");
    (CountMatrix::new(genes, samples, &counts).expect("counts"), sheet)
}

fn bench(c: &mut Criterion) {
    let (counts, sheet) = simulated();
    let design =
        Design::from_formula("~ condition", &sheet, counts.samples(), &DesignOptions::default()).expect("design");
    let contrast = ResultsOptions::new(Contrast::levels("condition", "B", "A"));
    let mut group = c.benchmark_group("deseq2");
    group.sample_size(10);
    group.bench_function("10000x12_run_and_results", |b| {
        b.iter(|| {
            let fit = deseq2::run(&counts, &design, &DeseqOptions::default()).expect("fit");
            fit.results(&contrast).expect("results")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
