//! Regression metrics: errors (MSE, MAE), correlations (Pearson, Spearman, from `gptomics-expr`, the
//! workspace's one home of correlations) and R² (scikit-learn's `r2_score`).

use gptomics_expr::correlation::{pearson, spearman};
use serde::Serialize;

use crate::{Error, Result};

/// The metrics of one set of real-valued predictions.
///
/// Correlations and R² are `None` where they are undefined rather than NaN or a made-up number, so a
/// small or degenerate length bin reads as "no value" in tables and JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegressionMetrics {
    /// Number of predictions.
    pub n: usize,
    /// Mean squared error.
    pub mse: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Pearson's r; `None` below three values or when either side is constant.
    pub pearson: Option<f64>,
    /// Spearman's rho (average ranks for ties); `None` below three values or when either side is constant.
    pub spearman: Option<f64>,
    /// Coefficient of determination `1 - SS_res / SS_tot` (scikit-learn's `r2_score`); `None` below two
    /// values or when the truth is constant (scikit-learn then reports 1 or 0 by convention).
    pub r2: Option<f64>,
}

/// Computes [`RegressionMetrics`] of `predicted` against `truth`.
///
/// Errors ([`Error::InvalidInput`]): empty input, lengths that differ, a value that is not finite.
///
/// ```
/// use gptomics_train::metrics::regression_metrics;
/// let m = regression_metrics(&[1.0, 2.0, 3.0, 4.0], &[1.5, 2.0, 2.5, 4.0])?;
/// assert!((m.mae - 0.25).abs() < 1e-12);
/// assert!((m.r2.unwrap_or(f64::NAN) - 0.9).abs() < 1e-12);
/// assert_eq!(m.spearman, Some(1.0));
/// assert!(regression_metrics(&[1.0], &[f64::NAN]).is_err());
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn regression_metrics(truth: &[f64], predicted: &[f64]) -> Result<RegressionMetrics> {
    check(truth, predicted)?;
    let n = truth.len();
    let count = n as f64;
    let residuals = truth.iter().zip(predicted).map(|(t, p)| t - p);
    let ss_res: f64 = residuals.clone().map(|r| r * r).sum();
    let mae = residuals.map(f64::abs).sum::<f64>() / count;
    let mean = truth.iter().sum::<f64>() / count;
    let ss_tot: f64 = truth.iter().map(|t| (t - mean) * (t - mean)).sum();
    let constant = |v: &[f64]| v.iter().all(|&x| x == v[0]);
    let r2 = (n >= 2 && !constant(truth)).then(|| 1.0 - ss_res / ss_tot);
    // Below three pairs the correlation tests refuse; a constant side gives NaN. Both are "undefined".
    let correlation = |f: fn(&[f64], &[f64]) -> gptomics_expr::Result<gptomics_expr::correlation::Correlation>| {
        if n < 3 { None } else { f(truth, predicted).ok().map(|c| c.estimate).filter(|r| !r.is_nan()) }
    };
    Ok(RegressionMetrics {
        n,
        mse: ss_res / count,
        mae,
        pearson: correlation(pearson),
        spearman: correlation(spearman),
        r2,
    })
}

/// The input checks shared with the per-length-bin variant.
pub(super) fn check(truth: &[f64], predicted: &[f64]) -> Result<()> {
    if truth.is_empty() {
        return Err(Error::InvalidInput("regression metrics of no predictions".into()));
    }
    if truth.len() != predicted.len() {
        return Err(Error::InvalidInput(format!("{} true values but {} predictions", truth.len(), predicted.len())));
    }
    for (what, values) in [("true value", truth), ("prediction", predicted)] {
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!("{what} {i} is {}, not a finite number", values[i])));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_regression_metrics_undefined() -> Result<()> {
        let m = regression_metrics(&[2.0], &[3.0])?;
        assert_eq!((m.mse, m.mae, m.pearson, m.spearman, m.r2), (1.0, 1.0, None, None, None));
        let m = regression_metrics(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0])?;
        assert_eq!((m.pearson, m.r2), (None, None));
        Ok(())
    }

    #[test]
    fn test_regression_metrics_errors() {
        assert!(regression_metrics(&[], &[]).is_err());
        assert!(regression_metrics(&[1.0, 2.0], &[1.0]).is_err());
        assert!(regression_metrics(&[1.0, f64::INFINITY], &[1.0, 2.0]).is_err());
    }
}
