//! The baseline as it is shown beside a language model: k-mer frequencies, standardised on the training
//! set, then logistic or ridge regression whose regularisation strength is chosen by cross-validation
//! within the training set only. The test set is touched once, by `predict`.

use serde::{Deserialize, Serialize};

use super::{
    Features, KmerFeatures, LogisticRegression, RidgeRegression, Standardizer,
    folds::{shuffled_folds, split, stratified_folds},
    ridge::RidgeSystem,
};
use crate::{Dataset, Error, Result};

/// Gradient tolerance of the fits inside the cross-validation: they only rank the grid's values, so they
/// stop earlier than the final fit.
const CV_TOLERANCE: f64 = 1e-6;
/// Smallest probability inside a held-out log-loss (a confident mistake costs ln(1e15) ≈ 35, not ∞).
const MIN_PROBABILITY: f64 = 1e-15;

/// How the baseline is built and tuned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineOptions {
    /// k-mer lengths of the features (see [`KmerFeatures`]).
    pub ks: Vec<usize>,
    /// Candidate values of logistic regression's C (inverse penalty, `sum CE + ||W||² / 2C`); the one with
    /// the lowest cross-validated log-loss is kept, the smallest on ties. One value skips the search.
    pub c_grid: Vec<f64>,
    /// Candidate values of ridge regression's alpha (`||y - Xw - b||² + alpha ||w||²`; penalties on the
    /// squared-error scale, hence a grid of their own); lowest cross-validated MSE wins, the smallest on
    /// ties. One value skips the search.
    pub alpha_grid: Vec<f64>,
    /// Folds of the inner cross-validation (stratified by class for classifiers).
    pub inner_folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
}

impl Default for BaselineOptions {
    /// k = 3..=6; C in 10⁻³..10² and alpha in 10⁻²..10⁵ (one value per decade); 5 inner folds; seed 0.
    fn default() -> Self {
        Self {
            ks: KmerFeatures::default().ks().to_vec(),
            c_grid: (-3..=2).map(|e| 10f64.powi(e)).collect(),
            alpha_grid: (-2..=5).map(|e| 10f64.powi(e)).collect(),
            inner_folds: 5,
            seed: 0,
        }
    }
}

/// A fitted k-mer logistic-regression classifier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KmerClassifier {
    kmers: KmerFeatures,
    scaler: Standardizer,
    model: LogisticRegression,
    cv_log_loss: Vec<(f64, f64)>,
}

impl KmerClassifier {
    /// Class probabilities of `sequences`, row-major `[sequences, num_classes]`.
    pub fn predict_proba(&self, sequences: &[Vec<u8>]) -> Result<Vec<f64>> {
        let mut x = self.kmers.transform(sequences);
        self.scaler.transform(&mut x)?;
        self.model.predict_proba(&x)
    }

    /// The C chosen by the inner cross-validation.
    pub fn chosen_c(&self) -> f64 {
        self.model.c()
    }

    /// `(C, mean held-out log-loss)` for every C of the grid (empty when the grid had one value).
    pub fn cv_log_loss(&self) -> &[(f64, f64)] {
        &self.cv_log_loss
    }

    /// Number of classes.
    pub fn num_classes(&self) -> usize {
        self.model.num_classes()
    }

    /// The logistic regression on standardised features (its weights, convergence).
    pub fn model(&self) -> &LogisticRegression {
        &self.model
    }
}

/// A fitted k-mer ridge regressor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KmerRegressor {
    kmers: KmerFeatures,
    scaler: Standardizer,
    model: RidgeRegression,
    cv_mse: Vec<(f64, f64)>,
}

impl KmerRegressor {
    /// Predicted values of `sequences`.
    pub fn predict(&self, sequences: &[Vec<u8>]) -> Result<Vec<f64>> {
        let mut x = self.kmers.transform(sequences);
        self.scaler.transform(&mut x)?;
        self.model.predict(&x)
    }

    /// The alpha chosen by the inner cross-validation.
    pub fn chosen_alpha(&self) -> f64 {
        self.model.alpha()
    }

    /// `(alpha, mean held-out squared error)` for every alpha of the grid (empty when it had one value).
    pub fn cv_mse(&self) -> &[(f64, f64)] {
        &self.cv_mse
    }

    /// The ridge regression on standardised features.
    pub fn model(&self) -> &RidgeRegression {
        &self.model
    }
}

