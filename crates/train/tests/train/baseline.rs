//! `baseline` against scikit-learn (tests/fixtures/baseline.json, from `scripts/make_metrics_fixture.py`):
//! k-mer features and their standardisation re-implemented in NumPy, `LogisticRegression(C, tol=1e-10,
//! max_iter=10000)` and `Ridge(alpha, solver='cholesky')` fitted on the first 100 of 120 random
//! sequences; probabilities and predictions compared on all 120.
//!
//! Tolerances: features 1e-15 (the same divisions); scaler 1e-12 relative (summation order); ridge
//! predictions 1e-8 (one Cholesky solve each side, conditioning of a 100 × 100 system); logistic
//! probabilities 1e-6 to scikit-learn's (its lbfgs stops at `ftol` ~5e-7 from the optimum) and 1e-8 to
//! the exact optimum (Newton steps from scikit-learn's solution, in the script).
//!
//! And a real-data check: 5-fold cross-validation of the logistic baseline on DNABERT's promoter
//! dev set (skipped when the reference data is absent).

use std::time::Instant;

use gptomics_train::{
    Dataset, Targets,
    baseline::{BaselineOptions, KmerFeatures, LogisticRegression, RidgeRegression, Standardizer},
    baseline::{fit_classifier, fit_regressor},
    metrics::classification_metrics,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    n_train: usize,
    sequences: Vec<String>,
    values: Vec<f64>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    ks: Vec<usize>,
    features_first_rows: Vec<f64>,
    mean: Vec<f64>,
    scale: Vec<f64>,
    #[serde(default)]
    logistic: Vec<LogisticCase>,
    ridge: RidgeCase,
}

#[derive(Deserialize)]
struct LogisticCase {
    labels: Vec<usize>,
    c: f64,
    num_classes: usize,
    /// scikit-learn's `predict_proba`.
    probabilities: Vec<f64>,
    /// The same after Newton steps from scikit-learn's solution to the exact optimum.
    optimum: Vec<f64>,
}

#[derive(Deserialize)]
struct RidgeCase {
    alpha: f64,
    predictions: Vec<f64>,
}

fn fixture() -> Fixture {
    serde_json::from_str(include_str!("../fixtures/baseline.json")).expect("fixtures/baseline.json parses")
}

fn max_error(got: &[f64], expected: &[f64], relative: bool) -> f64 {
    assert_eq!(got.len(), expected.len());
    got.iter()
        .zip(expected)
        .map(|(g, e)| (g - e).abs() / if relative { e.abs().max(1.0) } else { 1.0 })
        .fold(0.0, f64::max)
}

#[test]
fn models_match_scikit_learn() -> gptomics_train::Result<()> {
    let fixture = fixture();
    let sequences: Vec<Vec<u8>> = fixture.sequences.iter().map(|s| s.as_bytes().to_vec()).collect();
    let n_train = fixture.n_train;
    for case in &fixture.cases {
        let ks = format!("ks {:?}", case.ks);
        let raw = KmerFeatures::new(case.ks.clone())?.transform(&sequences);
        let first = &raw.values()[..case.features_first_rows.len()];
        assert!(max_error(first, &case.features_first_rows, false) <= 1e-15, "{ks}: features");

        let train_rows: Vec<usize> = (0..n_train).collect();
        let mut x_train = raw.select(&train_rows);
        let scaler = Standardizer::fit(&x_train)?;
        assert!(max_error(scaler.mean(), &case.mean, true) <= 1e-12, "{ks}: means");
        assert!(max_error(scaler.scale(), &case.scale, true) <= 1e-12, "{ks}: scales");
        scaler.transform(&mut x_train)?;
        let mut x_all = raw.clone();
        scaler.transform(&mut x_all)?;

        for lr in &case.logistic {
            let model = LogisticRegression::fit(&x_train, &lr.labels[..n_train], lr.num_classes, lr.c)?;
            assert!(model.converged(), "{ks}: logistic C={} did not converge", lr.c);
            let p = model.predict_proba(&x_all)?;
            let (err, err_optimum) = (max_error(&p, &lr.probabilities, false), max_error(&p, &lr.optimum, false));
            eprintln!(
                "{ks}: logistic {} classes C={}: max |Δp| {err:.1e} to scikit-learn, {err_optimum:.1e} to the optimum \
                 ({} iterations)",
                lr.num_classes,
                lr.c,
                model.iterations()
            );
            assert!(err <= 1e-6, "{ks}: logistic {} classes: max |Δp| = {err:e}", lr.num_classes);
            assert!(err_optimum <= 1e-8, "{ks}: logistic {} classes: max |Δp| = {err_optimum:e}", lr.num_classes);
        }

        let model = RidgeRegression::fit(&x_train, &fixture.values[..n_train], case.ridge.alpha)?;
        let err = max_error(&model.predict(&x_all)?, &case.ridge.predictions, true);
        eprintln!("{ks}: ridge alpha={}: max relative error {err:.1e}", case.ridge.alpha);
        assert!(err <= 1e-8, "{ks}: ridge: max error {err:e}");
    }
    Ok(())
}

