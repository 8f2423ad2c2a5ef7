//! Predict a value per sequence (e.g. log TPM from promoter sequence, the DNABERT-2 expression task)
//! with a GPT-2 regression head, scored on a test set beside k-mer ridge regression.
//!
//! cargo run --release --example predict_expression -- --train promoters_train.tsv \
//!     --test promoters_test.tsv --tokenizer kmer:6 --preset tiny --epochs 20 --out runs/expression
//!
//! Inputs: TSV `sequence<TAB>value` (header `sequence\tlabel`, optional `id`/`group` columns) or FASTA
//! with `>id|value` headers. The last line printed is a JSON object of the test metrics
//! (`pearson, spearman, r2, mse, mae`); the baseline's go to stderr and `metrics.json`.

use std::path::{Path, PathBuf};

use clap::Parser;
use gptomics::tokenize::from_spec;
use gptomics::train::baseline::BaselineOptions;
use gptomics::train::config::{Monitor, TrainConfig};
use gptomics::train::data::{LabelSource, TargetKind, read_fasta, read_tsv};
use gptomics::train::encode::parse_truncation;
use gptomics::train::task::ModelSpec;
use gptomics::train::trainer::Event;
use gptomics::train::workflow::{Job, train_and_test_cpu};
use gptomics::train::{Dataset, Error};

#[derive(Parser)]
#[command(about = "Regress values on sequences with GPT-2, beside k-mer ridge regression")]
struct Args {
    /// Training sequences with values: TSV or FASTA (`>id|value`).
    #[arg(long)]
    train: PathBuf,
    /// Test sequences with values.
    #[arg(long)]
    test: PathBuf,
    /// kmer:K, kmer:K:strideS or bpe:PATH/tokenizer.json.
    #[arg(long, default_value = "kmer:6")]
    tokenizer: String,
    /// Model size when training from scratch.
    #[arg(long, default_value = "tiny")]
    preset: String,
    /// HuggingFace GPT-2 `model.safetensors` (config.json beside it) to fine-tune.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// Maximum epochs.
    #[arg(long, default_value_t = 50)]
    epochs: usize,
    /// Learning rate (default: 5e-4 from scratch, 2e-5 fine-tuning).
    #[arg(long)]
    lr: Option<f64>,
    /// Validation metric that selects the model: loss (MSE), pearson, spearman, r2.
    #[arg(long, default_value = "loss")]
    monitor: String,
    /// Truncate sequences longer than the model's context: head or tail (default: refuse them).
    #[arg(long)]
    truncate: Option<String>,
    /// Seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output directory.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn read(path: &Path) -> Result<Dataset, Error> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("fa" | "fasta" | "fna") => read_fasta(path, LabelSource::Header, TargetKind::Values),
        _ => read_tsv(path, TargetKind::Values),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let tokenizer = from_spec(&args.tokenizer)?;
    let spec = match &args.weights {
        Some(weights) => ModelSpec::pretrained(weights, tokenizer.vocab_size())?,
        None => ModelSpec::preset(&args.preset, tokenizer.vocab_size())?,
    };
    let base = TrainConfig::for_start(args.weights.is_some());
    let config = TrainConfig {
        learning_rate: args.lr.unwrap_or(base.learning_rate),
        max_epochs: args.epochs,
        monitor: Monitor::named(&args.monitor),
        seed: args.seed,
        ..base
    };
    let truncation = parse_truncation(args.truncate.as_deref())?;
    let (train, test) = (read(&args.train)?, read(&args.test)?);
    let baseline = BaselineOptions { seed: args.seed, ..BaselineOptions::default() };
    let job = Job {
        train: &train,
        test: &test,
        tokenizer: tokenizer.as_ref(),
        spec: &spec,
        config: &config,
        truncation,
        validation_fraction: 0.1,
        baseline: &baseline,
        out_dir: args.out.as_deref(),
        resume: false,
        motifs: None,
    };
    let report = train_and_test_cpu(&job, &mut |event| match event {
        Event::Step(p) => {
            eprint!("\repoch {} step {}/{} loss {:.4} ETA {:.0} s   ", p.epoch, p.step, p.total_steps, p.loss, p.eta_s)
        }
        Event::Evaluated(row) => eprintln!("\nepoch {} validation {:?}", row.epoch, row.validation),
        _ => {}
    })?;
    eprintln!("baseline (k-mer ridge regression): {}", serde_json::to_string(&report.baseline)?);
    println!("{}", serde_json::to_string(&report.model)?);
    Ok(())
}
