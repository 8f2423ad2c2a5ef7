//! Classification metrics from true labels and predicted class probabilities, defined as scikit-learn's
//! (`accuracy_score`, `precision_recall_fscore_support`, `matthews_corrcoef`, `roc_auc_score`,
//! `average_precision_score`). No sample weights, no thresholds other than the arg-max.

use serde::Serialize;

use super::ranking::{average_precision, roc_auc};
use crate::{Error, Result};

/// The metrics of one set of predictions.
///
/// With two classes, precision, recall and F1 are those of class 1 (scikit-learn's `average='binary'`) and
/// the AUCs rank by the probability of class 1. With more classes they are macro averages: precision,
/// recall and F1 over the classes that occur among the labels or the predictions (scikit-learn's
/// `average='macro'` without a `labels` argument, 0 where a ratio is 0/0), ROC-AUC and PR-AUC one class
/// against the rest, averaged over all classes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassificationMetrics {
    /// Number of predictions.
    pub n: usize,
    /// Fraction predicted correctly.
    pub accuracy: f64,
    /// Precision (binary: of class 1; else macro).
    pub precision: f64,
    /// Recall (binary: of class 1; else macro).
    pub recall: f64,
    /// F1 score (binary: of class 1; else the mean of the per-class F1 scores).
    pub f1: f64,
    /// Matthews correlation coefficient (multi-class: Gorodkin's R_K); 0 when undefined, as scikit-learn.
    pub mcc: f64,
    /// Area under the ROC curve; `None` when a class is absent from the labels (undefined).
    pub roc_auc: Option<f64>,
    /// Average precision (step-wise area under the precision-recall curve); `None` when a class is absent.
    pub pr_auc: Option<f64>,
    /// Counts `confusion[truth][predicted]`, `num_classes × num_classes`.
    pub confusion: Vec<Vec<u64>>,
}

/// Computes [`ClassificationMetrics`] of `labels` (class indices) against `probabilities`, row-major
/// `[n, num_classes]` (e.g. softmax outputs; rows need not sum to one). The predicted class is the row's
/// arg-max, the lowest index on ties.
///
/// Errors ([`Error::InvalidInput`]): no labels, fewer than two classes, `probabilities.len() !=
/// labels.len() * num_classes`, a label `>= num_classes`, a NaN probability.
///
/// ```
/// use gptomics_train::metrics::classification_metrics;
/// // Three classes; the third sequence is predicted as class 0 (tie with class 1: lowest index).
/// let probs = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.4, 0.4, 0.2];
/// let m = classification_metrics(&[0, 1, 2], &probs, 3)?;
/// assert_eq!(m.confusion, [[1, 0, 0], [0, 1, 0], [1, 0, 0]]);
/// assert!((m.recall - 2.0 / 3.0).abs() < 1e-12);
/// assert!(classification_metrics(&[0, 3], &[0.5; 6], 3).is_err());
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn classification_metrics(
    labels: &[usize],
    probabilities: &[f64],
    num_classes: usize,
) -> Result<ClassificationMetrics> {
    check(labels, probabilities, num_classes)?;
    let n = labels.len();
    let mut confusion = vec![vec![0u64; num_classes]; num_classes];
    for (&truth, row) in labels.iter().zip(probabilities.chunks_exact(num_classes)) {
        confusion[truth][arg_max(row)] += 1;
    }
    let true_sum: Vec<f64> = confusion.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let pred_sum: Vec<f64> = (0..num_classes).map(|k| confusion.iter().map(|r| r[k]).sum::<u64>() as f64).collect();
    let tp: Vec<f64> = (0..num_classes).map(|k| confusion[k][k] as f64).collect();
    let correct: f64 = tp.iter().sum();

    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let per_class = |k: usize| {
        (ratio(tp[k], pred_sum[k]), ratio(tp[k], true_sum[k]), ratio(2.0 * tp[k], true_sum[k] + pred_sum[k]))
    };
    let (precision, recall, f1) = if num_classes == 2 {
        per_class(1)
    } else {
        let seen: Vec<usize> = (0..num_classes).filter(|&k| true_sum[k] + pred_sum[k] > 0.0).collect();
        let mean = |f: &dyn Fn(usize) -> f64| seen.iter().map(|&k| f(k)).sum::<f64>() / seen.len() as f64;
        (mean(&|k| per_class(k).0), mean(&|k| per_class(k).1), mean(&|k| per_class(k).2))
    };

    let all_present = true_sum.iter().all(|&t| t > 0.0);
    let (roc_auc, pr_auc) = if all_present { aucs(labels, probabilities, num_classes) } else { (None, None) };
    Ok(ClassificationMetrics {
        n,
        accuracy: correct / n as f64,
        precision,
        recall,
        f1,
        mcc: mcc(&true_sum, &pred_sum, correct),
        roc_auc,
        pr_auc,
        confusion,
    })
}

