//! A validation set carved out of training indices, for early stopping inside a cross-validation fold.

use super::{part_sizes, strata};
use crate::rng::SplitMix64;

/// Splits `indices` into `(train, validation)`, holding out `round(fraction · n)` for validation
/// (stratified by `labels[i]` when labels are given, with the rounding rule of the
/// [module docs](super)). `labels` is indexed by dataset index, like `indices`; an index beyond it
/// counts as one more class. `fraction` is clamped to `[0, 1]` (NaN means 0), and training keeps at least
/// one index of each class. Both lists come back sorted.
///
/// ```
/// use gptomics_train::split::holdout;
///
/// let labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
/// let (train, validation) = holdout(&[0, 1, 2, 3, 4, 5, 6, 7], Some(&labels), 0.25, 1);
/// assert_eq!((train.len(), validation.len()), (6, 2));
/// assert_eq!(validation.iter().filter(|&&i| labels[i] == 1).count(), 1);
/// ```
pub fn holdout(indices: &[usize], labels: Option<&[usize]>, fraction: f64, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let fraction = if fraction.is_nan() { 0.0 } else { fraction.clamp(0.0, 1.0) };
    let key = |i: &usize| labels.map(|l| l.get(*i).copied());
    let mut rng = SplitMix64::new(seed);
    let (mut train, mut validation) = (Vec::new(), Vec::new());
    for mut stratum in strata(indices.iter().map(key)).into_values() {
        // `strata` numbers positions in `indices`; turn them into the indices themselves.
        for position in &mut stratum {
            *position = indices[*position];
        }
        rng.shuffle(&mut stratum);
        let (v, _) = part_sizes(stratum.len(), fraction, 0.0);
        validation.extend_from_slice(&stratum[..v]);
        train.extend_from_slice(&stratum[v..]);
    }
    train.sort_unstable();
    validation.sort_unstable();
    (train, validation)
}
