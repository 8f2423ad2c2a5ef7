//! HuggingFace checkpoints in and out: `config.json` + `model.safetensors`, for each model class.
//!
//! Our own checkpoints use the same layout, so a model trained here opens in `transformers` and the
//! other way round; the classifier adds `num_labels` (and `gptomics_pooling` when it is not HuggingFace's
//! last-token pooling) to `config.json`.

use std::path::Path;

use burn::tensor::backend::Backend;

use crate::classifier::{Gpt2ForSequenceClassification, Pooling};
use crate::error::{Error, Result};
use crate::hf_config::Gpt2FileConfig;
use crate::lm::Gpt2LmHeadModel;
use crate::weights::{self, LoadReport};

/// File names inside a checkpoint directory, as `save_pretrained` writes them.
pub const CONFIG_FILE: &str = "config.json";
/// See [`CONFIG_FILE`].
pub const WEIGHTS_FILE: &str = "model.safetensors";

/// Is `path` a head's tensor (`score.*`) rather than the transformer's?
fn is_head(path: &str) -> bool {
    path.starts_with("score.")
}

impl<B: Backend> Gpt2LmHeadModel<B> {
    /// Builds the model from `config.json` and loads `weights` (safetensors) into it.
    pub fn from_pretrained(config: &Path, weights: &Path, device: &B::Device) -> Result<(Self, LoadReport)> {
        let config = Gpt2FileConfig::from_file(config)?.into_config().map_err(|e| named(e, config))?;
        let mut model = Self::new(&config, device)?;
        let report = model.load_weights(weights)?;
        Ok((model, report))
    }

    /// Loads a GPT-2 checkpoint of any HuggingFace class into this model; a classification head in the
    /// file is skipped (reported), nothing may be missing.
    pub fn load_weights(&mut self, file: &Path) -> Result<LoadReport> {
        let dtype = self.transformer.dtype();
        weights::load(self, file, dtype, |_| false, is_head)
    }

    /// Writes `config.json` and `model.safetensors` (HuggingFace's `GPT2LMHeadModel` layout) into `dir`.
    pub fn save_pretrained(&self, dir: &Path) -> Result<()> {
        create_dir(dir)?;
        Gpt2FileConfig::from_config(self.transformer.config(), "GPT2LMHeadModel").to_file(dir.join(CONFIG_FILE))?;
        weights::save(self, &dir.join(WEIGHTS_FILE), self.transformer.dtype())
    }
}

impl<B: Backend> Gpt2ForSequenceClassification<B> {
    /// Builds the classifier from `config.json` (its `num_labels` and pooling, or those given here) and
    /// loads `weights`. A checkpoint without a head (a pretrained LM) leaves `score` freshly initialised,
    /// which the report lists: that is the fine-tuning case.
    pub fn from_pretrained(
        config: &Path,
        weights: &Path,
        num_labels: Option<usize>,
        pooling: Option<Pooling>,
        device: &B::Device,
    ) -> Result<(Self, LoadReport)> {
        let file = Gpt2FileConfig::from_file(config)?;
        let labels = num_labels.unwrap_or_else(|| file.num_labels());
        let pooling = pooling.unwrap_or(match file.gptomics_pooling.as_deref() {
            Some("mean") => Pooling::Mean,
            _ => Pooling::LastToken,
        });
        let model_config = file.into_config().map_err(|e| named(e, config))?;
        let mut model = Self::new(&model_config, labels, pooling, device)?;
        let report = model.load_weights(weights)?;
        Ok((model, report))
    }

    /// Loads a checkpoint; the head may be absent (it then keeps its initialisation), the rest may not.
    pub fn load_weights(&mut self, file: &Path) -> Result<LoadReport> {
        let dtype = self.transformer.dtype();
        weights::load(self, file, dtype, is_head, |_| false)
    }

    /// Writes `config.json` and `model.safetensors` (HuggingFace's `GPT2ForSequenceClassification` layout).
    pub fn save_pretrained(&self, dir: &Path) -> Result<()> {
        create_dir(dir)?;
        let mut file = Gpt2FileConfig::from_config(self.transformer.config(), "GPT2ForSequenceClassification");
        file.num_labels = Some(self.num_labels());
        file.gptomics_pooling = (self.pooling() == Pooling::Mean).then(|| "mean".to_string());
        file.to_file(dir.join(CONFIG_FILE))?;
        weights::save(self, &dir.join(WEIGHTS_FILE), self.transformer.dtype())
    }
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io { file: dir.to_path_buf(), source })
}

/// Puts the file name on a config error raised while converting.
fn named(e: Error, file: &Path) -> Error {
    match e {
        Error::Config { reason, .. } => Error::Config { file: file.to_path_buf(), reason },
        other => other,
    }
}