/// The index of the largest value, the first on ties.
fn arg_max(row: &[f64]) -> usize {
    let mut best = 0;
    for (k, &p) in row.iter().enumerate() {
        if p > row[best] {
            best = k;
        }
    }
    best
}

/// scikit-learn's `matthews_corrcoef` from the confusion matrix's margins and trace (the same arithmetic,
/// so values agree to rounding): `(c·s - t·p) / sqrt((s² - p·p)(s² - t·t))`, 0 when the denominator is 0.
fn mcc(true_sum: &[f64], pred_sum: &[f64], correct: f64) -> f64 {
    let samples: f64 = pred_sum.iter().sum();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let cov_ytyp = correct * samples - dot(true_sum, pred_sum);
    let cov_ypyp = samples * samples - dot(pred_sum, pred_sum);
    let cov_ytyt = samples * samples - dot(true_sum, true_sum);
    let denominator = cov_ypyp * cov_ytyt;
    if denominator == 0.0 { 0.0 } else { cov_ytyp / denominator.sqrt() }
}

/// ROC-AUC and average precision: of class 1's probability when binary, else one-vs-rest macro averages.
fn aucs(labels: &[usize], probabilities: &[f64], num_classes: usize) -> (Option<f64>, Option<f64>) {
    let column = |k: usize| -> (Vec<f64>, Vec<bool>) {
        let scores = probabilities.chunks_exact(num_classes).map(|row| row[k]).collect();
        (scores, labels.iter().map(|&l| l == k).collect())
    };
    let classes: Vec<usize> = if num_classes == 2 { vec![1] } else { (0..num_classes).collect() };
    let (mut roc, mut ap) = (0.0, 0.0);
    for &k in &classes {
        let (scores, positive) = column(k);
        roc += roc_auc(&scores, &positive);
        ap += average_precision(&scores, &positive);
    }
    let m = classes.len() as f64;
    (Some(roc / m), Some(ap / m))
}

/// The input checks shared with the per-length-bin variant.
pub(super) fn check(labels: &[usize], probabilities: &[f64], num_classes: usize) -> Result<()> {
    if num_classes < 2 {
        return Err(Error::InvalidInput(format!("classification metrics need at least 2 classes, got {num_classes}")));
    }
    if labels.is_empty() {
        return Err(Error::InvalidInput("classification metrics of no predictions".into()));
    }
    if probabilities.len() != labels.len() * num_classes {
        return Err(Error::InvalidInput(format!(
            "{} labels with {num_classes} classes need {} probabilities, got {}",
            labels.len(),
            labels.len() * num_classes,
            probabilities.len()
        )));
    }
    if let Some(i) = labels.iter().position(|&l| l >= num_classes) {
        return Err(Error::InvalidInput(format!("label {i} is {}, not below {num_classes} classes", labels[i])));
    }
    if let Some(i) = probabilities.iter().position(|p| p.is_nan()) {
        return Err(Error::InvalidInput(format!(
            "probability of sequence {} class {} is NaN",
            i / num_classes,
            i % num_classes
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_classification_metrics_errors() {
        assert!(classification_metrics(&[], &[], 2).is_err());
        assert!(classification_metrics(&[0], &[1.0], 1).is_err());
        assert!(classification_metrics(&[0, 1], &[0.5; 3], 2).is_err());
        assert!(classification_metrics(&[0, 2], &[0.5; 4], 2).is_err());
        assert!(classification_metrics(&[0, 1], &[0.5, 0.5, f64::NAN, 0.5], 2).is_err());
    }

    #[test]
    fn test_classification_metrics_absent_class() -> Result<()> {
        // Only class 0 among the labels: AUCs undefined, MCC 0 by convention, binary F1 of class 1 is 0.
        let m = classification_metrics(&[0, 0], &[0.9, 0.1, 0.2, 0.8], 2)?;
        assert_eq!((m.roc_auc, m.pr_auc, m.mcc, m.f1), (None, None, 0.0, 0.0));
        assert_eq!(m.confusion, [[1, 1], [0, 0]]);
        Ok(())
    }

    #[test]
    fn test_arg_max() {
        assert_eq!(arg_max(&[0.2, 0.4, 0.4]), 1);
        assert_eq!(arg_max(&[0.5, 0.5]), 0);
    }
}
