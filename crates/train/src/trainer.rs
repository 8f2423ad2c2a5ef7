//! The training loop: AdamW with a cosine schedule and warmup, gradient accumulation, global-norm
//! clipping, evaluation at each epoch's end with best-model selection and early stopping, checkpoints
//! that resume exactly, and a stop with a clear error on a non-finite loss.
//!
//! Reproducibility on CPU: weight initialisation is seeded by the caller (see [`seed_backend`]); the
//! epoch's order is a shuffle seeded by (seed, epoch); each forward pass reseeds the backend's generator
//! from (seed, forward-pass number), so dropout masks depend only on where the run is, not on what ran
//! before in the process. That is what makes a resumed run's losses equal an uninterrupted run's.
//! burn's CPU backend keeps one generator per process: two trainings running at the same time on
//! different threads draw from it in turn and are then not reproducible. Train one model at a time per
//! process (cross-validation here runs its folds one after another).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use burn::module::AutodiffModule;
use burn::optim::{AdamWConfig, GradientsAccumulator, GradientsParams, Optimizer};
use burn::tensor::Tensor;
use burn::tensor::backend::{AutodiffBackend, Backend};

use crate::checkpoint::{self, LoopState};
use crate::clip::{ScalarF64, clip_grad_norm};
use crate::config::TrainConfig;
use crate::encode::{EncodedSet, TrainBatch};
use crate::error::{Error, Result};
use crate::log::{LogRow, draw_curve, write_logs};
use crate::rng::SplitMix64;
use crate::schedule::CosineWarmup;

/// A model the loop can train: it turns a batch into a scalar loss.
pub trait Objective<B: AutodiffBackend>: AutodiffModule<B> {
    /// The mean loss of `batch` (`[1]`).
    fn batch_loss(&self, batch: &TrainBatch<B>) -> Result<Tensor<B, 1>>;
}

/// Validation results: the metric name → value map always holds `loss`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Metric values by name.
    pub metrics: BTreeMap<String, f64>,
}

/// Where a run writes and whether it continues an earlier one.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Directory for checkpoints, logs and the curve; `None` keeps everything in memory.
    pub out_dir: Option<PathBuf>,
    /// Continue from the checkpoint in `out_dir` when there is one.
    pub resume: bool,
    /// Describes the model and task (e.g. its config JSON); with the settings and data size it forms the
    /// fingerprint a checkpoint must match to be resumed.
    pub model_description: String,
}

/// Progress of one optimizer step, for progress bars.
#[derive(Clone, Debug, PartialEq)]
pub struct StepProgress {
    /// Optimizer steps done.
    pub step: u64,
    /// The most steps the run can take (all epochs).
    pub total_steps: u64,
    /// Current epoch (1-based).
    pub epoch: usize,
    /// Mean loss of this step's batches.
    pub loss: f64,
    /// Learning rate used.
    pub lr: f64,
    /// Training tokens per second over this step.
    pub tokens_per_s: f64,
    /// Seconds left at this pace if no early stop happens.
    pub eta_s: f64,
}

