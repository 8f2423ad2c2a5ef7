//! Whole jobs as the example programs run them: train on one set and score another (with the k-mer
//! baseline beside the model, attention regions and enriched k-mers written out), and k-fold
//! cross-validation. The examples only parse flags and print; everything they do is here.
//!
//! Honesty rules: the validation set that selects the epoch is carved out of the training data
//! (stratified, seeded); the test set (or test fold) is scored once, by the selected model; the baseline
//! chooses its regularisation by inner cross-validation on the same training data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use burn::tensor::backend::AutodiffBackend;
use gptomics_tokenize::SequenceTokenizer;
use gptomics_tokenize::batch::Truncation;
use serde::Serialize;

use crate::attribution::alrw_profiles;
use crate::baseline::{BaselineOptions, fit_classifier, fit_regressor};
use crate::config::TrainConfig;
use crate::data::{Dataset, Targets};
use crate::encode::EncodedSet;
use crate::error::{Error, Result};
use crate::io::{create_dir, write_atomic};
use crate::metrics::{classification_metrics, regression_metrics};
use crate::motifs::{
    KmerEnrichment, RegionRule, class_profile, high_attention_regions, kmer_enrichment, write_enrichment_tsv,
    write_regions_bed, write_regions_tsv,
};
use crate::predict::{evaluate_classifier, evaluate_regressor};
use crate::split::{holdout, k_fold_dataset};
use crate::task::{ModelSpec, fit_sequence_model, num_outputs};
use crate::trainer::{Event, RunOptions};

/// A train-then-test job (classification or regression, by the training targets).
pub struct Job<'a> {
    /// Training data (a validation part is held out of it).
    pub train: &'a Dataset,
    /// Scored once at the end.
    pub test: &'a Dataset,
    /// The tokenizer.
    pub tokenizer: &'a dyn SequenceTokenizer,
    /// The model to start from.
    pub spec: &'a ModelSpec,
    /// Training settings.
    pub config: &'a TrainConfig,
    /// What to do with sequences longer than the model's context (`None`: refuse them).
    pub truncation: Option<Truncation>,
    /// Fraction of the training data held out for model selection and early stopping.
    pub validation_fraction: f64,
    /// The k-mer baseline's settings.
    pub baseline: &'a BaselineOptions,
    /// Where the model, log, curve, regions and metrics go (`None`: nothing is written).
    pub out_dir: Option<&'a Path>,
    /// Continue from a checkpoint in `out_dir`.
    pub resume: bool,
    /// Attention analysis: region rule and the k of the enrichment test (`None`: skip; classification only).
    pub motifs: Option<(RegionRule, usize)>,
}

/// Test-set results of the model and the baseline.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The language model's metrics (`accuracy, f1, mcc, roc_auc, pr_auc, ...` or `pearson, spearman, r2, ...`).
    pub model: BTreeMap<String, f64>,
    /// The k-mer baseline's metrics on the same test set.
    pub baseline: BTreeMap<String, f64>,
    /// Optimizer steps taken, and the epoch whose model was kept.
    pub steps: u64,
    /// Epoch of the selected model (`None` without a validation set).
    pub best_epoch: Option<usize>,
    /// Seconds spent training the language model.
    pub train_seconds: f64,
    /// Seconds spent fitting the baseline (including its inner cross-validation).
    pub baseline_seconds: f64,
    /// Per class, the k-mers of its high-attention regions most enriched against the other classes
    /// (the [`TOP_KMERS`] smallest p-values; the full tables are `enrichment_<class>.tsv`). Empty without
    /// attention analysis or an output folder.
    pub top_kmers: BTreeMap<String, Vec<KmerEnrichment>>,
}

/// How many enriched k-mers per class a [`Report`] keeps.
pub const TOP_KMERS: usize = 20;

