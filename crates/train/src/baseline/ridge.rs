//! Ridge regression with an unpenalised intercept, scikit-learn's `Ridge(alpha)`: minimises
//! `||y - Xw - b||² + alpha ||w||²` by centring `X` and `y` and solving the normal equations by Cholesky,
//! in their primal form `(XcᵀXc + alpha I) w = Xcᵀyc` when there are no more features than rows, else the
//! dual `(XcXcᵀ + alpha I) β = yc`, `w = Xcᵀβ` (5440 k-mer features, ~1000 sequences: a 1000² system).
//! Dense and in memory; no sample weights, no multiple targets.

use serde::Serialize;

use super::{
    Features,
    linalg::{cholesky_solve, dot, gram},
};
use crate::{Error, Result};

/// A fitted ridge regression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RidgeRegression {
    weights: Vec<f64>,
    intercept: f64,
    alpha: f64,
}

impl RidgeRegression {
    /// Fits `y` on `x` with penalty `alpha`.
    ///
    /// Errors ([`Error::InvalidInput`]): no rows or columns, `y.len() != x.rows()`, a value of `y` not
    /// finite, `alpha` not positive and finite.
    ///
    /// ```
    /// use gptomics_train::baseline::{Features, RidgeRegression};
    /// let x = Features::new(3, 1, vec![0.0, 1.0, 2.0])?;
    /// let model = RidgeRegression::fit(&x, &[1.0, 3.0, 5.0], 1.0)?;
    /// // Centred: Σx² = 2, Σxy = 4, so w = 4 / (2 + 1).
    /// assert!((model.weights()[0] - 4.0 / 3.0).abs() < 1e-12);
    /// assert!((model.predict(&x)?[1] - 3.0).abs() < 1e-12);
    /// # Ok::<(), gptomics_train::Error>(())
    /// ```
    pub fn fit(x: &Features, y: &[f64], alpha: f64) -> Result<Self> {
        RidgeSystem::new(x, y)?.solve(alpha)
    }

    /// Predictions for the rows of `x`; [`Error::InvalidInput`] when `x` has another number of columns
    /// than the training features.
    pub fn predict(&self, x: &Features) -> Result<Vec<f64>> {
        if x.cols() != self.weights.len() {
            return Err(Error::InvalidInput(format!(
                "features have {} columns, the model was fitted on {}",
                x.cols(),
                self.weights.len()
            )));
        }
        Ok((0..x.rows()).map(|i| dot(&self.weights, x.row(i)) + self.intercept).collect())
    }

    /// The coefficients, one per feature.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The intercept.
    pub fn intercept(&self) -> f64 {
        self.intercept
    }

    /// The penalty it was fitted with.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
}

/// The centred normal equations of one training set, built once and solved for each `alpha` of a grid.
pub(super) struct RidgeSystem {
    rows: usize,
    cols: usize,
    /// `Xc`, row-major `[rows, cols]`.
    centred: Vec<f64>,
    means: Vec<f64>,
    y_mean: f64,
    y_centred: Vec<f64>,
    /// Dual: `XcXcᵀ` `[rows, rows]`; primal: `XcᵀXc` `[cols, cols]`.
    matrix: Vec<f64>,
    dual: bool,
}

impl RidgeSystem {
    /// Centres `x` and `y` and forms the smaller of the two cross-product matrices.
    pub(super) fn new(x: &Features, y: &[f64]) -> Result<Self> {
        Self::with_form(x, y, x.cols() > x.rows())
    }