/// Fits the k-mer logistic-regression baseline to a classification dataset, choosing C by stratified
/// inner cross-validation (held-out log-loss, the standardiser refitted within each fold) and refitting
/// on all of `train`.
///
/// Errors: [`Error::Dataset`] for no sequences, targets that are not classes, fewer than two classes, a
/// class without sequences, or (when there is a grid to search) a class with a single sequence;
/// [`Error::InvalidConfig`] for an empty grid, a value that is not positive and finite, fewer than two
/// inner folds; [`Error::InvalidInput`] for bad `ks`.
pub fn fit_classifier(train: &Dataset, options: &BaselineOptions) -> Result<KmerClassifier> {
    let Some(labels) = train.labels() else {
        return Err(Error::Dataset("the k-mer classifier needs class labels; these targets are not classes".into()));
    };
    if train.is_empty() {
        return Err(Error::Dataset("the k-mer classifier needs training sequences, got none".into()));
    }
    let num_classes = train.num_classes();
    let mut counts = vec![0usize; num_classes];
    for (i, &l) in labels.iter().enumerate() {
        let count = counts.get_mut(l).ok_or_else(|| {
            Error::Dataset(format!("sequence {i} has class index {l} but there are {num_classes} classes"))
        })?;
        *count += 1;
    }
    let present = counts.iter().filter(|&&c| c > 0).count();
    if present < 2 {
        return Err(Error::Dataset(format!("the k-mer classifier needs two classes, the training set has {present}")));
    }
    let grid = checked_grid(&options.c_grid, "c_grid")?;
    let kmers = KmerFeatures::new(options.ks.clone())?;
    let features = kmers.transform(&train.sequences);
    let mut cv_log_loss = Vec::new();
    if grid.len() > 1 {
        let k = checked_folds(options.inner_folds)?;
        if let Some(class) = counts.iter().position(|&c| c < 2) {
            return Err(Error::Dataset(format!(
                "class {class} has {} training sequence(s): too few to choose C by cross-validation \
                 (give a single C)",
                counts[class]
            )));
        }
        let mut loss = vec![0.0; grid.len()];
        for (train_rows, held_out) in fold_pairs(&stratified_folds(labels, num_classes, k, options.seed), k) {
            let (x_train, x_held_out) = standardised(&features, &train_rows, &held_out)?;
            let y_train: Vec<usize> = train_rows.iter().map(|&i| labels[i]).collect();
            let mut previous: Option<LogisticRegression> = None;
            for (total, &c) in loss.iter_mut().zip(&grid) {
                let model =
                    LogisticRegression::fit_from(&x_train, &y_train, num_classes, c, CV_TOLERANCE, previous.as_ref())?;
                let p = model.predict_proba(&x_held_out)?;
                *total += held_out
                    .iter()
                    .zip(p.chunks_exact(num_classes))
                    .map(|(&i, row)| -row[labels[i]].max(MIN_PROBABILITY).ln())
                    .sum::<f64>();
                previous = Some(model);
            }
        }
        cv_log_loss = grid.iter().zip(&loss).map(|(&c, &l)| (c, l / train.len() as f64)).collect();
    }
    let chosen = best(&cv_log_loss).unwrap_or(grid[0]);
    let (scaler, x) = standardise_all(features)?;
    let model = LogisticRegression::fit(&x, labels, num_classes, chosen)?;
    Ok(KmerClassifier { kmers, scaler, model, cv_log_loss })
}

/// Fits the k-mer ridge baseline to a regression dataset, choosing alpha by inner cross-validation
/// (held-out squared error, the standardiser refitted within each fold) and refitting on all of `train`.
///
/// Errors: [`Error::Dataset`] for no sequences, targets that are not values, or (when there is a grid to
/// search) fewer sequences than inner folds; [`Error::InvalidConfig`] for a bad grid or fewer than two
/// inner folds; [`Error::InvalidInput`] for bad `ks` or a target that is not finite.
pub fn fit_regressor(train: &Dataset, options: &BaselineOptions) -> Result<KmerRegressor> {
    let Some(values) = train.values() else {
        return Err(Error::Dataset("the k-mer regressor needs real-valued targets; these are not".into()));
    };
    if train.is_empty() {
        return Err(Error::Dataset("the k-mer regressor needs training sequences, got none".into()));
    }
    let grid = checked_grid(&options.alpha_grid, "alpha_grid")?;
    let kmers = KmerFeatures::new(options.ks.clone())?;
    let features = kmers.transform(&train.sequences);
    let mut cv_mse = Vec::new();
    if grid.len() > 1 {
        let k = checked_folds(options.inner_folds)?;
        if train.len() < k {
            return Err(Error::Dataset(format!(
                "{} training sequences cannot fill {k} inner folds to choose alpha (give a single alpha)",
                train.len()
            )));
        }
        let mut squared = vec![0.0; grid.len()];
        for (train_rows, held_out) in fold_pairs(&shuffled_folds(train.len(), k, options.seed), k) {
            let (x_train, x_held_out) = standardised(&features, &train_rows, &held_out)?;
            let y_train: Vec<f64> = train_rows.iter().map(|&i| values[i]).collect();
            let system = RidgeSystem::new(&x_train, &y_train)?;
            for (total, &alpha) in squared.iter_mut().zip(&grid) {
                let predicted = system.solve(alpha)?.predict(&x_held_out)?;
                *total += held_out.iter().zip(&predicted).map(|(&i, p)| (values[i] - p).powi(2)).sum::<f64>();
            }
        }
        cv_mse = grid.iter().zip(&squared).map(|(&a, &s)| (a, s / train.len() as f64)).collect();
    }
    let chosen = best(&cv_mse).unwrap_or(grid[0]);
    let (scaler, x) = standardise_all(features)?;
    let model = RidgeRegression::fit(&x, values, chosen)?;
    Ok(KmerRegressor { kmers, scaler, model, cv_mse })
}

