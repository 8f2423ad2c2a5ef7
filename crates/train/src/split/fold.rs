//! k-fold cross-validation: plain, stratified by class, and grouped.

use super::strata;
use crate::data::{Dataset, Targets};
use crate::error::{Error, Result};
use crate::rng::SplitMix64;

/// One fold: test indices, and training indices (the complement). Both sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fold {
    /// Indices to train on: every index not in `test`.
    pub train: Vec<usize>,
    /// Indices this fold evaluates on; each index is in exactly one fold's `test`.
    pub test: Vec<usize>,
}

/// Checks `k` against the number of items (or groups) to share out.
fn check_k(n: usize, k: usize, what: &str) -> Result<()> {
    if k < 2 {
        return Err(Error::InvalidConfig(format!("k-fold cross-validation needs k ≥ 2, got {k}")));
    }
    if k > n {
        return Err(Error::Dataset(format!("{k} folds need at least {k} {what}, got {n}")));
    }
    Ok(())
}

/// The folds given each index's fold number.
fn folds(fold_of: &[usize], k: usize) -> Vec<Fold> {
    (0..k)
        .map(|f| {
            let (test, train) = (0..fold_of.len()).partition(|&i| fold_of[i] == f);
            Fold { train, test }
        })
        .collect()
}

/// `k` folds of `0..n` at random; fold sizes differ by at most one.
pub fn k_fold(n: usize, k: usize, seed: u64) -> Result<Vec<Fold>> {
    check_k(n, k, "items")?;
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    let mut fold_of = vec![0; n];
    for (j, &i) in order.iter().enumerate() {
        fold_of[i] = j % k;
    }
    Ok(folds(&fold_of, k))
}

/// `k` folds that keep the class proportions, like scikit-learn's `StratifiedKFold(shuffle=True)`: each
/// class's members are shuffled and dealt round-robin across the folds, the deal continuing from class
/// to class, so a fold's count of any class, and its size, differ from another fold's by at most one.
///
/// Errors when a class has fewer than `k` members (it could not be in every test fold).
pub fn stratified_k_fold(labels: &[usize], k: usize, seed: u64) -> Result<Vec<Fold>> {
    stratified(labels, k, seed, |c| format!("class {c}"))
}

fn stratified(labels: &[usize], k: usize, seed: u64, name: impl Fn(usize) -> String) -> Result<Vec<Fold>> {
    check_k(labels.len(), k, "sequences")?;
    let strata = strata(labels.iter().copied());
    if let Some((&class, members)) = strata.iter().find(|(_, m)| m.len() < k) {
        return Err(Error::Dataset(format!(
            "{} has {} members, fewer than the {k} folds of a stratified k-fold",
            name(class),
            members.len()
        )));
    }
    let mut rng = SplitMix64::new(seed);
    let mut fold_of = vec![0; labels.len()];
    let mut next = 0;
    for mut members in strata.into_values() {
        rng.shuffle(&mut members);
        for i in members {
            fold_of[i] = next % k;
            next += 1;
        }
    }
    Ok(folds(&fold_of, k))
}

/// `k` folds of whole groups, balanced by size: groups are taken largest first (ties in seeded random
/// order) and each goes to the fold with the fewest items so far. The seed only breaks ties, so groups of
/// distinct sizes give the same folds for every seed.
///
/// Errors when there are fewer groups than folds.
pub fn grouped_k_fold(groups: &[String], k: usize, seed: u64) -> Result<Vec<Fold>> {
    let mut order: Vec<Vec<usize>> = strata(groups.iter()).into_values().collect();
    check_k(order.len(), k, "groups")?;
    SplitMix64::new(seed).shuffle(&mut order);
    order.sort_by_key(|members| std::cmp::Reverse(members.len()));
    let mut size = vec![0usize; k];
    let mut fold_of = vec![0; groups.len()];
    for members in order {
        let smallest = (0..k).min_by_key(|&f| size[f]).unwrap_or(0);
        size[smallest] += members.len();
        for i in members {
            fold_of[i] = smallest;
        }
    }
    Ok(folds(&fold_of, k))
}

/// `k` folds of a dataset: [`grouped_k_fold`] when it has groups, else [`stratified_k_fold`] for classes
/// (errors name the class), else [`k_fold`].
pub fn k_fold_dataset(dataset: &Dataset, k: usize, seed: u64) -> Result<Vec<Fold>> {
    match (&dataset.groups, &dataset.targets) {
        (Some(groups), _) => grouped_k_fold(groups, k, seed),
        (None, Targets::Classes { names, labels }) => {
            stratified(labels, k, seed, |c| format!("class {:?}", names.get(c).map_or("?", String::as_str)))
        }
        (None, _) => k_fold(dataset.len(), k, seed),
    }
}
