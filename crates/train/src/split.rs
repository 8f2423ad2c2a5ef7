//! Train/validation/test splits and k-fold cross-validation, stratified by class or grouped so that no
//! group (chromosome, gene family, donor) is on two sides.
//!
//! Every function is deterministic in its seed ([`SplitMix64`](crate::rng::SplitMix64)) and returns
//! sorted index lists into the dataset. [`split_dataset`] and [`k_fold_dataset`] choose the scheme:
//! grouped when the dataset has groups, else stratified when it has classes, else plain random.
//!
//! ```
//! use gptomics_train::split::{Fractions, stratified_k_fold, stratified_split};
//!
//! let labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
//! let split = stratified_split(&labels, Fractions { validation: 0.2, test: 0.2 }, 42)?;
//! assert_eq!((split.train.len(), split.validation.len(), split.test.len()), (6, 2, 2));
//! let folds = stratified_k_fold(&labels, 5, 42)?;
//! assert!(folds.iter().all(|f| f.test.len() == 2 && f.train.len() == 8));
//! # Ok::<(), gptomics_train::Error>(())
//! ```

mod fold;
mod holdout;
mod partition;

use std::collections::BTreeMap;

pub use self::{
    fold::{Fold, grouped_k_fold, k_fold, k_fold_dataset, stratified_k_fold},
    holdout::holdout,
    partition::{grouped_split, random_split, split_dataset, stratified_split},
};
use crate::error::{Error, Result};

/// A three-way split: sorted, disjoint index lists that together cover the dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// Indices to train on.
    pub train: Vec<usize>,
    /// Indices for early stopping and model selection.
    pub validation: Vec<usize>,
    /// Indices held out for the final evaluation.
    pub test: Vec<usize>,
}

/// The shares of a split given to validation and test; training gets the rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fractions {
    /// Share for validation, in `[0, 1)`.
    pub validation: f64,
    /// Share for test, in `[0, 1)`.
    pub test: f64,
}

impl Fractions {
    /// Checks that each share is in `[0, 1)` and that they leave something for training.
    pub fn check(&self) -> Result<()> {
        let Self { validation, test } = *self;
        let valid = |f: f64| (0.0..1.0).contains(&f);
        if !valid(validation) || !valid(test) || validation + test >= 1.0 {
            return Err(Error::InvalidConfig(format!(
                "split fractions validation = {validation} and test = {test} must each be in [0, 1) and sum \
                 below 1 (training gets the rest)"
            )));
        }
        Ok(())
    }
}

/// How many of `n` items go to validation and to test.
///
/// Each is `round(fraction · n)`, rounding halves up. When `n ≥ 3`, a part whose fraction is above zero
/// gets at least one item, and training always keeps at least one (the larger of validation and test
/// gives way first), so a class of three or more appears in every part.
fn part_sizes(n: usize, validation: f64, test: f64) -> (usize, usize) {
    let share = |f: f64| (f * n as f64).round() as usize;
    let min_v = usize::from(n >= 3 && validation > 0.0);
    let min_t = usize::from(n >= 3 && test > 0.0);
    let (mut v, mut t) = (share(validation).max(min_v), share(test).max(min_t));
    while v + t > n.saturating_sub(1) {
        if t > min_t && (t >= v || v == min_v) {
            t -= 1;
        } else if v > min_v {
            v -= 1;
        } else {
            break;
        }
    }
    (v, t)
}

/// Indices grouped by key, each list in index order, keys in order.
fn strata<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, Vec<usize>> {
    let mut strata: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (i, key) in keys.enumerate() {
        strata.entry(key).or_default().push(i);
    }
    strata
}

/// An error for an empty input.
fn empty() -> Error {
    Error::Dataset("cannot split an empty dataset".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_part_sizes() {
        assert_eq!(part_sizes(100, 0.1, 0.2), (10, 20));
        assert_eq!(part_sizes(3, 0.1, 0.1), (1, 1));
        assert_eq!(part_sizes(3, 0.6, 0.3), (1, 1));
        assert_eq!(part_sizes(2, 0.1, 0.1), (0, 0));
        assert_eq!(part_sizes(2, 0.5, 0.4), (1, 0));
        assert_eq!(part_sizes(1, 0.5, 0.4), (0, 0));
        assert_eq!(part_sizes(10, 0.0, 0.25), (0, 3));
        assert_eq!(part_sizes(0, 0.5, 0.4), (0, 0));
    }
}
