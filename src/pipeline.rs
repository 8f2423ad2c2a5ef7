//! The epilepsy pipeline: count tables (and optionally a genome) in, findings out.
//!
//! It rebuilds the analysis of *A Deep Learning Pipeline for Epilepsy Genomic Analysis Using GPT-2 XL and
//! NVIDIA H100* (arXiv 2510.00392) with each stage explicit and checkable:
//!
//! 1. [`inputs`]: load a GEO-style count table, a sample sheet or series matrix, marker sets, and optionally
//!    a genome + GTF and FASTQ files (QC only); every check that can fail runs before any work.
//! 2. [`expression`]: size factors and QC, sample PCA, DESeq2 for each contrast, marker-set scores
//!    (astrocyte reactivity, excitatory/inhibitory balance) compared between each contrast's groups.
//! 3. [`promoters`]: promoter windows of up-regulated and background genes → k-mer tokens → a GPT-2
//!    classifier with ALRW attention regions and enriched k-mers, beside a k-mer baseline.
//! 4. [`samples`]: a GPT-2 classifier of samples from gene sentences, cross-validated beside an expression
//!    baseline; the genes it attends to and their overlap with the DE genes; embedding PCA.
//! 5. [`report`]: `report.md` and a self-contained `report.html` stating each finding with its number,
//!    test and p-value, and saying where the language model adds nothing over its baseline.
//!
//! Each stage writes into its own folder atomically and is skipped by `--resume` once done ([`stage`]).
//! Without input files the pipeline runs on the embedded [`demo`] cohorts, whose planted truth the report
//! checks ([`truth`]).

pub mod config;
pub mod demo;
pub mod embedding;
pub mod error;
pub mod expression;
pub mod html;
pub mod inputs;
pub mod markers;
pub mod promoters;
pub mod report;
pub mod samples;
pub mod stage;
pub mod truth;

use std::path::{Path, PathBuf};
use std::time::Instant;

use burn::tensor::backend::AutodiffBackend;
use gptomics_train::trainer::Event;
use serde::{Deserialize, Serialize};

pub use self::config::{CohortInputs, ContrastSpec, Markers, Metadata, Settings};
pub use self::error::{Error, Result};
use self::expression::ExpressionSummary;
use self::promoters::PromoterSummary;
use self::samples::SampleSummary;
use self::stage::Outcome;
use self::truth::TruthCheck;

/// What the pipeline tells its caller as it goes (the library prints nothing; the example does).
#[derive(Debug)]
pub enum Progress<'a> {
    /// A stage begins.
    Started {
        /// The cohort.
        cohort: &'a str,
        /// The stage.
        stage: &'a str,
    },
    /// A stage ended (ran, or was reused by `--resume`).
    Finished {
        /// The cohort.
        cohort: &'a str,
        /// The stage.
        stage: &'a str,
        /// Ran or reused.
        outcome: Outcome,
        /// Wall time.
        seconds: f64,
    },
    /// A training event of a model stage.
    Training {
        /// The cohort.
        cohort: &'a str,
        /// The stage.
        stage: &'a str,
        /// The event.
        event: &'a Event<'a>,
    },
}

/// Read QC of one FASTQ file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FastqQc {
    /// The file.
    pub file: String,
    /// Reads.
    pub reads: u64,
    /// Mean read length.
    pub mean_length: f64,
    /// GC content, percent.
    pub gc_percent: Option<f64>,
    /// Mean Phred quality.
    pub mean_quality: Option<f64>,
}

/// Everything found for one cohort.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CohortReport {
    /// The cohort's name (its output folder).
    pub name: String,
    /// Design formula.
    pub design: String,
    /// Read QC, when FASTQ files were given.
    pub fastq: Vec<FastqQc>,
    /// Expression statistics.
    pub expression: ExpressionSummary,
    /// The promoter model (`None` without a genome and GTF).
    pub promoters: Option<PromoterSummary>,
    /// The sample classifier (`None` when a group has fewer than 3 samples).
    pub samples: Option<SampleSummary>,
    /// The planted-truth check (demo cohorts only).
    pub truth: Option<TruthCheck>,
    /// Stages skipped and why.
    pub notes: Vec<String>,
}