/// `grid` sorted ascending without repeats, after checking it is usable.
fn checked_grid(grid: &[f64], name: &str) -> Result<Vec<f64>> {
    if grid.is_empty() {
        return Err(Error::InvalidConfig(format!("{name} is empty")));
    }
    if let Some(v) = grid.iter().find(|v| !(**v > 0.0 && v.is_finite())) {
        return Err(Error::InvalidConfig(format!("{name} holds {v}; values must be positive and finite")));
    }
    let mut sorted = grid.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    Ok(sorted)
}

fn checked_folds(k: usize) -> Result<usize> {
    if k < 2 {
        return Err(Error::InvalidConfig(format!("inner_folds is {k}; cross-validation needs at least 2")));
    }
    Ok(k)
}

/// (training rows, held-out rows) of each non-empty fold.
fn fold_pairs(folds: &[usize], k: usize) -> impl Iterator<Item = (Vec<usize>, Vec<usize>)> {
    (0..k).map(|f| split(folds, f)).filter(|(_, held_out)| !held_out.is_empty())
}

/// The grid value with the lowest score, the smallest value on ties (the grid is ascending).
fn best(scores: &[(f64, f64)]) -> Option<f64> {
    scores
        .iter()
        .fold(None, |b: Option<(f64, f64)>, &(v, s)| match b {
            Some((_, bs)) if bs <= s => b,
            _ => Some((v, s)),
        })
        .map(|(v, _)| v)
}

/// The rows `train` and `held_out` of `features`, standardised with the statistics of `train`.
fn standardised(features: &Features, train: &[usize], held_out: &[usize]) -> Result<(Features, Features)> {
    let (mut x_train, mut x_held_out) = (features.select(train), features.select(held_out));
    let scaler = Standardizer::fit(&x_train)?;
    scaler.transform(&mut x_train)?;
    scaler.transform(&mut x_held_out)?;
    Ok((x_train, x_held_out))
}

fn standardise_all(mut features: Features) -> Result<(Standardizer, Features)> {
    let scaler = Standardizer::fit(&features)?;
    scaler.transform(&mut features)?;
    Ok((scaler, features))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Targets;

    fn dataset(sequences: Vec<Vec<u8>>, targets: Targets) -> Dataset {
        let ids = (0..sequences.len()).map(|i| format!("s{i}")).collect();
        Dataset { ids, sequences, targets, groups: None }
    }

    #[test]
    fn test_fit_errors() {
        let options = BaselineOptions { ks: vec![2], ..BaselineOptions::default() };
        let classes = |labels: Vec<usize>| Targets::Classes { names: vec!["a".into(), "b".into()], labels };
        let seqs = |n: usize| vec![b"ACGTACGT".to_vec(); n];
        assert!(matches!(fit_classifier(&dataset(vec![], classes(vec![])), &options), Err(Error::Dataset(_))));
        assert!(matches!(fit_classifier(&dataset(seqs(3), classes(vec![1; 3])), &options), Err(Error::Dataset(_))));
        assert!(matches!(fit_classifier(&dataset(seqs(3), Targets::None), &options), Err(Error::Dataset(_))));
        // A single sequence of class 0: no C search possible, but one C works.
        let lonely = dataset(seqs(3), classes(vec![0, 1, 1]));
        assert!(matches!(fit_classifier(&lonely, &options), Err(Error::Dataset(_))));
        let one_c = BaselineOptions { c_grid: vec![1.0], ..options.clone() };
        assert!(fit_classifier(&lonely, &one_c).is_ok());
        let no_folds = BaselineOptions { inner_folds: 1, ..options.clone() };
        let fine = dataset(seqs(4), classes(vec![0, 1, 0, 1]));
        assert!(matches!(fit_classifier(&fine, &no_folds), Err(Error::InvalidConfig(_))));
        let bad_grid = BaselineOptions { c_grid: vec![1.0, -1.0], ..options.clone() };
        assert!(matches!(fit_classifier(&fine, &bad_grid), Err(Error::InvalidConfig(_))));
        assert!(matches!(fit_regressor(&fine, &options), Err(Error::Dataset(_))));
        assert!(matches!(
            fit_regressor(&dataset(seqs(2), Targets::Values(vec![1.0, 2.0])), &options),
            Err(Error::Dataset(_))
        ));
    }

    #[test]
    fn test_best() {
        assert_eq!(best(&[(0.1, 2.0), (1.0, 1.0), (10.0, 1.0)]), Some(1.0));
        assert_eq!(best(&[]), None);
    }
}
