//! `metrics` against scikit-learn and SciPy: the cases and their values come from
//! `scripts/make_metrics_fixture.py` (tests/fixtures/metrics.json).
//!
//! Tolerance: 1e-12, relative to max(1, |expected|). The definitions are the same arithmetic; what differs
//! is summation order (NumPy sums pairwise, we sum left to right, SciPy's Pearson centres differently from
//! R's order used in `gptomics-expr`), worth a few ulps.

use gptomics_train::metrics::{
    classification_by_length, classification_metrics, length_bins, regression_by_length, regression_metrics,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    classification: Vec<ClassificationCase>,
    regression: Vec<RegressionCase>,
}

#[derive(Deserialize)]
struct ClassificationCase {
    name: String,
    num_classes: usize,
    labels: Vec<usize>,
    probabilities: Vec<f64>,
    expected: ExpectedClassification,
}

#[derive(Deserialize)]
struct ExpectedClassification {
    n: usize,
    accuracy: f64,
    precision: f64,
    recall: f64,
    f1: f64,
    mcc: f64,
    roc_auc: Option<f64>,
    pr_auc: Option<f64>,
    confusion: Vec<Vec<u64>>,
}

#[derive(Deserialize)]
struct RegressionCase {
    name: String,
    truth: Vec<f64>,
    predicted: Vec<f64>,
    expected: ExpectedRegression,
}

#[derive(Deserialize)]
struct ExpectedRegression {
    n: usize,
    mse: f64,
    mae: f64,
    pearson: f64,
    spearman: f64,
    r2: f64,
}

const TOLERANCE: f64 = 1e-12;

fn fixture() -> Fixture {
    let text = include_str!("../fixtures/metrics.json");
    serde_json::from_str(text).expect("fixtures/metrics.json parses")
}

fn assert_close(case: &str, what: &str, got: f64, expected: f64) {
    let err = (got - expected).abs() / expected.abs().max(1.0);
    assert!(err <= TOLERANCE, "{case}: {what} = {got}, scikit-learn says {expected} (error {err:e})");
}

#[test]
fn classification_matches_scikit_learn() -> gptomics_train::Result<()> {
    let cases = fixture().classification;
    assert_eq!(cases.len(), 4);
    for case in cases {
        let (name, e) = (case.name.as_str(), &case.expected);
        let m = classification_metrics(&case.labels, &case.probabilities, case.num_classes)?;
        assert_eq!(m.n, e.n, "{name}");
        assert_eq!(m.confusion, e.confusion, "{name}: confusion");
        for (what, got, expected) in [
            ("accuracy", m.accuracy, e.accuracy),
            ("precision", m.precision, e.precision),
            ("recall", m.recall, e.recall),
            ("f1", m.f1, e.f1),
            ("mcc", m.mcc, e.mcc),
        ] {
            assert_close(name, what, got, expected);
        }
        for (what, got, expected) in [("roc_auc", m.roc_auc, e.roc_auc), ("pr_auc", m.pr_auc, e.pr_auc)] {
            match (got, expected) {
                (Some(g), Some(x)) => assert_close(name, what, g, x),
                (None, None) => {}
                _ => panic!("{name}: {what} is {got:?}, scikit-learn says {expected:?}"),
            }
        }
    }
    Ok(())
}

#[test]
fn regression_matches_scikit_learn_and_scipy() -> gptomics_train::Result<()> {
    for case in fixture().regression {
        let (name, e) = (case.name.as_str(), &case.expected);
        let m = regression_metrics(&case.truth, &case.predicted)?;
        assert_eq!(m.n, e.n, "{name}");
        assert_close(name, "mse", m.mse, e.mse);
        assert_close(name, "mae", m.mae, e.mae);
        for (what, got, expected) in
            [("pearson", m.pearson, e.pearson), ("spearman", m.spearman, e.spearman), ("r2", m.r2, e.r2)]
        {
            assert_close(name, what, got.unwrap_or(f64::NAN), expected);
        }
    }
    Ok(())
}

/// One bin holding everything reproduces the overall metrics; finer bins partition the predictions.
#[test]
fn by_length_partitions_the_predictions() -> gptomics_train::Result<()> {
    let fixture = fixture();
    let case = &fixture.classification[2];
    let lengths: Vec<usize> = (0..case.labels.len()).map(|i| 100 + (i * 37) % 900).collect();
    let overall = classification_metrics(&case.labels, &case.probabilities, case.num_classes)?;
    let one = classification_by_length(&length_bins(&lengths, 1, 0)?, &case.labels, &case.probabilities, 2)?;
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].metrics, overall);
    let bins = length_bins(&lengths, 6, 40)?;
    let binned = classification_by_length(&bins, &case.labels, &case.probabilities, 2)?;
    assert!(binned.len() > 1 && binned.iter().all(|b| b.n >= 40));
    assert_eq!(binned.iter().map(|b| b.n).sum::<usize>(), case.labels.len());
    // Confusion matrices of the bins add up to the overall one.
    let mut sum = vec![vec![0u64; 2]; 2];
    for b in &binned {
        for (t, row) in b.metrics.confusion.iter().enumerate() {
            for (p, c) in row.iter().enumerate() {
                sum[t][p] += c;
            }
        }
    }
    assert_eq!(sum, overall.confusion);

    let case = &fixture.regression[1];
    let lengths: Vec<usize> = (0..case.truth.len()).map(|i| 50 + (i * 53) % 3000).collect();
    let bins = length_bins(&lengths, 4, 30)?;
    let binned = regression_by_length(&bins, &case.truth, &case.predicted)?;
    let n: f64 = case.truth.len() as f64;
    let mse: f64 = binned.iter().map(|b| b.metrics.mse * b.n as f64 / n).sum();
    assert_close("binned", "weighted mse", mse, regression_metrics(&case.truth, &case.predicted)?.mse);
    Ok(())
}
