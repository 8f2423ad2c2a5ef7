//! Classification and regression metrics, overall and per sequence-length bin.
//!
//! Each metric is defined as scikit-learn defines it (the tests compare against values scikit-learn and
//! SciPy computed), so numbers reported here can be put beside published ones:
//!
//! - [`classification_metrics`]: accuracy, precision, recall, F1, Matthews correlation, ROC-AUC and
//!   PR-AUC (average precision) from class labels and predicted class probabilities;
//! - [`regression_metrics`]: MSE, MAE, Pearson, Spearman and R²;
//! - [`length_bins`], [`classification_by_length`], [`regression_by_length`]: the same metrics within
//!   bins of log sequence length, as in the DNABERT-2 expression study, where long and short sequences
//!   are predicted with very different accuracy and one overall number hides that.
//!
//! Metrics are computed once on all predictions; this module does not average over folds or bootstrap.
//!
//! ```
//! use gptomics_train::metrics::{classification_metrics, regression_metrics};
//! // Three sequences, two classes: probabilities are rows of [P(class 0), P(class 1)].
//! let m = classification_metrics(&[0, 1, 1], &[0.8, 0.2, 0.3, 0.7, 0.6, 0.4], 2)?;
//! assert_eq!(m.confusion, [[1, 0], [1, 1]]);
//! assert!((m.accuracy - 2.0 / 3.0).abs() < 1e-12);
//! assert_eq!(m.roc_auc, Some(1.0));
//! let r = regression_metrics(&[1.0, 2.0, 3.0], &[1.0, 2.0, 4.0])?;
//! assert!((r.mse - 1.0 / 3.0).abs() < 1e-12);
//! # Ok::<(), gptomics_train::Error>(())
//! ```

mod classification;
mod length_bins;
mod named;
mod ranking;
mod regression;

pub use self::{
    classification::{ClassificationMetrics, classification_metrics},
    length_bins::{
        BinnedMetrics, DEFAULT_MIN_PER_BIN, LengthBin, classification_by_length, length_bins, regression_by_length,
    },
    regression::{RegressionMetrics, regression_metrics},
};