/// Trains on `job.train`, scores `job.test`, fits and scores the baseline, and writes the outputs.
pub fn train_and_test<B: AutodiffBackend>(
    job: &Job<'_>,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<Report> {
    let outputs = num_outputs(&job.train.targets)?;
    let regression = matches!(job.train.targets, Targets::Values(_));
    let (fit_part, valid_part) = holdout(
        &(0..job.train.len()).collect::<Vec<_>>(),
        job.train.labels(),
        job.validation_fraction,
        job.config.seed,
    );
    let max_len = job.spec.max_len();
    let encoded = EncodedSet::new(job.train, job.tokenizer, max_len, job.truncation)?;
    let test = EncodedSet::new(job.test, job.tokenizer, max_len, job.truncation)?;
    let (train, valid) = (encoded.subset(&fit_part), encoded.subset(&valid_part));
    let valid = (!valid.is_empty()).then_some(&valid);

    let run = RunOptions {
        out_dir: job.out_dir.map(Path::to_path_buf),
        resume: job.resume,
        model_description: job.spec.describe(outputs),
    };
    let model = job.spec.sequence_model::<B>(outputs, job.config.seed, device)?;
    let started = Instant::now();
    let trained = fit_sequence_model(model, &train, valid, job.config, &run, device, events)?;
    let train_seconds = started.elapsed().as_secs_f64();
    let batch = job.config.batch_size;
    let model_metrics = if regression {
        evaluate_regressor(&trained.model, &test, batch, device)?.metrics
    } else {
        evaluate_classifier(&trained.model, &test, batch, device)?.metrics
    };

    let started = Instant::now();
    let baseline = if regression {
        let fitted = fit_regressor(job.train, job.baseline)?;
        regression_map(job.test, &fitted.predict(&job.test.sequences)?)?
    } else {
        let fitted = fit_classifier(job.train, job.baseline)?;
        classification_map(job.test, &fitted.predict_proba(&job.test.sequences)?)?
    };
    let baseline_seconds = started.elapsed().as_secs_f64();

    let mut top_kmers = BTreeMap::new();
    if let Some(dir) = job.out_dir {
        trained.model.save_pretrained(&dir.join("model"))?;
        if let (Some((rule, k)), false) = (&job.motifs, regression) {
            let profiles = alrw_profiles(&trained.model, &test, batch, device)?;
            top_kmers = write_motifs(dir, job.test, &profiles, rule, *k)?;
        }
    }
    let report = Report {
        model: model_metrics,
        baseline,
        steps: trained.steps,
        best_epoch: trained.best.map(|b| b.2),
        train_seconds,
        baseline_seconds,
        top_kmers,
    };
    if let Some(dir) = job.out_dir {
        let json = serde_json::to_vec_pretty(&report).map_err(|e| Error::InvalidInput(e.to_string()))?;
        write_atomic(&dir.join("metrics.json"), &json)?;
    }
    Ok(report)
}

/// Metrics of class probabilities against a dataset's labels, by name.
fn classification_map(data: &Dataset, proba: &[f64]) -> Result<BTreeMap<String, f64>> {
    let labels = data.labels().ok_or_else(|| Error::Dataset("the test set has no class labels".into()))?;
    Ok(classification_metrics(labels, proba, data.num_classes())?.to_map())
}

/// Metrics of predicted values against a dataset's values, by name.
fn regression_map(data: &Dataset, predicted: &[f64]) -> Result<BTreeMap<String, f64>> {
    let truth = data.values().ok_or_else(|| Error::Dataset("the test set has no values".into()))?;
    Ok(regression_metrics(truth, predicted)?.to_map())
}

/// Writes `regions.bed`, `regions.tsv`, one `enrichment_<class>.tsv` per class (its regions' k-mers
/// against the other classes' sequences) and `attention_profile.png` (mean profile per class); returns each
/// class's [`TOP_KMERS`] most enriched k-mers.
fn write_motifs(
    dir: &Path,
    test: &Dataset,
    profiles: &[Vec<f64>],
    rule: &RegionRule,
    k: usize,
) -> Result<BTreeMap<String, Vec<KmerEnrichment>>> {
    let regions: Vec<_> = profiles.iter().map(|p| high_attention_regions(p, rule)).collect();
    let records: Vec<(String, Vec<_>)> = test.ids.iter().cloned().zip(regions.iter().cloned()).collect();
    write_regions_bed(&dir.join("regions.bed"), &records)?;
    let sequences: Vec<&[u8]> = test.sequences.iter().map(Vec::as_slice).collect();
    write_regions_tsv(&dir.join("regions.tsv"), &records, &sequences)?;
    let Targets::Classes { names, labels } = &test.targets else { return Ok(BTreeMap::new()) };
    let mut lines = Vec::new();
    let mut top = BTreeMap::new();
    for (class, name) in names.iter().enumerate() {
        let members: Vec<usize> = (0..test.len()).filter(|&i| labels[i] == class).collect();
        if members.is_empty() || members.len() == test.len() {
            continue;
        }
        let inside: Vec<&[u8]> = members.iter().map(|&i| sequences[i]).collect();
        let class_regions: Vec<_> = members.iter().map(|&i| regions[i].clone()).collect();
        let others: Vec<&[u8]> = (0..test.len()).filter(|&i| labels[i] != class).map(|i| sequences[i]).collect();
        let enrichment = kmer_enrichment(&inside, &class_regions, &others, k)?;
        write_enrichment_tsv(&dir.join(format!("enrichment_{}.tsv", file_safe(name))), &enrichment)?;
        top.insert(name.clone(), enrichment.iter().take(TOP_KMERS).cloned().collect());
        let profile = class_profile(&members.iter().map(|&i| profiles[i].clone()).collect::<Vec<_>>())?;
        lines.push(gptomics_expr::plots::LineSeries {
            name: format!("class {name}"),
            points: profile.iter().enumerate().map(|(i, &v)| (i as f64, v)).collect(),
        });
    }
    if !lines.is_empty() {
        let options = gptomics_expr::plots::LinePlotOptions {
            title: "Mean attention (ALRW) along the sequence".into(),
            x_label: "position (bases)".into(),
            y_label: "attention (L2-normalised per sequence)".into(),
            ..Default::default()
        };
        gptomics_expr::plots::line_plot(dir.join("attention_profile.png"), &lines, &options)?;
    }
    Ok(top)
}

