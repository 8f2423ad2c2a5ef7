//! Acceptance: a run stopped part-way and resumed from its checkpoint reproduces the uninterrupted run's
//! loss curve exactly (CPU), including dropout, gradient accumulation, clipping and the LR schedule; and
//! checkpoints that are corrupted or belong to another run are refused with typed errors.

use gptomics_gpt2::Gpt2Config;
use gptomics_gpt2::backend::CpuAutodiff;
use gptomics_tokenize::from_spec;
use gptomics_train::Error;
use gptomics_train::checkpoint::CHECKPOINT_DIR;
use gptomics_train::config::TrainConfig;
use gptomics_train::encode::EncodedSet;
use gptomics_train::log::LogRow;
use gptomics_train::simulate::planted_motif;
use gptomics_train::task::{ModelSpec, fit_sequence_model};
use gptomics_train::trainer::RunOptions;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

struct Setup {
    spec: ModelSpec,
    train: EncodedSet,
    valid: EncodedSet,
    config: TrainConfig,
}

fn setup() -> Result<Setup> {
    let planted = planted_motif(72, 30, b"ACGTTGCA", 11)?;
    let tokenizer = from_spec("kmer:3")?;
    let mut config = Gpt2Config::new(tokenizer.vocab_size(), 64, 32, 2, 2);
    config.resid_pdrop = 0.1; // dropout on: resumption must reproduce its masks too
    let spec = ModelSpec { config, ..ModelSpec::preset("tiny", tokenizer.vocab_size())? };
    let all = EncodedSet::new(&planted.dataset, tokenizer.as_ref(), spec.max_len(), None)?;
    let (train, valid) = (all.subset(&(0..60).collect::<Vec<_>>()), all.subset(&(60..72).collect::<Vec<_>>()));
    let config = TrainConfig {
        learning_rate: 3e-3,
        batch_size: 8,
        grad_accum: 2,
        max_epochs: 3,
        log_every: 1,
        checkpoint_every: Some(2),
        ..TrainConfig::from_scratch()
    };
    Ok(Setup { spec, train, valid, config })
}

/// burn's NdArray backend keeps one random generator per process, so two trainings running at once
/// (the test harness runs tests on parallel threads) would draw from it in an interleaved, unrepeatable
/// order. The tests take turns.
use crate::ONE_AT_A_TIME;

fn run(
    setup: &Setup,
    config: &TrainConfig,
    dir: &std::path::Path,
    resume: bool,
) -> gptomics_train::Result<Vec<LogRow>> {
    let device = Default::default();
    let model = setup.spec.sequence_model::<CpuAutodiff>(2, config.seed, &device)?;
    let options = RunOptions { out_dir: Some(dir.to_path_buf()), resume, model_description: setup.spec.describe(2) };
    let trained = fit_sequence_model(model, &setup.train, Some(&setup.valid), config, &options, &device, &mut |_| {})?;
    Ok(trained.history)
}

#[test]
fn resumed_run_matches_uninterrupted_run() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let setup = setup()?;
    let (a, b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let whole = run(&setup, &setup.config, a.path(), false)?;
    // 60 sequences / batch 8 = 8 batches = 4 steps per epoch; stop at step 5, inside epoch 2.
    let stopped = run(&setup, &TrainConfig { stop_after_steps: Some(5), ..setup.config.clone() }, b.path(), false)?;
    assert!(stopped.len() < whole.len());
    let resumed = run(&setup, &setup.config, b.path(), true)?;
    assert_eq!(whole.len(), 3 * 4 + 3, "a training row per step and an evaluation row per epoch");
    let losses = |rows: &[LogRow]| {
        rows.iter().map(|r| (r.step, r.train_loss, r.validation.get("loss").copied())).collect::<Vec<_>>()
    };
    assert_eq!(losses(&whole), losses(&resumed), "the resumed run's losses differ from the uninterrupted run's");
    assert!(b.path().join("log.csv").is_file() && b.path().join("curve.png").is_file());
    Ok(())
}

#[test]
fn corrupted_and_foreign_checkpoints_are_refused() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let setup = setup()?;
    let dir = tempfile::tempdir()?;
    run(&setup, &TrainConfig { stop_after_steps: Some(2), ..setup.config.clone() }, dir.path(), false)?;
    let checkpoint = dir.path().join(CHECKPOINT_DIR);

    // Other settings: the fingerprint differs.
    let other = TrainConfig { learning_rate: 1e-3, ..setup.config.clone() };
    let error = run(&setup, &other, dir.path(), true).err().ok_or("a foreign checkpoint was accepted")?;
    assert!(matches!(error, Error::Checkpoint { .. }), "{error}");
    assert!(error.to_string().contains("another run"), "{error}");

    // A damaged tensor file.
    let model = checkpoint.join("model.bin");
    let bytes = std::fs::read(&model)?;
    std::fs::write(&model, &bytes[..bytes.len() / 2])?;
    let error = run(&setup, &setup.config, dir.path(), true).err().ok_or("a truncated checkpoint was accepted")?;
    assert!(matches!(error, Error::Checkpoint { .. }), "{error}");

    // A damaged state file.
    std::fs::write(checkpoint.join("state.json"), b"{ not json")?;
    let error = run(&setup, &setup.config, dir.path(), true).err().ok_or("a corrupted state was accepted")?;
    assert!(matches!(error, Error::Checkpoint { .. }) && error.to_string().contains("corrupted"), "{error}");
    Ok(())
}
