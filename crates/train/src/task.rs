//! The tasks, wired end to end: a sequence model (classification or regression head on GPT-2) built from
//! a preset or from HuggingFace weights, trained by [`crate::trainer::fit`] with the evaluation its
//! targets call for; and causal language-model pretraining on a DNA corpus.

use std::path::{Path, PathBuf};

use burn::tensor::backend::{AutodiffBackend, Backend};
use gptomics_gpt2::{Gpt2Config, Gpt2FileConfig, Gpt2ForSequenceClassification, Gpt2LmHeadModel, Pooling};

use crate::config::TrainConfig;
use crate::data::Targets;
use crate::encode::EncodedSet;
use crate::error::{Error, Result};
use crate::predict::{evaluate_classifier, evaluate_lm, evaluate_regressor};
use crate::trainer::{Event, RunOptions, Trained, fit, seed_backend};

/// Which model to start from.
#[derive(Clone, Debug)]
pub struct ModelSpec {
    /// The architecture (a preset with the tokenizer's vocabulary, or a checkpoint's `config.json`).
    pub config: Gpt2Config,
    /// HuggingFace weights to start from (`None`: random initialisation, training from scratch).
    pub weights: Option<PathBuf>,
    /// How the classifier pools a sequence.
    pub pooling: Pooling,
}

impl ModelSpec {
    /// A preset (`tiny`, `small`, `medium`, `large`, `xl`) sized to the tokenizer's vocabulary, from scratch.
    pub fn preset(name: &str, vocab_size: usize) -> Result<Self> {
        Ok(Self {
            config: Gpt2Config::preset(name)?.with_vocab_size(vocab_size),
            weights: None,
            pooling: Pooling::LastToken,
        })
    }

    /// Pretrained HuggingFace weights (`model.safetensors`) with the `config.json` beside them. The
    /// checkpoint's vocabulary must be the tokenizer's: token ids index its embedding.
    pub fn pretrained(weights: &Path, vocab_size: usize) -> Result<Self> {
        let config_path = weights.with_file_name("config.json");
        let config = Gpt2FileConfig::from_file(&config_path)?.into_config()?;
        if config.vocab_size != vocab_size {
            return Err(Error::InvalidConfig(format!(
                "{} has a vocabulary of {} tokens but the tokenizer has {vocab_size}: use the tokenizer the \
                 weights were trained with (e.g. bpe:tokenizer.json for GPT-2), or train from scratch",
                config_path.display(),
                config.vocab_size
            )));
        }
        Ok(Self { config, weights: Some(weights.to_path_buf()), pooling: Pooling::LastToken })
    }

    /// The model's context length.
    pub fn max_len(&self) -> usize {
        self.config.n_positions
    }

    /// A classifier (or regressor, `num_labels` = 1) of this spec, initialised with `seed` and loaded with
    /// the weights when there are any (the head stays freshly initialised).
    pub fn sequence_model<B: Backend>(
        &self,
        num_labels: usize,
        seed: u64,
        device: &B::Device,
    ) -> Result<Gpt2ForSequenceClassification<B>> {
        seed_backend::<B>(seed, device);
        let mut model = Gpt2ForSequenceClassification::new(&self.config, num_labels, self.pooling, device)?;
        if let Some(weights) = &self.weights {
            model.load_weights(weights)?;
        }
        Ok(model)
    }

    /// A language model of this spec, initialised with `seed` (and loaded with the weights if any).
    pub fn language_model<B: Backend>(&self, seed: u64, device: &B::Device) -> Result<Gpt2LmHeadModel<B>> {
        seed_backend::<B>(seed, device);
        let mut model = Gpt2LmHeadModel::new(&self.config, device)?;
        if let Some(weights) = &self.weights {
            model.load_weights(weights)?;
        }
        Ok(model)
    }

    /// Text identifying the model for checkpoint fingerprints.
    pub fn describe(&self, num_labels: usize) -> String {
        format!(
            "gpt2 {:?} labels={num_labels} pooling={:?} weights={}",
            self.config,
            self.pooling,
            self.weights.as_ref().map_or_else(|| "none".into(), |w| w.display().to_string())
        )
    }
}

/// Number of head outputs the targets need: one per class, or one value.
pub fn num_outputs(targets: &Targets) -> Result<usize> {
    match targets {
        Targets::Classes { names, labels } => {
            let mut seen = vec![false; names.len()];
            labels.iter().for_each(|&l| seen[l] = true);
            if seen.iter().filter(|&&s| s).count() < 2 {
                return Err(Error::Dataset(format!(
                    "the training labels hold one class only ({}); a classifier needs at least two",
                    names
                        .iter()
                        .zip(&seen)
                        .filter(|(_, s)| **s)
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            Ok(names.len())
        }
        Targets::Values(_) => Ok(1),
        Targets::None => Err(Error::Dataset("a sequence model needs labels or values".into())),
    }
}

/// Trains a sequence classifier or regressor (by `train`'s targets), selecting the best model on `valid`.
pub fn fit_sequence_model<B: AutodiffBackend>(
    model: Gpt2ForSequenceClassification<B>,
    train: &EncodedSet,
    valid: Option<&EncodedSet>,
    config: &TrainConfig,
    run: &RunOptions,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<Trained<Gpt2ForSequenceClassification<B::InnerBackend>>> {
    let labels = num_outputs(&train.targets)?;
    if labels != model.num_labels() {
        return Err(Error::InvalidConfig(format!(
            "the data need {labels} outputs, the model has {}",
            model.num_labels()
        )));
    }
    let batch = config.batch_size;
    let regression = matches!(train.targets, Targets::Values(_));
    let evaluate = |m: &Gpt2ForSequenceClassification<B::InnerBackend>| -> Result<_> {
        valid
            .map(|v| {
                if regression {
                    evaluate_regressor(m, v, batch, device)
                } else {
                    evaluate_classifier(m, v, batch, device)
                }
            })
            .transpose()
    };
    fit(model, train, config, evaluate, run, device, events)
}

/// Pretrains a causal language model on `train` (next-token loss), selecting on `valid`'s loss.
pub fn fit_language_model<B: AutodiffBackend>(
    model: Gpt2LmHeadModel<B>,
    train: &EncodedSet,
    valid: Option<&EncodedSet>,
    config: &TrainConfig,
    run: &RunOptions,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<Trained<Gpt2LmHeadModel<B::InnerBackend>>> {
    let batch = config.batch_size;
    let evaluate = |m: &Gpt2LmHeadModel<B::InnerBackend>| valid.map(|v| evaluate_lm(m, v, batch, device)).transpose();
    fit(model, train, config, evaluate, run, device, events)
}
