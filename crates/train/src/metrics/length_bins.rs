//! Evaluation by sequence length, as in the DNABERT-2 expression study: sequences are grouped into bins of
//! log length and every metric is reported per bin, since short and long sequences are predicted with
//! very different accuracy and an overall number hides that.
//!
//! Binning is computed once from the lengths ([`length_bins`]) and then applied to any number of models'
//! predictions ([`classification_by_length`], [`regression_by_length`]), so a language model and its
//! baseline are compared on exactly the same bins. This file does not pick the number of bins.

use serde::Serialize;

use super::{
    ClassificationMetrics, RegressionMetrics, classification, classification_metrics, regression, regression_metrics,
};
use crate::{Error, Result};

/// The smallest number of sequences a bin should hold for its metrics to mean something (the study's
/// threshold): smaller bins are merged into a neighbour.
pub const DEFAULT_MIN_PER_BIN: usize = 100;

/// A group of sequences of similar length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LengthBin {
    /// The shortest sequence in the bin (observed, not the bin's edge).
    pub min_len: usize,
    /// The longest sequence in the bin (observed).
    pub max_len: usize,
    /// Positions of the bin's sequences in the input, ascending.
    pub indices: Vec<usize>,
}

/// The metrics of the sequences of one [`LengthBin`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BinnedMetrics<M> {
    /// The bin's shortest sequence.
    pub min_len: usize,
    /// The bin's longest sequence.
    pub max_len: usize,
    /// Number of sequences in the bin.
    pub n: usize,
    /// Their metrics.
    pub metrics: M,
}

/// Bins sequences by `ln(length)`.
///
/// The rule, fully deterministic:
/// 1. `num_bins` equal-width intervals span `[ln(min length), ln(max length)]`; a sequence goes to the
///    interval holding its log length (the maximum to the last one; all to the first when every length
///    is the same). Empty intervals are dropped.
/// 2. While more than one bin is left and some bin holds fewer than `min_per_bin` sequences, the smallest
///    such bin (the shortest-length one on ties) is merged with its smaller neighbour (the shorter-length
///    neighbour on ties).
///
/// Every index appears in exactly one bin; bins are ordered by length. Errors
/// ([`Error::InvalidInput`]): no lengths, `num_bins == 0`, a length of 0 (it has no logarithm).
///
/// ```
/// use gptomics_train::metrics::length_bins;
/// let lengths = [100, 110, 1200, 1100, 10_000, 120];
/// let bins = length_bins(&lengths, 2, 1)?;
/// assert_eq!(bins[0].indices, [0, 1, 5]);
/// assert_eq!((bins[1].min_len, bins[1].max_len), (1100, 10_000));
/// // Asking for at least 4 per bin merges everything into one.
/// assert_eq!(length_bins(&lengths, 2, 4)?.len(), 1);
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn length_bins(lengths: &[usize], num_bins: usize, min_per_bin: usize) -> Result<Vec<LengthBin>> {
    let (Some(&shortest), Some(&longest)) = (lengths.iter().min(), lengths.iter().max()) else {
        return Err(Error::InvalidInput("length bins of no sequences".into()));
    };
    if num_bins == 0 {
        return Err(Error::InvalidInput("length bins: num_bins must be at least 1".into()));
    }
    if shortest == 0 {
        let i = lengths.iter().position(|&l| l == 0).unwrap_or_default();
        return Err(Error::InvalidInput(format!("length bins: sequence {i} is empty (log length undefined)")));
    }
    let low = (shortest as f64).ln();
    let width = ((longest as f64).ln() - low) / num_bins as f64;
    let mut slots: Vec<Vec<usize>> = vec![Vec::new(); num_bins];
    for (i, &len) in lengths.iter().enumerate() {
        let slot = if width > 0.0 { (((len as f64).ln() - low) / width).floor() as usize } else { 0 };
        slots[slot.min(num_bins - 1)].push(i);
    }
    let mut bins: Vec<LengthBin> = slots
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|indices| {
            let of_bin = || indices.iter().map(|&i| lengths[i]);
            let (min_len, max_len) = (of_bin().min().unwrap_or(0), of_bin().max().unwrap_or(0));
            LengthBin { min_len, max_len, indices }
        })
        .collect();
    while bins.len() > 1 {
        let small = bins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.indices.len() < min_per_bin)
            .min_by_key(|(j, b)| (b.indices.len(), *j));
        let Some((j, _)) = small else { break };
        let neighbour = if j == 0 {
            1
        } else if j + 1 == bins.len() || bins[j - 1].indices.len() <= bins[j + 1].indices.len() {
            j - 1
        } else {
            j + 1
        };
        let (left, right) = (j.min(neighbour), j.max(neighbour));
        let taken = bins.remove(right);
        let kept = &mut bins[left];
        kept.indices.extend(taken.indices);
        kept.indices.sort_unstable();
        kept.min_len = kept.min_len.min(taken.min_len);
        kept.max_len = kept.max_len.max(taken.max_len);
    }
    Ok(bins)
}

