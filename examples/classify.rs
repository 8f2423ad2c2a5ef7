//! Train a GPT-2 sequence classifier, score it on a test set beside a k-mer baseline, and write the
//! model, training log and curve, and attention regions with their enriched k-mers.
//!
//! cargo run --release --example classify -- --train train.tsv --test test.tsv --tokenizer kmer:6 \
//!     --preset tiny --epochs 20 --out runs/promoters
//! cargo run --release --example classify -- --train dev.tsv --folds 5 --tokenizer kmer:6 --out runs/cv
//!
//! Inputs: DNABERT-style TSV (`sequence<TAB>label`, k-mers or bases) or FASTA with `>id|label` headers
//! (or `--labels ids.tsv`). Without `--weights` the model is trained from scratch (lr 5e-4, batch 32);
//! with HuggingFace GPT-2 weights it is fine-tuned with the seed study's settings (lr 2e-5, batch 10 ×
//! accumulation 4). The last line printed is a JSON object of the test metrics (`accuracy, f1, mcc,
//! roc_auc, pr_auc`), or of their mean and sd over folds with `--folds`.

use std::path::{Path, PathBuf};

use clap::Parser;
use gptomics::tokenize::from_spec;
use gptomics::train::baseline::BaselineOptions;
use gptomics::train::config::{Monitor, TrainConfig};
use gptomics::train::data::{LabelSource, TargetKind, read_fasta, read_tsv};
use gptomics::train::encode::parse_truncation;
use gptomics::train::motifs::RegionRule;
use gptomics::train::task::ModelSpec;
use gptomics::train::trainer::Event;
use gptomics::train::workflow::{Job, cross_validate_cpu, summarize, train_and_test_cpu};
use gptomics::train::{Dataset, Error};

#[derive(Parser)]
#[command(about = "Train and evaluate a GPT-2 sequence classifier with a k-mer baseline beside it")]
struct Args {
    /// Training sequences: TSV (`sequence<TAB>label`) or FASTA (`>id|label`, or with --labels).
    #[arg(long)]
    train: PathBuf,
    /// Test sequences, same formats. Without it, give --folds.
    #[arg(long)]
    test: Option<PathBuf>,
    /// k-fold cross-validation on --train instead of a test file.
    #[arg(long)]
    folds: Option<usize>,
    /// TSV `id<TAB>label` for FASTA inputs whose headers carry no label.
    #[arg(long)]
    labels: Option<PathBuf>,
    /// kmer:K, kmer:K:strideS or bpe:PATH/tokenizer.json.
    #[arg(long, default_value = "kmer:6")]
    tokenizer: String,
    /// Model size when training from scratch: tiny, small, medium, large, xl.
    #[arg(long, default_value = "tiny")]
    preset: String,
    /// Override the preset's layers / width / heads (a smaller or larger model from scratch).
    #[arg(long)]
    layers: Option<usize>,
    /// Override the preset's embedding width.
    #[arg(long)]
    width: Option<usize>,
    /// Override the preset's attention heads.
    #[arg(long)]
    heads: Option<usize>,
    /// HuggingFace GPT-2 `model.safetensors` (config.json beside it) to fine-tune.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// Maximum epochs.
    #[arg(long, default_value_t = 50)]
    epochs: usize,
    /// Learning rate (default: 5e-4 from scratch, 2e-5 fine-tuning).
    #[arg(long)]
    lr: Option<f64>,
    /// Sequences per batch (default: 32 from scratch, 10 fine-tuning).
    #[arg(long)]
    batch: Option<usize>,
    /// Early-stopping patience in epochs.
    #[arg(long, default_value_t = 10)]
    patience: usize,
    /// Validation metric that selects the model: loss, accuracy, f1, mcc, roc_auc, pr_auc.
    #[arg(long, default_value = "loss")]
    monitor: String,
    /// Truncate sequences longer than the model's context: head, tail (default: refuse them).
    #[arg(long)]
    truncate: Option<String>,
    /// Seed of splits, initialisation, order and dropout.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output directory.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Continue from the checkpoint in --out.
    #[arg(long)]
    resume: bool,
}