    /// [`new`](Self::new) with the form chosen by the caller.
    fn with_form(x: &Features, y: &[f64], dual: bool) -> Result<Self> {
        let (rows, cols) = (x.rows(), x.cols());
        if rows == 0 || cols == 0 {
            return Err(Error::InvalidInput("ridge regression on no rows or no features".into()));
        }
        if y.len() != rows {
            return Err(Error::InvalidInput(format!("{} targets for {rows} feature rows", y.len())));
        }
        if let Some(i) = y.iter().position(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!("target {i} is {}, not a finite number", y[i])));
        }
        let n = rows as f64;
        let mut means = vec![0.0; cols];
        for i in 0..rows {
            means.iter_mut().zip(x.row(i)).for_each(|(m, v)| *m += v);
        }
        means.iter_mut().for_each(|m| *m /= n);
        let mut centred = x.values().to_vec();
        for row in centred.chunks_exact_mut(cols) {
            row.iter_mut().zip(&means).for_each(|(v, m)| *v -= m);
        }
        let y_mean = y.iter().sum::<f64>() / n;
        let y_centred = y.iter().map(|v| v - y_mean).collect();
        let matrix = if dual {
            gram(&centred, rows, cols)
        } else {
            let mut transposed = vec![0.0; cols * rows]; // [cols, rows]
            for (i, row) in centred.chunks_exact(cols).enumerate() {
                for (j, v) in row.iter().enumerate() {
                    transposed[j * rows + i] = *v;
                }
            }
            gram(&transposed, cols, rows)
        };
        Ok(Self { rows, cols, centred, means, y_mean, y_centred, matrix, dual })
    }

    /// The fit for penalty `alpha`.
    pub(super) fn solve(&self, alpha: f64) -> Result<RidgeRegression> {
        if !(alpha > 0.0 && alpha.is_finite()) {
            return Err(Error::InvalidInput(format!("ridge alpha must be positive and finite, got {alpha}")));
        }
        let size = if self.dual { self.rows } else { self.cols };
        let mut a = self.matrix.clone();
        (0..size).for_each(|i| a[i * size + i] += alpha);
        let column = |j: usize| self.centred.chunks_exact(self.cols).map(move |row| row[j]);
        let mut b: Vec<f64> = if self.dual {
            self.y_centred.clone()
        } else {
            (0..self.cols).map(|j| column(j).zip(&self.y_centred).map(|(x, y)| x * y).sum()).collect()
        };
        if !cholesky_solve(&mut a, size, &mut b) {
            return Err(Error::InvalidInput(format!(
                "ridge system with alpha {alpha} is not positive definite to working precision"
            )));
        }
        let weights: Vec<f64> = if self.dual {
            (0..self.cols).map(|j| column(j).zip(&b).map(|(x, beta)| x * beta).sum()).collect()
        } else {
            b
        };
        let intercept = self.y_mean - dot(&self.means, &weights);
        Ok(RidgeRegression { weights, intercept, alpha })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Primal and dual forms give the same fit, wide or tall.
    #[test]
    fn test_primal_equals_dual() -> Result<()> {
        for (rows, cols) in [(3, 5), (6, 2)] {
            let values: Vec<f64> = (0..rows * cols).map(|i| ((i * 7) % 5) as f64 - 0.3 * i as f64).collect();
            let x = Features::new(rows, cols, values)?;
            let y: Vec<f64> = (0..rows).map(|i| (i as f64).sin()).collect();
            let primal = RidgeSystem::with_form(&x, &y, false)?.solve(0.7)?;
            let dual = RidgeSystem::with_form(&x, &y, true)?.solve(0.7)?;
            for (a, b) in primal.weights().iter().zip(dual.weights()).chain([(&primal.intercept, &dual.intercept)]) {
                assert!((a - b).abs() < 1e-12, "{rows} × {cols}: {a} vs {b}");
            }
        }
        Ok(())
    }

    #[test]
    fn test_fit_errors() -> Result<()> {
        let x = Features::new(2, 1, vec![0.0, 1.0])?;
        assert!(RidgeRegression::fit(&x, &[1.0], 1.0).is_err());
        assert!(RidgeRegression::fit(&x, &[1.0, f64::NAN], 1.0).is_err());
        assert!(RidgeRegression::fit(&x, &[1.0, 2.0], 0.0).is_err());
        assert!(RidgeRegression::fit(&x, &[1.0, 2.0], 1.0)?.predict(&Features::new(1, 2, vec![0.0; 2])?).is_err());
        Ok(())
    }
}
