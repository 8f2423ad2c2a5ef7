//! Checkpoints that resume a run exactly: model, optimizer moments, best model so far and the loop's
//! state (step, position in the epoch, early-stopping counters, log), all in one directory.
//!
//! A checkpoint is written into a temporary sibling directory and swapped in by renames
//! (`checkpoint` → `checkpoint.old`, temporary → `checkpoint`, then `checkpoint.old` removed), so a kill
//! at any moment leaves a complete checkpoint: `checkpoint`, or `checkpoint.old` when the kill fell
//! between the two renames ([`find`] looks for both). Tensors go through burn's binary recorder at full
//! precision, which keeps parameter ids, so the optimizer's moments attach to the right parameters.

use std::path::{Path, PathBuf};

use burn::module::{AutodiffModule, Module};
use burn::optim::Optimizer;
use burn::record::{BinFileRecorder, FullPrecisionSettings, Recorder};
use burn::tensor::backend::AutodiffBackend;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::io::{create_dir, write_atomic};
use crate::log::LogRow;

/// The directory name of the current checkpoint inside a run directory.
pub const CHECKPOINT_DIR: &str = "checkpoint";
const OLD_DIR: &str = "checkpoint.old";
const STATE_FILE: &str = "state.json";
const FORMAT_VERSION: u32 = 1;

type Bin = BinFileRecorder<FullPrecisionSettings>;

/// Everything besides tensors that the loop needs to continue where it stopped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoopState {
    /// Format version of this file.
    pub version: u32,
    /// What the run trains (model shape, task, training settings, data size): a resume must match.
    pub fingerprint: String,
    /// Optimizer steps done.
    pub step: u64,
    /// Forward passes done (seeds each pass's dropout).
    pub micro_step: u64,
    /// Epochs completed.
    pub epoch: usize,
    /// Batches of the current epoch already consumed.
    pub batches_in_epoch: usize,
    /// Best monitored value so far, its step and epoch.
    pub best: Option<(f64, u64, usize)>,
    /// Evaluations since the last improvement.
    pub evals_without_improvement: usize,
    /// Training-loss sum and count since the last training log row.
    pub pending_loss: (f64, u64),
    /// The log so far.
    pub history: Vec<LogRow>,
}

impl LoopState {
    /// The state of a run that has not started.
    pub fn new(fingerprint: String) -> Self {
        Self {
            version: FORMAT_VERSION,
            fingerprint,
            step: 0,
            micro_step: 0,
            epoch: 0,
            batches_in_epoch: 0,
            best: None,
            evals_without_improvement: 0,
            pending_loss: (0.0, 0),
            history: Vec::new(),
        }
    }
}

/// The checkpoint to resume from in `run_dir`, if any.
pub fn find(run_dir: &Path) -> Option<PathBuf> {
    [CHECKPOINT_DIR, OLD_DIR].iter().map(|d| run_dir.join(d)).find(|d| d.join(STATE_FILE).is_file())
}

fn checkpoint_error(dir: &Path, reason: impl Into<String>) -> Error {
    Error::Checkpoint { dir: dir.to_path_buf(), reason: reason.into() }
}

/// Writes a checkpoint of `model`, `optimizer`, `best` and `state` into `run_dir/checkpoint`, atomically.
pub fn save<B, M, O>(
    run_dir: &Path,
    model: &M,
    optimizer: &O,
    best: Option<&M::InnerModule>,
    state: &LoopState,
) -> Result<PathBuf>
where
    B: AutodiffBackend,
    M: AutodiffModule<B>,
    O: Optimizer<M, B>,
{
    create_dir(run_dir)?;
    let tmp = run_dir.join(format!(".checkpoint.tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    create_dir(&tmp)?;
    let recorder = Bin::new();
    let fail = |what: &str, e: burn::record::RecorderError| checkpoint_error(&tmp, format!("writing {what}: {e}"));
    Recorder::<B>::record(&recorder, model.clone().into_record(), tmp.join("model")).map_err(|e| fail("model", e))?;
    Recorder::<B>::record(&recorder, optimizer.to_record(), tmp.join("optimizer")).map_err(|e| fail("optimizer", e))?;
    if let Some(best) = best {
        Recorder::<B::InnerBackend>::record(&recorder, best.clone().into_record(), tmp.join("best"))
            .map_err(|e| fail("best model", e))?;
    }
    let json = serde_json::to_vec_pretty(state).map_err(|e| checkpoint_error(&tmp, e.to_string()))?;
    write_atomic(&tmp.join(STATE_FILE), &json)?;
    let (current, old) = (run_dir.join(CHECKPOINT_DIR), run_dir.join(OLD_DIR));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    if current.exists() {
        std::fs::rename(&current, &old).map_err(|e| Error::io(&current, e))?;
    }
    std::fs::rename(&tmp, &current).map_err(|e| Error::io(&tmp, e))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(current)
}

/// What [`load`] restores.
pub struct Restored<M: AutodiffModule<B>, O, B: AutodiffBackend> {
    /// The model at the checkpoint.
    pub model: M,
    /// The optimizer with its moments.
    pub optimizer: O,
    /// The best model so far, when one was recorded.
    pub best: Option<M::InnerModule>,
    /// The loop state.
    pub state: LoopState,
}

/// Loads the checkpoint in `dir` into `model` and `optimizer` (fresh ones of the same shape). A checkpoint
/// from another model, task, data or settings (`fingerprint` differs), a newer format, or unreadable
/// files are [`Error::Checkpoint`]s.
pub fn load<B, M, O>(
    dir: &Path,
    model: M,
    optimizer: O,
    fingerprint: &str,
    device: &B::Device,
) -> Result<Restored<M, O, B>>
where
    B: AutodiffBackend,
    M: AutodiffModule<B>,
    O: Optimizer<M, B>,
{
    let bytes = std::fs::read(dir.join(STATE_FILE)).map_err(|e| checkpoint_error(dir, format!("{STATE_FILE}: {e}")))?;
    let state: LoopState =
        serde_json::from_slice(&bytes).map_err(|e| checkpoint_error(dir, format!("{STATE_FILE} is corrupted: {e}")))?;
    if state.version != FORMAT_VERSION {
        return Err(checkpoint_error(
            dir,
            format!("format version {} (this build reads {FORMAT_VERSION})", state.version),
        ));
    }
    if state.fingerprint != fingerprint {
        return Err(checkpoint_error(
            dir,
            format!(
                "it belongs to another run (model, task, data or settings differ):\n  checkpoint: {}\n  this run:   {fingerprint}",
                state.fingerprint
            ),
        ));
    }
    let recorder = Bin::new();
    let fail = |what: &str, e: burn::record::RecorderError| checkpoint_error(dir, format!("{what} is unreadable: {e}"));
    let record = Recorder::<B>::load(&recorder, dir.join("model"), device).map_err(|e| fail("model", e))?;
    let model = model.load_record(record);
    let record = Recorder::<B>::load(&recorder, dir.join("optimizer"), device).map_err(|e| fail("optimizer", e))?;
    let optimizer = optimizer.load_record(record);
    let best = if dir.join("best.bin").is_file() {
        let record = Recorder::<B::InnerBackend>::load(&recorder, dir.join("best"), device)
            .map_err(|e| fail("best model", e))?;
        Some(model.valid().load_record(record))
    } else {
        None
    };
    Ok(Restored { model, optimizer, best, state })
}
