//! The training log: one row per logging interval or evaluation, kept in memory (and in checkpoints, so
//! a resumed run continues the same log) and rewritten whole and atomically as `log.jsonl`, `log.csv`
//! and the curve `curve.png` in the run's directory.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use gptomics_expr::plots::{LinePlotOptions, LineSeries, line_plot};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::io::write_atomic;

/// One row of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogRow {
    /// Optimizer steps done.
    pub step: u64,
    /// Epoch (1-based) the row belongs to.
    pub epoch: usize,
    /// Learning rate of the last step.
    pub lr: f64,
    /// Mean training loss since the previous training row (`None` on evaluation rows).
    pub train_loss: Option<f64>,
    /// Training tokens per second since the previous training row.
    pub tokens_per_s: Option<f64>,
    /// Validation metrics (`loss`, `accuracy`, ...), on evaluation rows.
    pub validation: BTreeMap<String, f64>,
}

/// Writes `log.jsonl` and `log.csv` (columns: step, epoch, lr, train_loss, tokens_per_s, then
/// `val_<metric>` for every metric seen, empty where a row has none) into `dir`.
pub fn write_logs(dir: &Path, rows: &[LogRow]) -> Result<()> {
    let mut jsonl = String::new();
    for row in rows {
        let line = serde_json::to_string(row).map_err(|e| Error::InvalidInput(format!("log row: {e}")))?;
        jsonl.push_str(&line);
        jsonl.push('\n');
    }
    write_atomic(&dir.join("log.jsonl"), jsonl.as_bytes())?;
    let keys: BTreeSet<&String> = rows.iter().flat_map(|r| r.validation.keys()).collect();
    let mut csv = String::from("step,epoch,lr,train_loss,tokens_per_s");
    for key in &keys {
        let _ = write!(csv, ",val_{key}");
    }
    csv.push('\n');
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for row in rows {
        let _ = write!(csv, "{},{},{},{},{}", row.step, row.epoch, row.lr, opt(row.train_loss), opt(row.tokens_per_s));
        for key in &keys {
            let _ = write!(csv, ",{}", opt(row.validation.get(*key).copied()));
        }
        csv.push('\n');
    }
    write_atomic(&dir.join("log.csv"), csv.as_bytes())
}

/// Draws the training curve to `path`: training loss and validation loss against the step, and the
/// monitored validation metric when it is not the loss.
pub fn draw_curve(path: &Path, rows: &[LogRow], monitored: &str) -> Result<()> {
    let series = |name: &str, pick: &dyn Fn(&LogRow) -> Option<f64>| LineSeries {
        name: name.to_string(),
        points: rows.iter().filter_map(|r| pick(r).map(|v| (r.step as f64, v))).collect(),
    };
    let mut lines = vec![
        series("train loss", &|r| r.train_loss),
        series("validation loss", &|r| r.validation.get("loss").copied()),
    ];
    if monitored != "loss" {
        lines.push(series(&format!("validation {monitored}"), &|r| r.validation.get(monitored).copied()));
    }
    lines.retain(|s| !s.points.is_empty());
    if lines.is_empty() {
        return Ok(());
    }
    let options = LinePlotOptions {
        title: "Training curve".into(),
        x_label: "optimizer step".into(),
        y_label: "loss / metric".into(),
        ..LinePlotOptions::default()
    };
    Ok(line_plot(path, &lines, &options)?)
}