fn file_safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect()
}

/// One fold's results.
#[derive(Clone, Debug, Serialize)]
pub struct FoldReport {
    /// Fold number (1-based).
    pub fold: usize,
    /// Its test-fold results.
    pub report: Report,
}

/// Mean and sample standard deviation of a metric over folds.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct MeanSd {
    /// Mean over folds.
    pub mean: f64,
    /// Sample standard deviation (n − 1).
    pub sd: f64,
}

/// K-fold cross-validation: per fold, [`train_and_test`] with the fold's training part (a validation
/// part held out of it) and its test part; `out_dir/fold{i}` per fold when an output directory is given.
pub fn cross_validate<B: AutodiffBackend>(
    job: &Job<'_>,
    folds: usize,
    device: &B::Device,
    events: &mut dyn FnMut(usize, &Event<'_>),
) -> Result<Vec<FoldReport>> {
    let splits = k_fold_dataset(job.train, folds, job.config.seed)?;
    let mut reports = Vec::with_capacity(folds);
    for (i, fold) in splits.iter().enumerate() {
        let (train, test) = (job.train.subset(&fold.train), job.train.subset(&fold.test));
        let dir: Option<PathBuf> = job.out_dir.map(|d| d.join(format!("fold{}", i + 1)));
        if let Some(dir) = &dir {
            create_dir(dir)?;
        }
        let fold_job = Job { train: &train, test: &test, out_dir: dir.as_deref(), ..*job };
        let report = train_and_test::<B>(&fold_job, device, &mut |e| events(i + 1, e))?;
        reports.push(FoldReport { fold: i + 1, report });
    }
    Ok(reports)
}

/// [`train_and_test`] on the CPU backend. Non-generic, so the CPU training code is compiled once, in
/// this crate: a program that instantiates the generic version compiles it again itself, at opt-level 2
/// (about 3 CPU-minutes of a cold `cargo test` per example binary).
pub fn train_and_test_cpu(job: &Job<'_>, events: &mut dyn FnMut(&Event<'_>)) -> Result<Report> {
    train_and_test::<gptomics_gpt2::backend::CpuAutodiff>(job, &Default::default(), events)
}

/// [`cross_validate`] on the CPU backend; see [`train_and_test_cpu`] for why it exists.
pub fn cross_validate_cpu(
    job: &Job<'_>,
    folds: usize,
    events: &mut dyn FnMut(usize, &Event<'_>),
) -> Result<Vec<FoldReport>> {
    cross_validate::<gptomics_gpt2::backend::CpuAutodiff>(job, folds, &Default::default(), events)
}

/// Mean ± sd of every metric over the folds, for the model and the baseline.
pub fn summarize(folds: &[FoldReport]) -> BTreeMap<String, MeanSd> {
    let mut values: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for fold in folds {
        for (prefix, map) in [("model", &fold.report.model), ("baseline", &fold.report.baseline)] {
            for (name, &v) in map {
                values.entry(format!("{prefix}.{name}")).or_default().push(v);
            }
        }
        values.entry("model.train_seconds".into()).or_default().push(fold.report.train_seconds);
    }
    values
        .into_iter()
        .map(|(name, v)| {
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            let sd =
                if v.len() > 1 { (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt() } else { 0.0 };
            (name, MeanSd { mean, sd })
        })
        .collect()
}
