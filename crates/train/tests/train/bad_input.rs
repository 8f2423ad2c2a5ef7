//! Bad input stops with typed errors before any training: an empty dataset, labels of one class,
//! sequences longer than the model's context without a truncation rule, settings that cannot run.

use gptomics_gpt2::backend::CpuAutodiff;
use gptomics_tokenize::batch::Truncation;
use gptomics_tokenize::from_spec;
use gptomics_train::config::TrainConfig;
use gptomics_train::data::{TargetKind, read_tsv};
use gptomics_train::encode::EncodedSet;
use gptomics_train::task::{ModelSpec, fit_sequence_model};
use gptomics_train::trainer::RunOptions;
use gptomics_train::{Dataset, Error, Targets};

use crate::ONE_AT_A_TIME;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn dataset(sequences: &[&str], labels: &[usize]) -> Dataset {
    Dataset {
        ids: (0..sequences.len()).map(|i| format!("s{i}")).collect(),
        sequences: sequences.iter().map(|s| s.as_bytes().to_vec()).collect(),
        targets: Targets::Classes { names: vec!["0".into(), "1".into()], labels: labels.to_vec() },
        groups: None,
    }
}

#[test]
fn empty_dataset_file() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("empty.tsv");
    std::fs::write(&path, "sequence\tlabel\n")?;
    let error = read_tsv(&path, TargetKind::Classes).err().ok_or("an empty file was accepted")?;
    assert!(matches!(error, Error::Dataset(_)), "{error}");
    Ok(())
}

#[test]
fn one_class_is_refused() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec = ModelSpec::preset("tiny", tokenizer.vocab_size())?;
    let data = dataset(&["ACGTACGT", "TTTTACGA"], &[1, 1]);
    assert!(matches!(data.check_for_classification(), Err(Error::Dataset(_))));
    let set = EncodedSet::new(&data, tokenizer.as_ref(), spec.max_len(), None)?;
    let device = Default::default();
    let model = spec.sequence_model::<CpuAutodiff>(2, 0, &device)?;
    let error = fit_sequence_model(
        model,
        &set,
        None,
        &TrainConfig::from_scratch(),
        &RunOptions::default(),
        &device,
        &mut |_| {},
    )
    .err()
    .ok_or("one class was accepted")?;
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("one class")), "{error}");
    Ok(())
}

#[test]
fn too_long_without_truncation_rule() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let data = dataset(&["ACGTACGT", "ACGTACGTACGTACGTACGT"], &[0, 1]);
    let error = EncodedSet::new(&data, tokenizer.as_ref(), 10, None).err().ok_or("too long was accepted")?;
    assert!(matches!(error, Error::TooLong { index: 1, tokens: 20, max: 10, .. }), "{error}");
    assert!(error.to_string().contains("truncation"));
    let cut = EncodedSet::new(&data, tokenizer.as_ref(), 10, Some(Truncation::Head))?;
    assert_eq!(cut.ids[1].len(), 10);
    Ok(())
}

#[test]
fn settings_that_cannot_run() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec = ModelSpec::preset("tiny", tokenizer.vocab_size())?;
    let data = dataset(&["ACGTACGT", "TTTTACGA"], &[0, 1]);
    let set = EncodedSet::new(&data, tokenizer.as_ref(), spec.max_len(), None)?;
    let device = Default::default();
    let model = spec.sequence_model::<CpuAutodiff>(2, 0, &device)?;
    let config = TrainConfig { batch_size: 0, ..TrainConfig::from_scratch() };
    let error = fit_sequence_model(model, &set, None, &config, &RunOptions::default(), &device, &mut |_| {})
        .err()
        .ok_or("batch size 0 was accepted")?;
    assert!(matches!(error, Error::InvalidConfig(_)), "{error}");
    Ok(())
}

#[test]
fn non_finite_loss_stops_the_run() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec = ModelSpec::preset("tiny", tokenizer.vocab_size())?;
    let mut data = dataset(&["ACGTACGT", "TTTTACGA"], &[0, 1]);
    data.targets = Targets::Values(vec![1.0, 1e30]); // squared error overflows f32
    let set = EncodedSet::new(&data, tokenizer.as_ref(), spec.max_len(), None)?;
    let device = Default::default();
    let model = spec.sequence_model::<CpuAutodiff>(1, 0, &device)?;
    let error = fit_sequence_model(
        model,
        &set,
        None,
        &TrainConfig::from_scratch(),
        &RunOptions::default(),
        &device,
        &mut |_| {},
    )
    .err()
    .ok_or("an infinite loss was accepted")?;
    assert!(matches!(error, Error::NonFinite { step: 1, .. }), "{error}");
    Ok(())
}
