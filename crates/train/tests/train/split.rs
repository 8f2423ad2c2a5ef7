//! Splits and folds: disjoint and covering, stratified, leak-free by group, seeded, and refusing what
//! cannot work.

use std::collections::{BTreeMap, BTreeSet};

use gptomics_train::split::{
    Fold, Fractions, Split, grouped_k_fold, grouped_split, holdout, k_fold, k_fold_dataset, random_split,
    split_dataset, stratified_k_fold, stratified_split,
};
use gptomics_train::{Dataset, Error, Targets};

const FRACTIONS: Fractions = Fractions { validation: 0.1, test: 0.2 };

/// Checks that the three parts are sorted, disjoint and cover `0..n`.
fn assert_partition(split: &Split, n: usize) {
    for part in [&split.train, &split.validation, &split.test] {
        assert!(part.windows(2).all(|w| w[0] < w[1]), "not sorted: {part:?}");
    }
    let mut all: Vec<usize> = split.train.iter().chain(&split.validation).chain(&split.test).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..n).collect::<Vec<_>>());
}

/// Checks that every index is in exactly one test fold and that train is the sorted complement.
fn assert_folds(folds: &[Fold], n: usize) {
    let mut tests: Vec<usize> = folds.iter().flat_map(|f| f.test.iter().copied()).collect();
    tests.sort_unstable();
    assert_eq!(tests, (0..n).collect::<Vec<_>>());
    for fold in folds {
        let complement: Vec<usize> = (0..n).filter(|i| !fold.test.contains(i)).collect();
        assert_eq!(fold.train, complement);
        assert!(fold.test.windows(2).all(|w| w[0] < w[1]));
    }
}

/// 100 labels: class 0 ×60, class 1 ×30, class 2 ×10, interleaved.
fn labels() -> Vec<usize> {
    (0..100)
        .map(|i| {
            if i % 10 == 0 {
                2
            } else if i % 3 == 0 {
                1
            } else {
                0
            }
        })
        .collect()
}

fn count(indices: &[usize], labels: &[usize], class: usize) -> usize {
    indices.iter().filter(|&&i| labels[i] == class).count()
}

/// 40 items in groups of sizes 1..=8 named `g1`..`g8` (with a remainder of 4 in `g9`).
fn groups() -> Vec<String> {
    let mut groups = Vec::new();
    for size in 1..=8 {
        groups.extend(std::iter::repeat_n(format!("g{size}"), size));
    }
    groups.extend(std::iter::repeat_n("g9".to_string(), 4));
    groups
}

fn assert_no_leak(groups: &[String], parts: &[&[usize]]) {
    let mut side: BTreeMap<&str, usize> = BTreeMap::new();
    for (p, part) in parts.iter().enumerate() {
        for &i in *part {
            let previous = side.insert(&groups[i], p);
            assert!(previous.is_none_or(|q| q == p), "group {} on two sides", groups[i]);
        }
    }
}

#[test]
fn test_random_split() {
    let split = random_split(100, FRACTIONS, 7).unwrap();
    assert_partition(&split, 100);
    assert_eq!((split.train.len(), split.validation.len(), split.test.len()), (70, 10, 20));
    assert_eq!(split, random_split(100, FRACTIONS, 7).unwrap());
    assert_ne!(split, random_split(100, FRACTIONS, 8).unwrap());
}

#[test]
fn test_stratified_split_counts() {
    let labels = labels();
    let split = stratified_split(&labels, FRACTIONS, 3).unwrap();
    assert_partition(&split, 100);
    // Class sizes 60, 30, 10 with fractions 0.1 / 0.2.
    for (class, (v, t)) in [(6, 12), (3, 6), (1, 2)].into_iter().enumerate() {
        assert_eq!(count(&split.validation, &labels, class), v);
        assert_eq!(count(&split.test, &labels, class), t);
    }
    assert_eq!(split, stratified_split(&labels, FRACTIONS, 3).unwrap());
    assert_ne!(split, stratified_split(&labels, FRACTIONS, 4).unwrap());
    // A class of three appears in every part even where rounding would leave it out.
    let small = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    let split = stratified_split(&small, FRACTIONS, 1).unwrap();
    for part in [&split.train, &split.validation, &split.test] {
        assert_eq!(count(part, &small, 0), 1);
    }
}

#[test]
fn test_grouped_split_no_leak() {
    let groups = groups();
    for seed in 0..20 {
        let split = grouped_split(&groups, Fractions { validation: 0.2, test: 0.2 }, seed).unwrap();
        assert_partition(&split, groups.len());
        assert_no_leak(&groups, &[&split.train, &split.validation, &split.test]);
        assert!(!split.validation.is_empty() && !split.test.is_empty() && !split.train.is_empty());
    }
    let a = grouped_split(&groups, FRACTIONS, 1).unwrap();
    assert_eq!(a, grouped_split(&groups, FRACTIONS, 1).unwrap());
    assert!((0..10).any(|seed| grouped_split(&groups, FRACTIONS, seed).unwrap() != a));
    // Without a test share only two parts are needed.
    let two = ["a".to_string(), "b".into()];
    let split = grouped_split(&two, Fractions { validation: 0.5, test: 0.0 }, 0).unwrap();
    assert_eq!((split.train.len(), split.validation.len(), split.test.len()), (1, 1, 0));
}

#[test]
fn test_split_errors() {
    for (validation, test) in [(-0.1, 0.1), (0.1, 1.0), (0.5, 0.5), (f64::NAN, 0.1)] {
        let error = random_split(10, Fractions { validation, test }, 0).unwrap_err();
        assert!(matches!(error, Error::InvalidConfig(_)), "{error:?}");
    }
    assert!(matches!(random_split(0, FRACTIONS, 0), Err(Error::Dataset(_))));
    let two = ["a".to_string(), "b".into()];
    let error = grouped_split(&two, FRACTIONS, 0).unwrap_err();
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("2 groups cannot fill 3 parts")), "{error:?}");
}