/// Runs every stage on one cohort, writing into `out/<name>/`.
pub fn run_cohort<B: AutodiffBackend>(
    inputs: &CohortInputs,
    settings: &Settings,
    out: &Path,
    device: &B::Device,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<CohortReport> {
    let loaded = inputs::load(inputs)?;
    let dir = out.join(&inputs.name);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let cohort = inputs.name.as_str();
    let keys = StageKeys::new(inputs, settings)?;
    let mut notes = Vec::new();

    let fastq = inputs
        .fastq
        .iter()
        .map(|path| {
            let stats = gptomics_seqio::stats::file_stats(path)?;
            let s = &stats.summary;
            Ok(FastqQc {
                file: path.display().to_string(),
                reads: s.reads(),
                mean_length: s.bases() as f64 / s.reads().max(1) as f64,
                gc_percent: s.gc_percent(),
                mean_quality: s.mean_quality(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let expression = timed(cohort, "expression", progress, |_| {
        stage::run(&dir, "expression", &keys.expression, settings.resume, |d| {
            expression::run(&loaded, &inputs.contrasts, settings.alpha, d)
        })
    })?;
    let promoters = if !settings.models {
        None
    } else if loaded.genome.is_some() {
        let outcome = timed(cohort, "promoters", progress, |events| {
            stage::run(&dir, "promoters", &keys.promoters, settings.resume, |d| {
                promoters::run::<B>(&loaded, &expression, settings, d, device, events)
            })
        })?;
        outcome.map_err(|reason| notes.push(reason)).ok()
    } else {
        notes.push("promoter stage skipped: no --genome and --gtf".to_string());
        None
    };
    let main = &expression.main()?.contrast;
    let column = &loaded.groups;
    let smallest = [&main.numerator, &main.denominator]
        .iter()
        .map(|level| column.iter().filter(|v| v == level).count())
        .min()
        .unwrap_or(0);
    let samples = if !settings.models {
        notes.push("model stages skipped (--no-models)".to_string());
        None
    } else if smallest >= 3 {
        Some(timed(cohort, "samples", progress, |events| {
            stage::run(&dir, "samples", &keys.samples, settings.resume, |d| {
                samples::run::<B>(&loaded, &expression, settings, d, device, events)
            })
        })?)
    } else {
        notes.push(format!("sample classifier skipped: a group of {} has {smallest} samples (needs 3)", main.name()));
        None
    };
    Ok(CohortReport {
        name: inputs.name.clone(),
        design: inputs.design.clone(),
        fastq,
        expression,
        promoters,
        samples,
        truth: None,
        notes,
    })
}

/// What each stage's result depends on, as text: a resumed run reuses a stage only if its key is unchanged.
/// Input files enter by path, size and modification time (a replaced file reruns everything), and each
/// model stage's key extends the expression stage's with the settings it uses.
struct StageKeys {
    expression: String,
    promoters: String,
    samples: String,
}

impl StageKeys {
    fn new(inputs: &CohortInputs, s: &Settings) -> Result<Self> {
        let mut files: Vec<(String, u64, u128)> = Vec::new();
        let metadata = match &inputs.metadata {
            Metadata::SampleSheet(p) | Metadata::SeriesMatrix(p) => p,
        };
        let paths = [Some(&inputs.counts), Some(metadata), inputs.genome.as_ref(), inputs.gtf.as_ref()];
        for path in paths.into_iter().flatten().chain(&inputs.fastq) {
            let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            files.push((path.display().to_string(), meta.len(), modified.map_or(0, |d| d.as_nanos())));
        }
        let expression = key(&(env!("CARGO_PKG_VERSION"), inputs, files, s.alpha))?;
        let model = (&s.tokenizer, &s.preset, &s.weights, s.seed);
        let promoters =
            key(&(&expression, model, (s.promoter_upstream, s.promoter_downstream, s.epochs, s.background_per_up)))?;
        let samples = key(&(&expression, model, (s.sentence_genes, s.sentence_epochs)))?;
        Ok(Self { expression, promoters, samples })
    }
}

fn key<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::input(format!("stage key: {e}")))
}

/// Runs `work` as a stage, reporting its start and end; training events are forwarded.
fn timed<T>(
    cohort: &str,
    stage: &str,
    progress: &mut dyn FnMut(&Progress<'_>),
    work: impl FnOnce(&mut dyn FnMut(&Event<'_>)) -> Result<(T, Outcome)>,
) -> Result<T> {
    progress(&Progress::Started { cohort, stage });
    let clock = Instant::now();
    let (value, outcome) = work(&mut |event| progress(&Progress::Training { cohort, stage, event }))?;
    progress(&Progress::Finished { cohort, stage, outcome, seconds: clock.elapsed().as_secs_f64() });
    Ok(value)
}

/// The demo's inputs for one organism, written under `out/demo_inputs/<name>/` (regenerated each run: the
/// generator is deterministic, so the files are the same bytes).
pub fn demo_inputs(
    organism: demo::Organism,
    options: &demo::DemoOptions,
    out: &Path,
) -> Result<(CohortInputs, demo::DemoCohort)> {
    let cohort = demo::cohort(organism, options);
    let genome = demo::genome(&cohort, options);
    let dir = out.join("demo_inputs").join(&cohort.name);
    let files = demo::write(&cohort, &genome, &dir).map_err(|e| Error::io(&dir, e))?;
    let markers = match organism {
        demo::Organism::Mouse => "mouse",
        demo::Organism::Zebrafish => "zebrafish",
    };
    // The planted comparisons (disease against control first) are the contrasts to test.
    let contrasts = cohort
        .contrasts
        .iter()
        .map(|p| ContrastSpec {
            factor: "condition".into(),
            numerator: p.numerator.clone(),
            denominator: p.denominator.clone(),
        })
        .collect();
    let inputs = CohortInputs {
        name: cohort.name.clone(),
        counts: files.counts,
        metadata: Metadata::SampleSheet(files.metadata),
        gene_name_column: Some("Gene.name".into()),
        design: "~ condition".into(),
        contrasts,
        markers: Markers::Builtin(markers.into()),
        genome: Some(files.genome),
        gtf: Some(files.gtf),
        fastq: Vec::new(),
    };
    Ok((inputs, cohort))
}

/// Runs both demo cohorts (mouse, then zebrafish) and checks each against its planted truth.
pub fn run_demo<B: AutodiffBackend>(
    options: &demo::DemoOptions,
    settings: &Settings,
    out: &Path,
    device: &B::Device,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Vec<CohortReport>> {
    let mut reports = Vec::new();
    for organism in [demo::Organism::Mouse, demo::Organism::Zebrafish] {
        let (inputs, cohort) = demo_inputs(organism, options, out)?;
        let mut report = run_cohort::<B>(&inputs, settings, out, device, progress)?;
        report.truth = Some(truth::check(&cohort, &report.expression, report.promoters.as_ref(), settings.alpha));
        reports.push(report);
    }
    Ok(reports)
}

/// [`run_cohort`] on the CPU backend. Non-generic, so the CPU training code is compiled once, in this
/// crate: a program that instantiates the generic version compiles it again itself, at opt-level 2
/// (about 3 CPU-minutes of a cold `cargo test` per example or test binary, docs/ci.md).
pub fn run_cohort_cpu(
    inputs: &CohortInputs,
    settings: &Settings,
    out: &Path,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<CohortReport> {
    run_cohort::<gptomics_gpt2::backend::CpuAutodiff>(inputs, settings, out, &Default::default(), progress)
}

/// [`run_demo`] on the CPU backend; see [`run_cohort_cpu`] for why it exists.
pub fn run_demo_cpu(
    options: &demo::DemoOptions,
    settings: &Settings,
    out: &Path,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Vec<CohortReport>> {
    run_demo::<gptomics_gpt2::backend::CpuAutodiff>(options, settings, out, &Default::default(), progress)
}

/// Writes `report.md`, `report.html` and `report.json` into `out`; returns the HTML's path.
pub fn write_report(reports: &[CohortReport], settings: &Settings, out: &Path) -> Result<PathBuf> {
    let markdown = report::drop_missing_figures(&report::markdown(reports, settings), out);
    let md = out.join("report.md");
    stage::write_atomic(&md, markdown.as_bytes())?;
    let json = serde_json::to_vec_pretty(reports).map_err(|e| Error::input(e.to_string()))?;
    stage::write_atomic(&out.join("report.json"), &json)?;
    let html = out.join("report.html");
    html::render_file(&md, &html, "gptomics epilepsy pipeline report").map_err(|e| Error::io(&html, e))?;
    Ok(html)
}
