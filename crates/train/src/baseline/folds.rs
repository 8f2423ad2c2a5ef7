//! Inner cross-validation folds for choosing the regularisation strength inside a training set. Local
//! and minimal on purpose (the crate's `split` module serves outer evaluation splits): seeded shuffles
//! dealt round-robin, stratified by class for classifiers.

use crate::rng::SplitMix64;

/// The fold (`0..k`) of each of `labels`' rows: each class's rows are shuffled and dealt round-robin, the
/// dealing continuing from class to class so fold sizes differ by at most one. A class with at least two
/// rows is then present in every fold's training part.
pub(super) fn stratified_folds(labels: &[usize], num_classes: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64::new(seed);
    let mut fold = vec![0; labels.len()];
    let mut next = 0;
    for class in 0..num_classes {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        rng.shuffle(&mut rows);
        for i in rows {
            fold[i] = next % k;
            next += 1;
        }
    }
    fold
}

/// The fold (`0..k`) of each of `n` rows: a seeded shuffle dealt round-robin.
pub(super) fn shuffled_folds(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..n).collect();
    SplitMix64::new(seed).shuffle(&mut rows);
    let mut fold = vec![0; n];
    for (position, i) in rows.into_iter().enumerate() {
        fold[i] = position % k;
    }
    fold
}

/// The rows in fold `f` and the rest: (training rows, held-out rows).
pub(super) fn split(folds: &[usize], f: usize) -> (Vec<usize>, Vec<usize>) {
    (0..folds.len()).partition(|&i| folds[i] != f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_stratified_folds() {
        let labels: Vec<usize> = (0..103).map(|i| usize::from(i % 10 == 0)).collect();
        let folds = stratified_folds(&labels, 2, 5, 1);
        for f in 0..5 {
            let (train, held_out) = split(&folds, f);
            assert!((20..=21).contains(&held_out.len()));
            // 11 positives: 2 or 3 per fold.
            let positives = held_out.iter().filter(|&&i| labels[i] == 1).count();
            assert!((2..=3).contains(&positives), "fold {f}: {positives}");
            assert_eq!(train.len() + held_out.len(), 103);
        }
        assert_eq!(folds, stratified_folds(&labels, 2, 5, 1));
    }

    #[test]
    fn test_shuffled_folds() {
        let folds = shuffled_folds(10, 3, 0);
        let sizes: Vec<usize> = (0..3).map(|f| folds.iter().filter(|&&g| g == f).count()).collect();
        assert_eq!(sizes, [4, 3, 3]);
    }
}