#[test]
fn test_k_fold() {
    let folds = k_fold(23, 5, 9).unwrap();
    assert_folds(&folds, 23);
    let sizes: BTreeSet<usize> = folds.iter().map(|f| f.test.len()).collect();
    assert_eq!(sizes, [4, 5].into());
    assert_eq!(folds, k_fold(23, 5, 9).unwrap());
    assert_ne!(folds, k_fold(23, 5, 10).unwrap());
}

#[test]
fn test_stratified_k_fold_counts() {
    let labels = labels();
    let folds = stratified_k_fold(&labels, 4, 5).unwrap();
    assert_folds(&folds, 100);
    for class in 0..3 {
        let counts: Vec<usize> = folds.iter().map(|f| count(&f.test, &labels, class)).collect();
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(max - min <= 1, "class {class}: {counts:?}");
    }
    let sizes: Vec<usize> = folds.iter().map(|f| f.test.len()).collect();
    assert_eq!(sizes, [25; 4]);
    assert_eq!(folds, stratified_k_fold(&labels, 4, 5).unwrap());
    assert_ne!(folds, stratified_k_fold(&labels, 4, 6).unwrap());
}

#[test]
fn test_grouped_k_fold_balanced_without_leak() {
    let groups = groups();
    let folds = grouped_k_fold(&groups, 4, 2).unwrap();
    assert_folds(&folds, groups.len());
    let tests: Vec<&[usize]> = folds.iter().map(|f| f.test.as_slice()).collect();
    assert_no_leak(&groups, &tests);
    // Sizes 8, 7, 6, 5, 4, 4, 3, 2, 1 (40 items) dealt largest-first to the smallest fold.
    let sizes: BTreeSet<usize> = folds.iter().map(|f| f.test.len()).collect();
    assert_eq!(sizes, [10].into());
}

#[test]
fn test_k_fold_errors() {
    assert!(matches!(k_fold(10, 1, 0), Err(Error::InvalidConfig(_))));
    assert!(matches!(k_fold(3, 4, 0), Err(Error::Dataset(_))));
    let error = stratified_k_fold(&[0, 0, 0, 1, 1, 0], 3, 0).unwrap_err();
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("class 1 has 2 members")), "{error:?}");
    let error = grouped_k_fold(&["a".to_string(), "a".into(), "b".into()], 3, 0).unwrap_err();
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("3 folds need at least 3 groups, got 2")), "{error:?}");
}

fn dataset(targets: Targets, groups: Option<Vec<String>>) -> Dataset {
    let n = match &targets {
        Targets::Classes { labels, .. } => labels.len(),
        _ => 30,
    };
    Dataset { ids: (0..n).map(|i| format!("s{i}")).collect(), sequences: vec![b"ACGT".to_vec(); n], targets, groups }
}

#[test]
fn test_dataset_dispatch() {
    let labels = labels();
    let classes = Targets::Classes { names: vec!["a".into(), "b".into(), "c".into()], labels: labels.clone() };
    let stratified = dataset(classes.clone(), None);
    assert_eq!(split_dataset(&stratified, FRACTIONS, 1).unwrap(), stratified_split(&labels, FRACTIONS, 1).unwrap());
    assert_eq!(k_fold_dataset(&stratified, 5, 1).unwrap(), stratified_k_fold(&labels, 5, 1).unwrap());
    let error = k_fold_dataset(&stratified, 11, 1).unwrap_err();
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("class \"c\" has 10 members")), "{error:?}");

    let groups: Vec<String> = (0..100).map(|i| format!("g{}", i % 7)).collect();
    let grouped = dataset(classes, Some(groups.clone()));
    assert_eq!(split_dataset(&grouped, FRACTIONS, 1).unwrap(), grouped_split(&groups, FRACTIONS, 1).unwrap());
    assert_eq!(k_fold_dataset(&grouped, 3, 1).unwrap(), grouped_k_fold(&groups, 3, 1).unwrap());

    let values = dataset(Targets::Values(vec![0.0; 30]), None);
    assert_eq!(split_dataset(&values, FRACTIONS, 1).unwrap(), random_split(30, FRACTIONS, 1).unwrap());
    assert_eq!(k_fold_dataset(&values, 3, 1).unwrap(), k_fold(30, 3, 1).unwrap());
}

#[test]
fn test_holdout() {
    let labels = labels();
    let fold = &stratified_k_fold(&labels, 5, 0).unwrap()[0];
    let (train, validation) = holdout(&fold.train, Some(&labels), 0.25, 3);
    let mut all: Vec<usize> = train.iter().chain(&validation).copied().collect();
    all.sort_unstable();
    assert_eq!(all, fold.train);
    // Fold training classes: 48, 24, 8 → a quarter of each.
    for (class, expected) in [(0, 12), (1, 6), (2, 2)] {
        assert_eq!(count(&validation, &labels, class), expected);
    }
    assert_eq!((train.clone(), validation.clone()), holdout(&fold.train, Some(&labels), 0.25, 3));
    let (plain_train, plain_validation) = holdout(&fold.train, None, 0.25, 3);
    assert_eq!((plain_train.len(), plain_validation.len()), (60, 20));
    assert!(holdout(&fold.train, None, f64::NAN, 3).1.is_empty());
    assert_eq!(holdout(&[4, 5], None, 1.0, 3).0.len(), 1);
}