fn read(path: &Path, labels: Option<&Path>) -> Result<Dataset, Error> {
    let fasta = matches!(path.extension().and_then(|e| e.to_str()), Some("fa" | "fasta" | "fna" | "gz"))
        && !path.to_string_lossy().ends_with(".tsv.gz");
    if fasta {
        let source = labels.map_or(LabelSource::Header, LabelSource::Table);
        read_fasta(path, source, TargetKind::Classes)
    } else {
        read_tsv(path, TargetKind::Classes)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let tokenizer = from_spec(&args.tokenizer)?;
    let mut spec = match &args.weights {
        Some(weights) => ModelSpec::pretrained(weights, tokenizer.vocab_size())?,
        None => ModelSpec::preset(&args.preset, tokenizer.vocab_size())?,
    };
    if let Some(v) = args.layers {
        spec.config.n_layer = v;
    }
    if let Some(v) = args.width {
        spec.config.n_embd = v;
    }
    if let Some(v) = args.heads {
        spec.config.n_head = v;
    }
    let base = TrainConfig::for_start(args.weights.is_some());
    let config = TrainConfig {
        learning_rate: args.lr.unwrap_or(base.learning_rate),
        batch_size: args.batch.unwrap_or(base.batch_size),
        max_epochs: args.epochs,
        patience: Some(args.patience),
        monitor: Monitor::named(&args.monitor),
        seed: args.seed,
        ..base
    };
    let truncation = parse_truncation(args.truncate.as_deref())?;
    let train = read(&args.train, args.labels.as_deref())?;
    let test = args.test.as_deref().map(|p| read(p, args.labels.as_deref())).transpose()?;
    let baseline = BaselineOptions { seed: args.seed, ..BaselineOptions::default() };
    let job = Job {
        train: &train,
        test: test.as_ref().unwrap_or(&train),
        tokenizer: tokenizer.as_ref(),
        spec: &spec,
        config: &config,
        truncation,
        validation_fraction: 0.1,
        baseline: &baseline,
        out_dir: args.out.as_deref(),
        resume: args.resume,
        motifs: Some((RegionRule::default(), 6)),
    };
    eprintln!(
        "{} training sequences, {} parameters, {} tokenizer, lr {}, batch {} x {}",
        train.len(),
        spec.config.num_params(),
        args.tokenizer,
        config.learning_rate,
        config.batch_size,
        config.grad_accum
    );
    match (args.folds, &test) {
        (Some(folds), None) => {
            let reports = cross_validate_cpu(&job, folds, &mut |fold, e| progress(Some(fold), e))?;
            for fold in &reports {
                eprintln!("fold {}: model {:?}", fold.fold, fold.report.model);
                eprintln!("fold {}: baseline {:?}", fold.fold, fold.report.baseline);
            }
            println!("{}", serde_json::to_string(&summarize(&reports))?);
        }
        (None, Some(_)) => {
            let report = train_and_test_cpu(&job, &mut |e| progress(None, e))?;
            eprintln!("baseline (k-mer logistic regression): {}", serde_json::to_string(&report.baseline)?);
            println!("{}", serde_json::to_string(&report.model)?);
        }
        _ => return Err("give either --test FILE or --folds K".into()),
    }
    Ok(())
}

/// One progress line per optimizer step (overwritten) and per evaluation.
fn progress(fold: Option<usize>, event: &Event<'_>) {
    let prefix = fold.map(|f| format!("fold {f} ")).unwrap_or_default();
    match event {
        Event::Step(p) => eprint!(
            "\r{prefix}epoch {} step {}/{} loss {:.4} lr {:.2e} {:.0} tok/s ETA {:.0} s   ",
            p.epoch, p.step, p.total_steps, p.loss, p.lr, p.tokens_per_s, p.eta_s
        ),
        Event::Evaluated(row) => eprintln!("\n{prefix}epoch {} validation {:?}", row.epoch, row.validation),
        Event::EarlyStopped { epoch } => eprintln!("{prefix}early stop after epoch {epoch}"),
        _ => {}
    }
}