/// What the loop tells its caller as it runs; binaries print these, the library never does.
#[derive(Debug)]
pub enum Event<'a> {
    /// Training starts (or resumes at `resumed_at` steps).
    Started {
        /// Steps the schedule spans.
        total_steps: u64,
        /// Steps already done when resuming.
        resumed_at: Option<u64>,
    },
    /// An optimizer step was taken.
    Step(&'a StepProgress),
    /// An epoch ended and was evaluated.
    Evaluated(&'a LogRow),
    /// A checkpoint was written.
    Checkpoint(&'a Path),
    /// No improvement for `patience` evaluations: training stops.
    EarlyStopped {
        /// The epoch that stopped it (1-based).
        epoch: usize,
    },
}

/// The outcome of [`fit`].
#[derive(Debug)]
pub struct Trained<M> {
    /// The best model by the monitored validation metric (the last one without validation).
    pub model: M,
    /// The log.
    pub history: Vec<LogRow>,
    /// Best monitored value, its step and epoch.
    pub best: Option<(f64, u64, usize)>,
    /// Optimizer steps taken.
    pub steps: u64,
    /// Whether early stopping ended the run.
    pub stopped_early: bool,
    /// Whether `stop_after_steps` ended the run (it can be resumed).
    pub interrupted: bool,
}

/// Seeds the backend's random generator on `device` (weight initialisation, dropout) from `seed`.
pub fn seed_backend<B: Backend>(seed: u64, device: &B::Device) {
    B::seed(device, seed);
}

/// The order of epoch `epoch` (0-based): a shuffle of `0..n` seeded by (seed, epoch).
pub fn epoch_order(n: usize, seed: u64, epoch: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix64::new(SplitMix64::derive(seed, epoch as u64 + 1)).shuffle(&mut order);
    order
}

/// Trains `model` on `train` with `config`, calling `evaluate` on the current model at the end of every
/// epoch (return `None` when there is no validation set: the last model is then kept).
pub fn fit<B, M, E>(
    model: M,
    train: &EncodedSet,
    config: &TrainConfig,
    mut evaluate: E,
    run: &RunOptions,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<Trained<M::InnerModule>>
where
    B: AutodiffBackend,
    M: Objective<B>,
    E: FnMut(&M::InnerModule) -> Result<Option<Evaluation>>,
{
    config.validate()?;
    if train.is_empty() {
        return Err(Error::Dataset("the training set is empty".into()));
    }
    let n = train.len();
    let batches_per_epoch = n.div_ceil(config.batch_size);
    let steps_per_epoch = batches_per_epoch.div_ceil(config.grad_accum) as u64;
    let total_steps = steps_per_epoch * config.max_epochs as u64;
    let schedule = CosineWarmup::new(config.learning_rate, config.warmup_ratio, total_steps);
    let settings = serde_json::to_string(&TrainConfig { stop_after_steps: None, ..config.clone() })
        .map_err(|e| Error::InvalidConfig(e.to_string()))?;
    let fingerprint = format!("{} | {settings} | {n} training sequences", run.model_description);

    let mut model = model;
    let mut optimizer = AdamWConfig::new()
        .with_beta_1(config.beta1 as f32)
        .with_beta_2(config.beta2 as f32)
        .with_epsilon(config.epsilon as f32)
        .with_weight_decay(config.weight_decay as f32)
        .init::<B, M>();
    let mut best: Option<M::InnerModule> = None;
    let mut state = LoopState::new(fingerprint.clone());
    let mut last_checkpoint: Option<PathBuf> = None;
    let mut resumed_at = None;
    // The run's folder holds the log, curve and checkpoints; a caller may name one that does not exist yet.
    if let Some(dir) = run.out_dir.as_deref() {
        crate::io::create_dir(dir)?;
    }
    if run.resume
        && let Some(dir) = run.out_dir.as_deref().and_then(checkpoint::find)
    {
        let restored = checkpoint::load(&dir, model, optimizer, &fingerprint, device)?;
        (model, optimizer, best, state) = (restored.model, restored.optimizer, restored.best, restored.state);
        resumed_at = Some(state.step);
        last_checkpoint = Some(dir);
    }
    events(&Event::Started { total_steps, resumed_at });

    let started = Instant::now();
    let steps_at_start = state.step;
    let mut stopped_early = false;
    while state.epoch < config.max_epochs && !stopped_early {
        let order = epoch_order(n, config.seed, state.epoch);
        let batches: Vec<&[usize]> = order.chunks(config.batch_size).collect();
        while state.batches_in_epoch < batches.len() {
            let group_end = (state.batches_in_epoch + config.grad_accum).min(batches.len());
            let group = &batches[state.batches_in_epoch..group_end];
            let step_started = Instant::now();
            let mut accumulator = GradientsAccumulator::<M>::new();
            let (mut loss_sum, mut tokens) = (0.0, 0);
            for indices in group {
                seed_backend::<B>(SplitMix64::derive(config.seed, state.micro_step), device);
                let batch = train.batch::<B>(indices, device)?;
                tokens += batch.tokens;
                let loss = model.batch_loss(&batch)?;
                let value = loss.clone().into_scalar_f64();
                if !value.is_finite() {
                    return Err(Error::NonFinite { what: "loss", value, step: state.step + 1, last_checkpoint });
                }
                loss_sum += value;
                let grads = GradientsParams::from_grads(loss.div_scalar(group.len() as f64).backward(), &model);
                accumulator.accumulate(&model, grads);
                state.micro_step += 1;
            }
            let mut grads = accumulator.grads();
            if let Some(max_norm) = config.max_grad_norm {
                let norm = clip_grad_norm::<B, M>(&model, &mut grads, max_norm);
                if !norm.is_finite() {
                    return Err(Error::NonFinite {
                        what: "gradient norm",
                        value: norm,
                        step: state.step + 1,
                        last_checkpoint,
                    });
                }
            }
            let lr = schedule.lr(state.step);
            model = optimizer.step(lr, model, grads);
            state.step += 1;
            state.batches_in_epoch = group_end;
            let loss = loss_sum / group.len() as f64;
            state.pending_loss = (state.pending_loss.0 + loss, state.pending_loss.1 + 1);
            let elapsed = started.elapsed().as_secs_f64();
            let per_step = elapsed / (state.step - steps_at_start) as f64;
            let progress = StepProgress {
                step: state.step,
                total_steps,
                epoch: state.epoch + 1,
                loss,
                lr,
                tokens_per_s: tokens as f64 / step_started.elapsed().as_secs_f64().max(1e-9),
                eta_s: per_step * (total_steps - state.step) as f64,
            };
            events(&Event::Step(&progress));
            if state.step.is_multiple_of(config.log_every) {
                push_train_row(&mut state, lr, progress.tokens_per_s);
            }
            let interrupted = config.stop_after_steps == Some(state.step);
            let due = config.checkpoint_every.is_some_and(|every| state.step.is_multiple_of(every));
            if let Some(dir) = run.out_dir.as_deref()
                && (due || interrupted)
            {
                let path = checkpoint::save::<B, M, _>(dir, &model, &optimizer, best.as_ref(), &state)?;
                events(&Event::Checkpoint(&path));
                last_checkpoint = Some(path);
            }
            if interrupted {
                let model = best.unwrap_or_else(|| model.valid());
                return Ok(Trained {
                    model,
                    history: state.history,
                    best: state.best,
                    steps: state.step,
                    stopped_early: false,
                    interrupted: true,
                });
            }
        }
        // End of the epoch: evaluate, select, maybe stop, checkpoint.
        state.epoch += 1;
        state.batches_in_epoch = 0;
        let lr = schedule.lr(state.step.saturating_sub(1));
        if state.pending_loss.1 > 0 {
            push_train_row(&mut state, lr, f64::NAN);
        }
        let current = model.valid();
        if let Some(evaluation) = evaluate(&current)? {
            let value = *evaluation.metrics.get(&config.monitor.metric).ok_or_else(|| {
                Error::InvalidConfig(format!(
                    "the monitored metric {:?} is not among the evaluation's: {:?}",
                    config.monitor.metric,
                    evaluation.metrics.keys().collect::<Vec<_>>()
                ))
            })?;
            // Undefined metrics (NaN, e.g. a correlation of constant predictions) are left out of the log.
            let validation = evaluation.metrics.into_iter().filter(|(_, v)| v.is_finite()).collect();
            let row =
                LogRow { step: state.step, epoch: state.epoch, lr, train_loss: None, tokens_per_s: None, validation };
            state.history.push(row);
            if let Some(row) = state.history.last() {
                events(&Event::Evaluated(row));
            }
            if config.monitor.improves(value, state.best.map(|b| b.0)) {
                state.best = Some((value, state.step, state.epoch));
                state.evals_without_improvement = 0;
                best = Some(current);
            } else {
                state.evals_without_improvement += 1;
                if config.patience.is_some_and(|p| state.evals_without_improvement >= p) {
                    stopped_early = true;
                    events(&Event::EarlyStopped { epoch: state.epoch });
                }
            }
        } else {
            best = Some(current);
        }
        if let Some(dir) = run.out_dir.as_deref() {
            write_logs(dir, &state.history)?;
            draw_curve(&dir.join("curve.png"), &state.history, &config.monitor.metric)?;
            let path = checkpoint::save::<B, M, _>(dir, &model, &optimizer, best.as_ref(), &state)?;
            events(&Event::Checkpoint(&path));
        }
    }
    let model = best.unwrap_or_else(|| model.valid());
    Ok(Trained {
        model,
        history: state.history,
        best: state.best,
        steps: state.step,
        stopped_early,
        interrupted: false,
    })
}

/// Closes a training-loss row of the log from the pending sums.
fn push_train_row(state: &mut LoopState, lr: f64, tokens_per_s: f64) {
    let (sum, count) = state.pending_loss;
    state.history.push(LogRow {
        step: state.step,
        epoch: state.epoch + usize::from(state.batches_in_epoch > 0),
        lr,
        train_loss: Some(sum / count.max(1) as f64),
        tokens_per_s: tokens_per_s.is_finite().then_some(tokens_per_s),
        validation: BTreeMap::new(),
    });
    state.pending_loss = (0.0, 0);
}
