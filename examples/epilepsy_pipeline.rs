//! The epilepsy pipeline, end to end: counts (and a genome) in, `report.md` / `report.html` out.
//!
//! ```text
//! cargo run --release --example epilepsy_pipeline                      # embedded demo cohorts, CPU
//! cargo run --release --example epilepsy_pipeline -- --counts GSE264537_raw_counts.csv \
//!     --metadata samples.csv --gene-name-column Gene.name --design "~ condition" \
//!     --contrast condition,epilepsy,control --contrast condition,epilepsy_kd,epilepsy \
//!     --markers mouse --genome GRCm39.fa --gtf GRCm39.gtf --out results
//! cargo run --release --features cuda --example epilepsy_pipeline -- --device cuda --preset xl
//! ```
//!
//! Without `--counts` it runs the two simulated demo cohorts (see `gptomics::pipeline::demo`) and checks
//! the report against their planted truth. Exits with status 1 and the reason on bad input, before any
//! stage runs. All logic lives in `gptomics::pipeline`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use gptomics::pipeline::demo::DemoOptions;
use gptomics::pipeline::stage::Outcome;
use gptomics::pipeline::{
    CohortInputs, ContrastSpec, Markers, Metadata, Progress, Settings, run_cohort_cpu, run_demo_cpu, write_report,
};
use gptomics::train::trainer::Event;

