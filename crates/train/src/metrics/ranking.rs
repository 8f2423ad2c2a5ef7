//! Threshold-free binary metrics from scores: ROC-AUC and average precision, computed as scikit-learn's
//! `roc_auc_score` and `average_precision_score` do (one curve point per distinct score, so tied scores
//! move together). Callers check that both classes are present.

/// True and false positives counted above each distinct score, highest score first: scikit-learn's
/// `_binary_clf_curve` (its last point counts every sample).
fn counts_by_threshold(scores: &[f64], positive: &[bool]) -> (Vec<f64>, Vec<f64>) {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut tps, mut fps) = (Vec::new(), Vec::new());
    let mut tp = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        if positive[i] {
            tp += 1.0;
        }
        // A threshold ends where the next score differs (or at the last sample).
        let last_of_tie = order.get(rank + 1).is_none_or(|&next| scores[next] != scores[i]);
        if last_of_tie {
            tps.push(tp);
            fps.push((rank + 1) as f64 - tp);
        }
    }
    (tps, fps)
}

/// Area under the ROC curve by the trapezoid rule over distinct thresholds (ties give diagonal segments,
/// i.e. count one half). Needs at least one positive and one negative.
pub(super) fn roc_auc(scores: &[f64], positive: &[bool]) -> f64 {
    let (tps, fps) = counts_by_threshold(scores, positive);
    let (Some(&p), Some(&n)) = (tps.last(), fps.last()) else { return f64::NAN };
    let (mut area, mut prev_tpr, mut prev_fpr) = (0.0, 0.0, 0.0);
    for (tp, fp) in tps.iter().zip(&fps) {
        let (tpr, fpr) = (tp / p, fp / n);
        area += (fpr - prev_fpr) * (tpr + prev_tpr) / 2.0;
        (prev_tpr, prev_fpr) = (tpr, fpr);
    }
    area
}

/// Average precision: `sum_j (R_j - R_{j-1}) P_j` over distinct thresholds, highest first (the step-wise
/// sum of scikit-learn, not the trapezoid under the precision-recall curve). Needs at least one positive.
pub(super) fn average_precision(scores: &[f64], positive: &[bool]) -> f64 {
    let (tps, fps) = counts_by_threshold(scores, positive);
    let Some(&p) = tps.last() else { return f64::NAN };
    let (mut ap, mut prev_recall) = (0.0, 0.0);
    for (tp, fp) in tps.iter().zip(&fps) {
        let predicted = tp + fp;
        let precision = if predicted > 0.0 { tp / predicted } else { 0.0 };
        let recall = tp / p;
        ap += (recall - prev_recall) * precision;
        prev_recall = recall;
    }
    f64::max(0.0, ap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_roc_auc() {
        // Perfect, reversed, and all scores tied (a diagonal: one half).
        let positive = [false, false, true, true];
        assert_eq!(roc_auc(&[0.1, 0.2, 0.8, 0.9], &positive), 1.0);
        assert_eq!(roc_auc(&[0.9, 0.8, 0.2, 0.1], &positive), 0.0);
        assert_eq!(roc_auc(&[0.5; 4], &positive), 0.5);
        // The textbook example of roc_auc_score's documentation: 0.75.
        assert_eq!(roc_auc(&[0.1, 0.4, 0.35, 0.8], &positive), 0.75);
    }

    #[test]
    fn test_average_precision() {
        // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333...
        let ap = average_precision(&[0.1, 0.4, 0.35, 0.8], &[false, false, true, true]);
        assert!((ap - 5.0 / 6.0).abs() < 1e-15);
        // All tied: the precision of the whole set.
        assert_eq!(average_precision(&[0.5; 4], &[false, true, true, true]), 0.75);
    }
}
