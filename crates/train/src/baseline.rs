//! The yardstick shown beside every language model: k-mer frequencies fed to L2-regularised logistic
//! regression (classes) or ridge regression (values).
//!
//! A language model is only interesting if it beats what counting k-mers already achieves; this module
//! is that count. The pieces, each usable on its own:
//!
//! - [`KmerFeatures`]: per-k frequencies of every k-mer over ACGT (k = 3..=6 by default, 5440 columns);
//! - [`Standardizer`]: column centring and scaling fitted on training data only;
//! - [`LogisticRegression`]: scikit-learn's `LogisticRegression(penalty='l2', solver='lbfgs')` objective
//!   (sigmoid for two classes, softmax for more), fitted by our own L-BFGS;
//! - [`RidgeRegression`]: scikit-learn's `Ridge(alpha)`, closed form (dual when features outnumber rows);
//! - [`fit_classifier`] / [`fit_regressor`]: all of the above, with the regularisation strength chosen by
//!   cross-validation inside the training set (never by looking at the test set).
//!
//! Dense `f64` features, in memory; no sparse matrices, no other feature sets, no GPU.
//!
//! ```
//! use gptomics_train::{Dataset, Targets, baseline::{BaselineOptions, fit_classifier}};
//! // Class 1 sequences carry GATA repeats.
//! let sequences: Vec<Vec<u8>> = (0..40)
//!     .map(|i| if i % 2 == 1 { b"ACGTGATAGATAGATACCGT".to_vec() } else { b"ACGTCCGGCCGGTTAACCGT".to_vec() })
//!     .collect();
//! let labels: Vec<usize> = (0..40).map(|i| i % 2).collect();
//! let train = Dataset {
//!     ids: (0..40).map(|i| format!("s{i}")).collect(),
//!     sequences,
//!     targets: Targets::Classes { names: vec!["0".into(), "1".into()], labels },
//!     groups: None,
//! };
//! let options = BaselineOptions { ks: vec![3, 4], ..BaselineOptions::default() };
//! let model = fit_classifier(&train, &options)?;
//! let p = model.predict_proba(&[b"TTGATAGATAGATATT".to_vec()])?; // [P(class 0), P(class 1)]
//! assert!(p[1] > 0.5);
//! # Ok::<(), gptomics_train::Error>(())
//! ```

mod features;
mod folds;
mod kmer_model;
mod lbfgs;
mod linalg;
mod logistic;
mod ridge;
mod standardize;

pub use self::{
    features::{Features, KmerFeatures},
    kmer_model::{BaselineOptions, KmerClassifier, KmerRegressor, fit_classifier, fit_regressor},
    logistic::LogisticRegression,
    ridge::RidgeRegression,
    standardize::Standardizer,
};