/// The high-level fits run end to end on the fixture's sequences and pick a value from their grid.
#[test]
fn fit_with_inner_cross_validation() -> gptomics_train::Result<()> {
    let fixture = fixture();
    let sequences: Vec<Vec<u8>> = fixture.sequences.iter().map(|s| s.as_bytes().to_vec()).collect();
    let ids: Vec<String> = (0..sequences.len()).map(|i| format!("s{i}")).collect();
    let options = BaselineOptions { ks: vec![3, 4], ..BaselineOptions::default() };
    let labels = fixture.cases[0].logistic[0].labels.clone();
    let names = vec!["0".to_string(), "1".to_string()];
    let classes = Dataset {
        ids: ids.clone(),
        sequences: sequences.clone(),
        targets: Targets::Classes { names, labels },
        groups: None,
    };
    let model = fit_classifier(&classes, &options)?;
    assert!(options.c_grid.contains(&model.chosen_c()));
    assert_eq!(model.cv_log_loss().len(), options.c_grid.len());
    assert!(model.model().converged());
    let p = model.predict_proba(&sequences)?;
    assert_eq!(p.len(), 2 * sequences.len());

    let values = Dataset { ids, sequences: sequences.clone(), targets: Targets::Values(fixture.values), groups: None };
    let model = fit_regressor(&values, &options)?;
    assert!(options.alpha_grid.contains(&model.chosen_alpha()));
    assert_eq!(model.predict(&sequences)?.len(), sequences.len());
    Ok(())
}

/// DNABERT's promoter dev set (1000 sequences of 300 bp, written as space-separated overlapping 6-mers),
/// or `None` when the reference data is absent.
fn promoter_dataset() -> Option<Dataset> {
    let path = gptomics_testdata::data_file("dnabert/promoter_6mer_dev.tsv")?;
    let text = std::fs::read_to_string(&path).expect("promoter_6mer_dev.tsv is readable");
    let (mut sequences, mut labels) = (Vec::new(), Vec::new());
    for line in text.lines().skip(1) {
        let (kmers, label) = line.split_once('\t').expect("sequence<TAB>label");
        // First k-mer whole, then the last base of each following (overlapping) one.
        let mut kmers = kmers.split(' ');
        let mut sequence = kmers.next().expect("a first k-mer").as_bytes().to_vec();
        sequence.extend(kmers.filter_map(|k| k.as_bytes().last()));
        sequences.push(sequence);
        labels.push(label.trim().parse::<usize>().expect("label 0 or 1"));
    }
    let names = vec!["0".to_string(), "1".to_string()];
    let ids = (0..sequences.len()).map(|i| format!("line {}", i + 2)).collect();
    Some(Dataset { ids, sequences, targets: Targets::Classes { names, labels }, groups: None })
}

/// 5-fold cross-validation of the logistic baseline (C chosen inside each training part): accuracy of the
/// pooled out-of-fold predictions, which must be far better than chance (0.5, the classes are balanced).
fn promoter_cross_validation(options: &BaselineOptions) -> gptomics_train::Result<()> {
    let Some(data) = promoter_dataset() else { return Ok(()) };
    let (n, labels) = (data.len(), data.labels().unwrap_or_default().to_vec());
    let start = Instant::now();
    let mut probabilities = vec![0.0; 2 * n];
    for fold in 0..5 {
        let (train, test): (Vec<usize>, Vec<usize>) = (0..n).partition(|i| i % 5 != fold);
        let model = fit_classifier(&data.subset(&train), options)?;
        assert!(model.model().converged());
        let p = model.predict_proba(&data.subset(&test).sequences)?;
        for (&i, row) in test.iter().zip(p.chunks_exact(2)) {
            probabilities[2 * i..2 * i + 2].copy_from_slice(row);
        }
        eprintln!("fold {fold}: C = {}", model.chosen_c());
    }
    let m = classification_metrics(&labels, &probabilities, 2)?;
    eprintln!(
        "promoter 5-fold CV, ks {:?}: accuracy {:.3}, ROC-AUC {:.3}, MCC {:.3} ({:.1} s)",
        options.ks,
        m.accuracy,
        m.roc_auc.unwrap_or(f64::NAN),
        m.mcc,
        start.elapsed().as_secs_f64()
    );
    assert!(m.accuracy > 0.7, "accuracy {}", m.accuracy);
    Ok(())
}

/// k = 3..=5 (1344 features) keeps this to seconds.
#[test]
fn promoter_cross_validation_quick() -> gptomics_train::Result<()> {
    promoter_cross_validation(&BaselineOptions { ks: vec![3, 4, 5], ..BaselineOptions::default() })
}

/// The default baseline (k = 3..=6, 5440 features): ~25 s on two cores, so run on demand
/// (`cargo test -p gptomics-train --test baseline -- --ignored`).
#[test]
#[ignore = "~25 s: the full default baseline"]
fn promoter_cross_validation_default() -> gptomics_train::Result<()> {
    promoter_cross_validation(&BaselineOptions::default())
}