#[derive(Parser)]
#[command(version, about = "Epilepsy genomics pipeline: DESeq2, marker sets, GPT-2 on promoters and gene sentences")]
struct Args {
    /// Count table (genes x samples, CSV/TSV, GEO style); without it the demo cohorts run.
    #[arg(long)]
    counts: Option<PathBuf>,
    /// Sample sheet (CSV/TSV with a sample column).
    #[arg(long, conflicts_with = "series_matrix")]
    metadata: Option<PathBuf>,
    /// GEO series matrix instead of a sample sheet.
    #[arg(long)]
    series_matrix: Option<PathBuf>,
    /// Count-table column of gene symbols (GEO's `Gene.name`).
    #[arg(long)]
    gene_name_column: Option<String>,
    /// Design formula.
    #[arg(long, default_value = "~ condition")]
    design: String,
    /// FACTOR,NUMERATOR,DENOMINATOR; repeatable; the first is the main (disease vs control) contrast.
    #[arg(long)]
    contrast: Vec<String>,
    /// Marker sets: `mouse`, `zebrafish`, `human`, or a `set<TAB>gene` file.
    #[arg(long, default_value = "mouse")]
    markers: String,
    /// Genome FASTA (enables the promoter stage with --gtf).
    #[arg(long)]
    genome: Option<PathBuf>,
    /// GTF/GFF3 annotation of the genome.
    #[arg(long)]
    gtf: Option<PathBuf>,
    /// FASTQ files for read QC; repeatable.
    #[arg(long)]
    fastq: Vec<PathBuf>,
    /// Cohort name (output sub-folder).
    #[arg(long, default_value = "cohort")]
    name: String,
    /// Promoter tokenizer: kmer:K or bpe:PATH [default: kmer:6].
    #[arg(long)]
    tokenizer: Option<String>,
    /// Model: `motif` (1 layer, 64 wide; CPU default) or a GPT-2 preset tiny|small|medium|large|xl.
    #[arg(long)]
    preset: Option<String>,
    /// HuggingFace GPT-2 weights (model.safetensors with config.json beside it) to fine-tune.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// cpu or cuda (needs `--features cuda`).
    #[arg(long, value_enum, default_value_t = Device::Cpu)]
    device: Device,
    /// Most epochs of the promoter model (default 10; early stopping with patience 3).
    #[arg(long)]
    epochs: Option<usize>,
    /// Bases upstream of the TSS in promoter windows [default: 200].
    #[arg(long)]
    promoter_upstream: Option<u64>,
    /// Bases downstream of the TSS in promoter windows [default: 50].
    #[arg(long)]
    promoter_downstream: Option<u64>,
    /// Unchanged genes per up-regulated gene in the promoter model's background [default: 20].
    #[arg(long)]
    background_per_up: Option<usize>,
    /// Genes per gene sentence [default: 256].
    #[arg(long)]
    sentence_genes: Option<usize>,
    /// Epochs of each sample classifier [default: 30].
    #[arg(long)]
    sentence_epochs: Option<usize>,
    /// Adjusted p-value cut-off for DE genes [default: 0.05].
    #[arg(long)]
    alpha: Option<f64>,
    /// Seed of the demo cohorts' data [default: 20251001].
    #[arg(long)]
    demo_seed: Option<u64>,
    /// Seed of splits and models [default: 42].
    #[arg(long)]
    seed: Option<u64>,
    /// Output folder.
    #[arg(long, default_value = "results")]
    out: PathBuf,
    /// Stop after the expression statistics (no language models).
    #[arg(long)]
    no_models: bool,
    /// Skip stages that finished in an earlier run with the same inputs and settings.
    #[arg(long)]
    resume: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Device {
    Cpu,
    Cuda,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("epilepsy_pipeline: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let d = Settings::default();
    let settings = Settings {
        alpha: args.alpha.unwrap_or(d.alpha),
        promoter_upstream: args.promoter_upstream.unwrap_or(d.promoter_upstream),
        promoter_downstream: args.promoter_downstream.unwrap_or(d.promoter_downstream),
        background_per_up: args.background_per_up.unwrap_or(d.background_per_up),
        tokenizer: args.tokenizer.clone().unwrap_or(d.tokenizer),
        preset: args.preset.clone().unwrap_or(d.preset),
        weights: args.weights.clone(),
        epochs: args.epochs,
        sentence_genes: args.sentence_genes.unwrap_or(d.sentence_genes),
        sentence_epochs: args.sentence_epochs.unwrap_or(d.sentence_epochs),
        seed: args.seed.unwrap_or(d.seed),
        models: !args.no_models,
        resume: args.resume,
    };
    let inputs = match &args.counts {
        Some(counts) => Some(cohort_inputs(&args, counts)?),
        None => None,
    };
    std::fs::create_dir_all(&args.out)?;
    let reports = match args.device {
        Device::Cpu => match &inputs {
            Some(i) => vec![run_cohort_cpu(i, &settings, &args.out, &mut show)?],
            None => run_demo_cpu(&demo(&args), &settings, &args.out, &mut show)?,
        },
        #[cfg(feature = "cuda")]
        Device::Cuda => {
            type B = gptomics::gpt2::backend::CudaAutodiff;
            let device = Default::default();
            match &inputs {
                Some(i) => vec![gptomics::pipeline::run_cohort::<B>(i, &settings, &args.out, &device, &mut show)?],
                None => gptomics::pipeline::run_demo::<B>(&demo(&args), &settings, &args.out, &device, &mut show)?,
            }
        }
        #[cfg(not(feature = "cuda"))]
        Device::Cuda => return Err("--device cuda needs a build with `--features cuda`".into()),
    };
    let html = write_report(&reports, &settings, &args.out)?;
    eprintln!("report: {}", html.display());
    Ok(())
}

fn demo(args: &Args) -> DemoOptions {
    let d = DemoOptions::default();
    DemoOptions { seed: args.demo_seed.unwrap_or(d.seed), ..d }
}

fn cohort_inputs(args: &Args, counts: &std::path::Path) -> Result<CohortInputs, Box<dyn std::error::Error>> {
    let metadata = match (&args.metadata, &args.series_matrix) {
        (Some(p), None) => Metadata::SampleSheet(p.clone()),
        (None, Some(p)) => Metadata::SeriesMatrix(p.clone()),
        _ => return Err("give --metadata FILE or --series-matrix FILE with --counts".into()),
    };
    let contrasts = args.contrast.iter().map(|c| ContrastSpec::parse(c)).collect::<Result<Vec<_>, _>>()?;
    let markers = Markers::parse(&args.markers);
    Ok(CohortInputs {
        name: args.name.clone(),
        counts: counts.to_path_buf(),
        metadata,
        gene_name_column: args.gene_name_column.clone(),
        design: args.design.clone(),
        contrasts,
        markers,
        genome: args.genome.clone(),
        gtf: args.gtf.clone(),
        fastq: args.fastq.clone(),
    })
}

/// Stage lines, and one overwritten line per training step.
fn show(progress: &Progress<'_>) {
    match progress {
        Progress::Started { cohort, stage } => eprintln!("[{cohort}] {stage} ..."),
        Progress::Finished { cohort, stage, outcome, seconds } => {
            let how = if *outcome == Outcome::Reused { "reused (--resume)" } else { "done" };
            eprintln!("\r[{cohort}] {stage} {how} in {seconds:.1} s                                        ");
        }
        Progress::Training { cohort, stage, event: Event::Step(p) } => eprint!(
            "\r[{cohort}] {stage}: epoch {} step {}/{} loss {:.4} {:.0} tok/s ETA {:.0} s   ",
            p.epoch, p.step, p.total_steps, p.loss, p.tokens_per_s, p.eta_s
        ),
        Progress::Training { .. } => {}
    }
}
