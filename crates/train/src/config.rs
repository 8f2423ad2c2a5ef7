//! Training settings, with the two defaults users need: fine-tuning pretrained weights (the seed study's
//! settings) and training from scratch (a higher learning rate: random weights need larger steps, and the
//! seed's 2e-5 leaves a small GPT-2 near chance after tens of epochs on DNABERT's promoter set).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Whether a larger or a smaller monitored value is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    /// Smaller is better (losses, errors).
    Minimize,
    /// Larger is better (accuracy, MCC, AUC, R²).
    Maximize,
}

/// The validation metric that selects the best model and drives early stopping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Monitor {
    /// A key of the evaluation (`loss`, `accuracy`, `f1`, `mcc`, `roc_auc`, `pearson`, `r2`, ...).
    pub metric: String,
    /// Its direction.
    pub goal: Goal,
}

impl Monitor {
    /// Validation loss, smaller is better: defined for every task.
    pub fn loss() -> Self {
        Self { metric: "loss".into(), goal: Goal::Minimize }
    }

    /// `metric`, with the direction known for this crate's metric names (errors and losses are
    /// minimised, everything else maximised).
    pub fn named(metric: &str) -> Self {
        let goal = match metric {
            "loss" | "mse" | "mae" | "perplexity" => Goal::Minimize,
            _ => Goal::Maximize,
        };
        Self { metric: metric.into(), goal }
    }

    /// Whether `value` improves on `best` (strictly; NaN never improves).
    pub fn improves(&self, value: f64, best: Option<f64>) -> bool {
        match (best, self.goal) {
            _ if value.is_nan() => false,
            (None, _) => true,
            (Some(b), Goal::Minimize) => value < b,
            (Some(b), Goal::Maximize) => value > b,
        }
    }
}

/// Every setting of the training loop. Build from [`TrainConfig::fine_tune`] or
/// [`TrainConfig::from_scratch`] and change fields as needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Peak learning rate (after warmup).
    pub learning_rate: f64,
    /// AdamW's decoupled weight decay.
    pub weight_decay: f64,
    /// AdamW's β₁.
    pub beta1: f64,
    /// AdamW's β₂.
    pub beta2: f64,
    /// AdamW's ε (PyTorch's and HuggingFace's 1e-8; burn's own default is 1e-5).
    pub epsilon: f64,
    /// Fraction of all optimizer steps spent warming the learning rate up linearly from 0.
    pub warmup_ratio: f64,
    /// Sequences per forward pass.
    pub batch_size: usize,
    /// Forward passes whose gradients are summed before one optimizer step.
    pub grad_accum: usize,
    /// Upper bound on epochs (the cosine schedule spans all of them).
    pub max_epochs: usize,
    /// Stop after this many evaluations without improvement (`None`: never stop early).
    pub patience: Option<usize>,
    /// Clip the global gradient norm to this (`None`: no clipping).
    pub max_grad_norm: Option<f64>,
    /// What selects the best model.
    pub monitor: Monitor,
    /// Write a checkpoint every this many optimizer steps (and always at each epoch's end); `None`:
    /// only at epoch ends. Checkpoints need an output directory.
    pub checkpoint_every: Option<u64>,
    /// Append a training-loss row to the log every this many optimizer steps.
    pub log_every: u64,
    /// Seed of weight initialisation, data order and dropout.
    pub seed: u64,
    /// Stop (as if interrupted) after this many optimizer steps; for tests of resumption and quick runs.
    pub stop_after_steps: Option<u64>,
}

impl TrainConfig {
    /// The seed study's fine-tuning settings: AdamW lr 2e-5, weight decay 0.01, cosine schedule with
    /// warmup ratio 0.1, batch 10 × gradient accumulation 4, up to 50 epochs, early stopping with patience
    /// 10 on the validation loss, gradient norm clipped to 1 (HuggingFace Trainer's default).
    pub fn fine_tune() -> Self {
        Self {
            learning_rate: 2e-5,
            weight_decay: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
            warmup_ratio: 0.1,
            batch_size: 10,
            grad_accum: 4,
            max_epochs: 50,
            patience: Some(10),
            max_grad_norm: Some(1.0),
            monitor: Monitor::loss(),
            checkpoint_every: None,
            log_every: 10,
            seed: 42,
            stop_after_steps: None,
        }
    }

    /// Training a randomly initialised model: as [`TrainConfig::fine_tune`] but lr 5e-4 (nanoGPT's and
    /// llm.c's range for small GPT-2s trained from scratch) and batch 32 × 1, so small datasets still get
    /// enough optimizer steps per epoch.
    pub fn from_scratch() -> Self {
        Self { learning_rate: 5e-4, batch_size: 32, grad_accum: 1, ..Self::fine_tune() }
    }

    /// [`TrainConfig::fine_tune`] when starting from pretrained weights, else [`TrainConfig::from_scratch`].
    pub fn for_start(pretrained: bool) -> Self {
        if pretrained { Self::fine_tune() } else { Self::from_scratch() }
    }

    /// Checks that the numbers can run.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: &str| Err(Error::InvalidConfig(why.into()));
        if !(self.learning_rate > 0.0 && self.learning_rate.is_finite()) {
            return bad("learning_rate must be positive");
        }
        if self.batch_size == 0 || self.grad_accum == 0 || self.max_epochs == 0 || self.log_every == 0 {
            return bad("batch_size, grad_accum, max_epochs and log_every must be at least 1");
        }
        if !(0.0..1.0).contains(&self.warmup_ratio) {
            return bad("warmup_ratio must be in [0, 1)");
        }
        if self.weight_decay < 0.0 || !(0.0..1.0).contains(&self.beta1) || !(0.0..1.0).contains(&self.beta2) {
            return bad("weight_decay must be ≥ 0 and the betas in [0, 1)");
        }
        if self.max_grad_norm.is_some_and(|n| n <= 0.0 || n.is_nan()) || self.patience == Some(0) {
            return bad("max_grad_norm must be positive and patience at least 1");
        }
        if self.checkpoint_every == Some(0) {
            return bad("checkpoint_every must be at least 1");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monitor_directions() {
        assert!(Monitor::named("mcc").improves(0.5, Some(0.4)));
        assert!(!Monitor::named("loss").improves(0.5, Some(0.4)));
        assert!(!Monitor::loss().improves(f64::NAN, None));
        assert!(Monitor::loss().improves(3.0, None));
    }

    #[test]
    fn defaults_validate() {
        assert!(TrainConfig::fine_tune().validate().is_ok());
        assert!(TrainConfig::from_scratch().validate().is_ok());
        let zero = TrainConfig { learning_rate: 0.0, ..TrainConfig::fine_tune() };
        assert!(zero.validate().is_err());
    }
}
