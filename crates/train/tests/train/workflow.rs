//! The jobs behind the `classify` and `predict_expression` examples, end to end on small generated data:
//! every output file is written, the model and the baseline are both scored, and k-fold CV summarises.

use gptomics_gpt2::Gpt2Config;
use gptomics_gpt2::backend::CpuAutodiff;
use gptomics_tokenize::from_spec;
use gptomics_train::baseline::BaselineOptions;
use gptomics_train::config::TrainConfig;
use gptomics_train::motifs::RegionRule;
use gptomics_train::simulate::planted_motif;
use gptomics_train::task::ModelSpec;
use gptomics_train::workflow::{Job, cross_validate, summarize, train_and_test};
use gptomics_train::{Dataset, Targets};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// burn's CPU backend has one random generator per process: the tests take turns.
use crate::ONE_AT_A_TIME;

fn small_spec(vocab: usize) -> Result<ModelSpec> {
    Ok(ModelSpec { config: Gpt2Config::new(vocab, 64, 32, 1, 2), ..ModelSpec::preset("tiny", vocab)? })
}

fn config() -> TrainConfig {
    TrainConfig { max_epochs: 3, learning_rate: 3e-3, batch_size: 16, ..TrainConfig::from_scratch() }
}

fn baseline() -> BaselineOptions {
    BaselineOptions { ks: vec![3, 4], inner_folds: 3, ..BaselineOptions::default() }
}

#[test]
fn classification_job_writes_every_output() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let data = planted_motif(240, 40, b"GGGTTTAAAC", 5)?.dataset;
    let (train, test) = (data.subset(&(0..180).collect::<Vec<_>>()), data.subset(&(180..240).collect::<Vec<_>>()));
    let tokenizer = from_spec("kmer:4")?;
    let spec = small_spec(tokenizer.vocab_size())?;
    let (config, baseline) = (config(), baseline());
    let dir = tempfile::tempdir()?;
    let job = Job {
        train: &train,
        test: &test,
        tokenizer: tokenizer.as_ref(),
        spec: &spec,
        config: &config,
        truncation: None,
        validation_fraction: 0.1,
        baseline: &baseline,
        out_dir: Some(dir.path()),
        resume: false,
        motifs: Some((RegionRule::default(), 4)),
    };
    let report = train_and_test::<CpuAutodiff>(&job, &Default::default(), &mut |_| {})?;
    for key in ["accuracy", "f1", "mcc", "roc_auc", "pr_auc"] {
        assert!(report.model.contains_key(key) && report.baseline.contains_key(key), "{key} missing");
    }
    for file in ["model/config.json", "model/model.safetensors", "log.csv", "log.jsonl", "curve.png", "metrics.json"] {
        assert!(dir.path().join(file).is_file(), "{file} not written");
    }
    for file in ["regions.bed", "regions.tsv", "enrichment_1.tsv", "attention_profile.png", "checkpoint/state.json"] {
        assert!(dir.path().join(file).is_file(), "{file} not written");
    }
    Ok(())
}

#[test]
fn regression_job_and_cross_validation() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Values: the number of G/C bases, which both models can learn from k-mers.
    let mut data: Dataset = planted_motif(120, 30, b"GGCC", 9)?.dataset;
    let values = data.sequences.iter().map(|s| s.iter().filter(|&&b| b == b'G' || b == b'C').count() as f64).collect();
    data.targets = Targets::Values(values);
    let tokenizer = from_spec("kmer:3")?;
    let spec = small_spec(tokenizer.vocab_size())?;
    let (config, baseline) = (config(), baseline());
    let job = Job {
        train: &data,
        test: &data,
        tokenizer: tokenizer.as_ref(),
        spec: &spec,
        config: &config,
        truncation: None,
        validation_fraction: 0.1,
        baseline: &baseline,
        out_dir: None,
        resume: false,
        motifs: None,
    };
    let folds = cross_validate::<CpuAutodiff>(&job, 2, &Default::default(), &mut |_, _| {})?;
    assert_eq!(folds.len(), 2);
    let summary = summarize(&folds);
    for key in ["model.mse", "model.pearson", "baseline.r2", "baseline.spearman"] {
        assert!(summary.contains_key(key), "{key} missing from {:?}", summary.keys().collect::<Vec<_>>());
    }
    assert!(
        summary["baseline.pearson"].mean > 0.8,
        "ridge on 3-mers should count G/C: {:?}",
        summary["baseline.pearson"]
    );
    Ok(())
}
