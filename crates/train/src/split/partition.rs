//! Three-way splits: random, stratified by class, and grouped.

use super::{Fractions, Split, empty, part_sizes, strata};
use crate::data::{Dataset, Targets};
use crate::error::{Error, Result};
use crate::rng::SplitMix64;

impl Split {
    /// Deals shuffled `members`: the first to test, the next to validation, the rest to training.
    fn deal(&mut self, members: &[usize], fractions: Fractions) {
        let (v, t) = part_sizes(members.len(), fractions.validation, fractions.test);
        self.test.extend_from_slice(&members[..t]);
        self.validation.extend_from_slice(&members[t..t + v]);
        self.train.extend_from_slice(&members[t + v..]);
    }

    fn sorted(mut self) -> Self {
        self.train.sort_unstable();
        self.validation.sort_unstable();
        self.test.sort_unstable();
        self
    }
}

/// Splits `0..n` at random: `round(fraction · n)` to validation and to test (see the rounding rule in
/// the [module docs](super)), the rest to training.
pub fn random_split(n: usize, fractions: Fractions, seed: u64) -> Result<Split> {
    fractions.check()?;
    if n == 0 {
        return Err(empty());
    }
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    let mut split = Split::default();
    split.deal(&order, fractions);
    Ok(split.sorted())
}

/// Splits by class so each part keeps the class proportions: each class's members are shuffled and
/// `round(fraction · n_class)` of them go to test and to validation, the rest to training.
///
/// A class with three or more members appears in every part whose fraction is above zero (a part then
/// gets at least one member, and training keeps at least one). Part totals are sums of per-class
/// roundings, so they can differ from `fraction · n` by up to one per class.
pub fn stratified_split(labels: &[usize], fractions: Fractions, seed: u64) -> Result<Split> {
    fractions.check()?;
    if labels.is_empty() {
        return Err(empty());
    }
    let mut rng = SplitMix64::new(seed);
    let mut split = Split::default();
    for mut members in strata(labels.iter()).into_values() {
        rng.shuffle(&mut members);
        split.deal(&members, fractions);
    }
    Ok(split.sorted())
}

/// Splits whole groups, so no group is on two sides: groups are taken in shuffled order and each goes to
/// the part furthest below its target size (`fraction · n` items), except that the last groups go to parts
/// still empty. Part sizes approach the fractions as well as the group sizes allow.
///
/// Errors when there are fewer groups than parts (training, plus validation and test when their fractions
/// are above zero).
pub fn grouped_split(groups: &[String], fractions: Fractions, seed: u64) -> Result<Split> {
    fractions.check()?;
    if groups.is_empty() {
        return Err(empty());
    }
    let mut order: Vec<Vec<usize>> = strata(groups.iter()).into_values().collect();
    SplitMix64::new(seed).shuffle(&mut order);
    // Parts: 0 = train, 1 = validation, 2 = test.
    let n = groups.len() as f64;
    let target = [(1.0 - fractions.validation - fractions.test) * n, fractions.validation * n, fractions.test * n];
    let active: Vec<usize> = (0..3).filter(|&p| p == 0 || target[p] > 0.0).collect();
    if order.len() < active.len() {
        return Err(Error::Dataset(format!(
            "{} groups cannot fill {} parts (train, validation, test): each group stays on one side",
            order.len(),
            active.len()
        )));
    }
    let mut size = [0usize; 3];
    let mut parts: [Vec<usize>; 3] = Default::default();
    for (i, members) in order.iter().enumerate() {
        let unfilled: Vec<usize> = active.iter().copied().filter(|&p| parts[p].is_empty()).collect();
        let part = if order.len() - i <= unfilled.len() {
            unfilled[0]
        } else {
            let deficit = |p: &usize| target[*p] - size[*p] as f64;
            active.iter().copied().max_by(|a, b| deficit(a).total_cmp(&deficit(b))).unwrap_or(0)
        };
        size[part] += members.len();
        parts[part].extend_from_slice(members);
    }
    let [train, validation, test] = parts;
    Ok(Split { train, validation, test }.sorted())
}

/// Splits a dataset: [`grouped_split`] when it has groups, else [`stratified_split`] for classes, else
/// [`random_split`].
pub fn split_dataset(dataset: &Dataset, fractions: Fractions, seed: u64) -> Result<Split> {
    match (&dataset.groups, &dataset.targets) {
        (Some(groups), _) => grouped_split(groups, fractions, seed),
        (None, Targets::Classes { labels, .. }) => stratified_split(labels, fractions, seed),
        (None, _) => random_split(dataset.len(), fractions, seed),
    }
}