/// [`classification_metrics`] within each bin (built by [`length_bins`] from the same sequences' lengths).
///
/// The whole input is checked first, as [`classification_metrics`] checks it, plus every bin index must
/// be a valid position; after that no bin fails: a bin lacking a class gets `None` AUCs, never an error,
/// and no bin is skipped.
///
/// ```
/// use gptomics_train::metrics::{classification_by_length, length_bins};
/// let bins = length_bins(&[50, 60, 500, 600], 2, 1)?;
/// let probs = [0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.7, 0.3];
/// let by_length = classification_by_length(&bins, &[0, 1, 1, 0], &probs, 2)?;
/// assert_eq!(by_length[0].metrics.accuracy, 1.0);
/// assert_eq!((by_length[1].n, by_length[1].metrics.accuracy), (2, 0.5));
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn classification_by_length(
    bins: &[LengthBin],
    labels: &[usize],
    probabilities: &[f64],
    num_classes: usize,
) -> Result<Vec<BinnedMetrics<ClassificationMetrics>>> {
    classification::check(labels, probabilities, num_classes)?;
    check_bins(bins, labels.len())?;
    bins.iter()
        .map(|bin| {
            let labels: Vec<usize> = bin.indices.iter().map(|&i| labels[i]).collect();
            let probabilities: Vec<f64> = bin
                .indices
                .iter()
                .flat_map(|&i| &probabilities[i * num_classes..(i + 1) * num_classes])
                .copied()
                .collect();
            Ok(summary(bin, classification_metrics(&labels, &probabilities, num_classes)?))
        })
        .collect()
}

/// [`regression_metrics`] within each bin (built by [`length_bins`] from the same sequences' lengths).
///
/// The whole input is checked first; after that no bin fails: correlations and R² that a small or
/// constant bin leaves undefined are `None`, and no bin is skipped.
///
/// ```
/// use gptomics_train::metrics::{length_bins, regression_by_length};
/// let bins = length_bins(&[50, 60, 500, 600], 2, 1)?;
/// let by_length = regression_by_length(&bins, &[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 5.0])?;
/// assert_eq!((by_length[0].metrics.mse, by_length[1].metrics.mse), (0.0, 0.5));
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn regression_by_length(
    bins: &[LengthBin],
    truth: &[f64],
    predicted: &[f64],
) -> Result<Vec<BinnedMetrics<RegressionMetrics>>> {
    regression::check(truth, predicted)?;
    check_bins(bins, truth.len())?;
    bins.iter()
        .map(|bin| {
            let pick = |v: &[f64]| bin.indices.iter().map(|&i| v[i]).collect::<Vec<_>>();
            Ok(summary(bin, regression_metrics(&pick(truth), &pick(predicted))?))
        })
        .collect()
}

/// Every bin non-empty and its indices inside the data.
fn check_bins(bins: &[LengthBin], n: usize) -> Result<()> {
    for (b, bin) in bins.iter().enumerate() {
        if bin.indices.is_empty() {
            return Err(Error::InvalidInput(format!("length bin {b} is empty")));
        }
        if let Some(&i) = bin.indices.iter().find(|&&i| i >= n) {
            return Err(Error::InvalidInput(format!("length bin {b} holds index {i} but there are {n} sequences")));
        }
    }
    Ok(())
}

fn summary<M>(bin: &LengthBin, metrics: M) -> BinnedMetrics<M> {
    BinnedMetrics { min_len: bin.min_len, max_len: bin.max_len, n: bin.indices.len(), metrics }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    #[test]
    fn test_length_bins_cover_every_index_once() -> Result<()> {
        let mut rng = SplitMix64::new(3);
        let lengths: Vec<usize> = (0..1000).map(|_| 50 + rng.below(5000)).collect();
        for (num_bins, min_per_bin) in [(1, 100), (5, 100), (10, 100), (20, 0), (8, 400), (8, 2000)] {
            let bins = length_bins(&lengths, num_bins, min_per_bin)?;
            let mut all: Vec<usize> = bins.iter().flat_map(|b| b.indices.clone()).collect();
            all.sort_unstable();
            assert_eq!(all, (0..1000).collect::<Vec<_>>());
            assert!(bins.len() == 1 || bins.iter().all(|b| b.indices.len() >= min_per_bin));
            assert!(bins.windows(2).all(|w| w[0].max_len < w[1].min_len), "bins ordered and disjoint");
            for b in &bins {
                assert!(b.indices.iter().all(|&i| (b.min_len..=b.max_len).contains(&lengths[i])));
            }
        }
        Ok(())
    }

    #[test]
    fn test_length_bins_merge_rule() -> Result<()> {
        // ln-width bins over [1, 10000] with 4 bins: edges 1, 10, 100, 1000, 10000.
        // Counts before merging: [3, 1, 2, 5]. min 3: the 1-bin (index 1) merges with its smaller
        // neighbour (2 < 3: the right one) giving [3, 3, 5]: done.
        let lengths = [1, 2, 3, 20, 200, 300, 2000, 3000, 4000, 5000, 10000];
        let bins = length_bins(&lengths, 4, 3)?;
        let sizes: Vec<usize> = bins.iter().map(|b| b.indices.len()).collect();
        assert_eq!(sizes, [3, 3, 5]);
        assert_eq!((bins[1].min_len, bins[1].max_len), (20, 300));
        // Ties between neighbours go to the shorter side: counts [2, 1, 2] → [3, 2].
        let bins = length_bins(&[1, 1, 10, 100, 100], 3, 2)?;
        assert_eq!(bins.iter().map(|b| b.indices.len()).collect::<Vec<_>>(), [3, 2]);
        assert_eq!(bins[0].indices, [0, 1, 2]);
        // Equal lengths: one bin.
        assert_eq!(length_bins(&[7, 7, 7], 3, 0)?.len(), 1);
        Ok(())
    }

    #[test]
    fn test_length_bins_errors() {
        assert!(length_bins(&[], 3, 1).is_err());
        assert!(length_bins(&[5], 0, 1).is_err());
        assert!(length_bins(&[5, 0], 2, 1).is_err());
        let bins = [LengthBin { min_len: 1, max_len: 1, indices: vec![3] }];
        assert!(regression_by_length(&bins, &[1.0], &[1.0]).is_err());
    }
}
