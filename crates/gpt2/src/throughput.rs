//! Throughput measurement of forward passes and training steps: the library side of
//! `examples/gpt2_throughput.rs`, kept here so the GPU benchmark and the CPU one run the same code.
//!
//! Each step ends with a device synchronisation before the clock is read (GPU work is asynchronous), the
//! first `warmup` steps are not timed (allocation, autotuning), and the median step time is reported.
//! Training steps are forward, backward and AdamW on random token ids, like llm.c's benchmark loop.

use std::time::Instant;

use burn::module::AutodiffModule;
use burn::optim::{AdamWConfig, GradientsParams, Optimizer};
use burn::tensor::backend::{AutodiffBackend, Backend};
use burn::tensor::{Distribution, Int, Tensor};

use crate::config::Gpt2Config;
use crate::error::{Error, Result};
use crate::lm::Gpt2LmHeadModel;
use crate::model::ForwardOptions;

/// What to time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Forward only, no gradients (inference and embeddings).
    Forward,
    /// Forward, backward and one AdamW update.
    Train,
}

/// Size of the measurement.
#[derive(Debug, Clone, Copy)]
pub struct Workload {
    /// Sequences per step.
    pub batch: usize,
    /// Tokens per sequence.
    pub seq: usize,
    /// Untimed steps first.
    pub warmup: usize,
    /// Timed steps.
    pub steps: usize,
}

/// The measurement.
#[derive(Debug, Clone)]
pub struct Report {
    /// Parameters (tied LM head counted once).
    pub params: usize,
    /// Median seconds per step.
    pub step_s_median: f64,
    /// Fastest and slowest timed step.
    pub step_s_range: (f64, f64),
    /// Tokens per second at the median step time.
    pub tokens_per_s: f64,
    /// Achieved FLOP/s by llm.c's count (6·N + 6·L·C·T per token for training, a third of it forward).
    pub flops_per_s: f64,
    /// Mean LM loss of the timed steps on random ids (≈ ln V for a fresh model: a check that the work was done).
    pub mean_loss: f64,
}

/// [`measure`] on the CPU backend. Non-generic, so the CPU code is compiled once, in this crate, not
/// again in each program that calls it (at opt-level 2, minutes of a cold build).
pub fn measure_cpu(config: &Gpt2Config, mode: Mode, workload: Workload) -> Result<Report> {
    measure::<crate::backend::CpuAutodiff>(config, mode, workload, &Default::default())
}

/// Times `workload` on a fresh model of `config` (random init) on `device`. Forward mode runs on the inner
/// (non-autodiff) backend.
pub fn measure<B: AutodiffBackend>(
    config: &Gpt2Config,
    mode: Mode,
    workload: Workload,
    device: &B::Device,
) -> Result<Report> {
    if workload.batch == 0 || workload.seq == 0 || workload.steps == 0 {
        return Err(Error::InvalidInput("batch, seq and steps must be at least 1".into()));
    }
    if workload.seq > config.n_positions {
        return Err(Error::InvalidInput(format!("seq {} exceeds n_positions {}", workload.seq, config.n_positions)));
    }
    let model = Gpt2LmHeadModel::<B>::new(config, device)?;
    let params = config.num_params();
    let (times, losses) = match mode {
        Mode::Forward => forward_steps(&model.valid(), workload, device)?,
        Mode::Train => train_steps(model, workload, device)?,
    };
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let tokens = (workload.batch * workload.seq) as f64;
    let per_token = config.train_flops_per_token(workload.seq) / if mode == Mode::Forward { 3.0 } else { 1.0 };
    Ok(Report {
        params,
        step_s_median: median,
        step_s_range: (sorted[0], sorted[sorted.len() - 1]),
        tokens_per_s: tokens / median,
        flops_per_s: per_token * tokens / median,
        mean_loss: losses.iter().sum::<f64>() / losses.len() as f64,
    })
}

fn random_ids<B: Backend>(workload: Workload, vocab: usize, device: &B::Device) -> Tensor<B, 2, Int> {
    Tensor::<B, 2>::random([workload.batch, workload.seq], Distribution::Uniform(0.0, vocab as f64), device)
        .int()
        .clamp(0, vocab as i64 - 1)
}

fn sync<B: Backend>(device: &B::Device) -> Result<()> {
    B::sync(device).map_err(|e| Error::InvalidInput(format!("device synchronisation failed: {e:?}")))
}

fn forward_steps<B: Backend>(
    model: &Gpt2LmHeadModel<B>,
    workload: Workload,
    device: &B::Device,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let vocab = model.transformer.config().vocab_size;
    let (mut times, mut losses) = (Vec::new(), Vec::new());
    for step in 0..workload.warmup + workload.steps {
        let ids = random_ids::<B>(workload, vocab, device);
        sync::<B>(device)?;
        let start = Instant::now();
        let logits = model.forward(ids.clone(), None, ForwardOptions::default(), None)?.logits;
        sync::<B>(device)?;
        let elapsed = start.elapsed().as_secs_f64();
        if step >= workload.warmup {
            times.push(elapsed);
            losses.push(Gpt2LmHeadModel::loss(logits, ids).into_scalar_f64());
        }
    }
    Ok((times, losses))
}

fn train_steps<B: AutodiffBackend>(
    mut model: Gpt2LmHeadModel<B>,
    workload: Workload,
    device: &B::Device,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let vocab = model.transformer.config().vocab_size;
    let mut optim = AdamWConfig::new().with_weight_decay(0.01).init();
    let (mut times, mut losses) = (Vec::new(), Vec::new());
    for step in 0..workload.warmup + workload.steps {
        let ids = random_ids::<B>(workload, vocab, device);
        sync::<B>(device)?;
        let start = Instant::now();
        let logits = model.forward(ids.clone(), None, ForwardOptions::default(), None)?.logits;
        let loss = Gpt2LmHeadModel::loss(logits, ids);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        model = optim.step(1e-4, model, grads);
        sync::<B>(device)?;
        let elapsed = start.elapsed().as_secs_f64();
        if step >= workload.warmup {
            times.push(elapsed);
            losses.push(loss.into_scalar_f64());
        }
    }
    Ok((times, losses))
}

/// Reads a one-element tensor as f64 whatever its float type.
trait ScalarF64 {
    fn into_scalar_f64(self) -> f64;
}

impl<B: Backend> ScalarF64 for Tensor<B, 1> {
    fn into_scalar_f64(self) -> f64 {
        self.into_data().convert::<f64>().into_vec::<f64>().ok().and_then(|v| v.first().copied()).unwrap_or(f64::NAN)
    }
}

/// The process's peak resident memory in bytes (Linux `VmHWM`), `None` elsewhere. On CPU backends this is
/// the model's peak memory; GPU memory is not included.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
