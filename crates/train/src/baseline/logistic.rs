//! L2-regularised logistic regression with an unpenalised intercept: the objective of scikit-learn's
//! `LogisticRegression(C=C, l1_ratio=0, solver='lbfgs')` (scikit-learn ≥ 1.5 minimises the same function
//! divided by n):
//!
//! `sum_i CE_i + 1/(2C) ||W||²`
//!
//! With two classes the model is scikit-learn's: one weight vector and a sigmoid (not two softmax
//! vectors, whose penalty would differ); with more, one vector per class and a softmax. Fitted by
//! [L-BFGS](super::lbfgs) on the objective divided by n (scale-free gradient tolerance). Dense features
//! only; no class weights, no sample weights.

use rayon::prelude::*;
use serde::Serialize;

use super::{
    Features,
    lbfgs::minimize,
    linalg::{axpy, dot},
};
use crate::{Error, Result};

/// Largest gradient entry of the objective divided by n at which a final fit stops: probabilities then
/// lie within ~1e-9 of the exact optimum (scikit-learn's lbfgs at `tol=1e-10` stops at its `ftol`, ~5e-7
/// away). Reached in a few more iterations than 1e-9 thanks to the line search's approximate-Wolfe rule.
pub(super) const FINAL_TOLERANCE: f64 = 1e-11;
/// The iteration cap of a fit (scikit-learn's default is 100, too few for the tolerance above).
const MAX_ITER: usize = 10_000;
/// Rows per parallel work item of the objective; fixed (not per thread) so sums are reproducible.
const CHUNK: usize = 64;

/// A fitted logistic regression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogisticRegression {
    num_classes: usize,
    cols: usize,
    /// `[m, cols]` with m = 1 for two classes (the weights of class 1), else `num_classes`.
    weights: Vec<f64>,
    /// `[m]`.
    intercepts: Vec<f64>,
    c: f64,
    iterations: usize,
    converged: bool,
}

impl LogisticRegression {
    /// Fits the model to `x` and class indices `labels` with inverse regularisation strength `c`.
    ///
    /// Errors ([`Error::InvalidInput`]): no rows or columns, `labels.len() != x.rows()`, fewer than two classes, a
    /// label `>= num_classes`, a class with no rows (its intercept would run to minus infinity), `c` not
    /// positive and finite. Not converging within 10 000 iterations is no error: see
    /// [`converged`](Self::converged).
    ///
    /// ```
    /// use gptomics_train::baseline::{Features, LogisticRegression};
    /// let x = Features::new(4, 1, vec![-2.0, -1.0, 1.0, 2.0])?;
    /// let model = LogisticRegression::fit(&x, &[0, 0, 1, 1], 2, 1.0)?;
    /// let p = model.predict_proba(&Features::new(1, 1, vec![3.0])?)?;
    /// assert!(p[1] > 0.9 && (p[0] + p[1] - 1.0).abs() < 1e-12);
    /// # Ok::<(), gptomics_train::Error>(())
    /// ```
    pub fn fit(x: &Features, labels: &[usize], num_classes: usize, c: f64) -> Result<Self> {
        Self::fit_from(x, labels, num_classes, c, FINAL_TOLERANCE, None)
    }

    /// [`fit`](Self::fit) with a gradient tolerance, starting from `start`'s parameters when given (a
    /// warm start along a grid of `c`).
    pub(super) fn fit_from(
        x: &Features,
        labels: &[usize],
        num_classes: usize,
        c: f64,
        tolerance: f64,
        start: Option<&Self>,
    ) -> Result<Self> {
        check(x, labels, num_classes, c)?;
        let cols = x.cols();
        let m = if num_classes == 2 { 1 } else { num_classes };
        let x0 = match start {
            Some(s) if s.num_classes == num_classes && s.cols == cols => [&s.weights[..], &s.intercepts].concat(),
            _ => vec![0.0; m * cols + m],
        };
        let penalty = 1.0 / (c * x.rows() as f64);
        let objective = |theta: &[f64], grad: &mut [f64]| mean_objective(x, labels, m, penalty, theta, grad);
        let found = minimize(objective, x0, tolerance, MAX_ITER);
        let (weights, intercepts) = found.x.split_at(m * cols);
        Ok(Self {
            num_classes,
            cols,
            weights: weights.to_vec(),
            intercepts: intercepts.to_vec(),
            c,
            iterations: found.iterations,
            converged: found.converged,
        })
    }

    /// Class probabilities of the rows of `x`, row-major `[rows, num_classes]`; [`Error::InvalidInput`]
    /// when `x` has another number of columns than the training features.
    pub fn predict_proba(&self, x: &Features) -> Result<Vec<f64>> {
        if x.cols() != self.cols {
            return Err(Error::InvalidInput(format!(
                "features have {} columns, the model was fitted on {}",
                x.cols(),
                self.cols
            )));
        }
        let k = self.num_classes;
        let mut out = vec![0.0; x.rows() * k];
        out.par_chunks_mut(k).enumerate().for_each(|(i, p)| {
            let row = x.row(i);
            if k == 2 {
                p[1] = sigmoid(dot(&self.weights, row) + self.intercepts[0]);
                p[0] = 1.0 - p[1];
            } else {
                for (j, pj) in p.iter_mut().enumerate() {
                    *pj = dot(&self.weights[j * self.cols..(j + 1) * self.cols], row) + self.intercepts[j];
                }
                softmax_in_place(p);
            }
        });
        Ok(out)
    }

    /// Number of classes.
    pub fn num_classes(&self) -> usize {
        self.num_classes
    }

    /// The inverse regularisation strength it was fitted with.
    pub fn c(&self) -> f64 {
        self.c
    }

    /// The weights, row-major `[1, cols]` (class 1's) for two classes, else `[num_classes, cols]`.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The intercepts, one per weight row.
    pub fn intercepts(&self) -> &[f64] {
        &self.intercepts
    }

    /// L-BFGS iterations the fit took.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Whether the fit reached its gradient tolerance (else it stopped at the iteration cap or could no
    /// longer decrease the objective; the parameters are then the best found).
    pub fn converged(&self) -> bool {
        self.converged
    }
}

/// `(1/n) sum_i CE_i + penalty/2 ||W||²` (penalty = 1/(C n)) and its gradient, in one pass over the rows.
/// `theta` is `[W (m × cols), b (m)]`.
fn mean_objective(x: &Features, labels: &[usize], m: usize, penalty: f64, theta: &[f64], grad: &mut [f64]) -> f64 {
    let cols = x.cols();
    let (w, b) = theta.split_at(m * cols);
    let partial: Vec<(f64, Vec<f64>)> = x
        .values()
        .par_chunks(CHUNK * cols.max(1))
        .zip(labels.par_chunks(CHUNK))
        .map(|(rows, labels)| {
            let mut g = vec![0.0; theta.len()];
            let mut loss = 0.0;
            let mut z = vec![0.0; m];
            for (row, &label) in rows.chunks_exact(cols.max(1)).zip(labels) {
                for (k, zk) in z.iter_mut().enumerate() {
                    *zk = dot(&w[k * cols..(k + 1) * cols], row) + b[k];
                }
                if m == 1 {
                    let y = if label == 1 { 1.0 } else { 0.0 };
                    loss += softplus(z[0]) - y * z[0];
                    let r = sigmoid(z[0]) - y;
                    axpy(r, row, &mut g[..cols]);
                    g[cols] += r;
                } else {
                    let max = z.iter().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
                    let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
                    loss += lse - z[label];
                    for k in 0..m {
                        let r = (z[k] - lse).exp() - if k == label { 1.0 } else { 0.0 };
                        axpy(r, row, &mut g[k * cols..(k + 1) * cols]);
                        g[m * cols + k] += r;
                    }
                }
            }
            (loss, g)
        })
        .collect();
    grad.fill(0.0);
    let mut loss = 0.0;
    for (l, g) in &partial {
        loss += l;
        axpy(1.0, g, grad);
    }
    let n = x.rows() as f64;
    grad.iter_mut().for_each(|v| *v /= n);
    axpy(penalty, w, &mut grad[..m * cols]);
    loss / n + 0.5 * penalty * dot(w, w)
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + e^z)` without overflow.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

fn softmax_in_place(z: &mut [f64]) {
    let max = z.iter().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
    z.iter_mut().for_each(|v| *v = (*v - max).exp());
    let sum: f64 = z.iter().sum();
    z.iter_mut().for_each(|v| *v /= sum);
}

fn check(x: &Features, labels: &[usize], num_classes: usize, c: f64) -> Result<()> {
    if x.rows() == 0 || x.cols() == 0 {
        return Err(Error::InvalidInput("logistic regression on no rows or no features".into()));
    }
    if labels.len() != x.rows() {
        return Err(Error::InvalidInput(format!("{} labels for {} feature rows", labels.len(), x.rows())));
    }
    if num_classes < 2 {
        return Err(Error::InvalidInput(format!("logistic regression needs 2 or more classes, got {num_classes}")));
    }
    if !(c > 0.0 && c.is_finite()) {
        return Err(Error::InvalidInput(format!("C must be positive and finite, got {c}")));
    }
    let mut counts = vec![0usize; num_classes];
    for (i, &l) in labels.iter().enumerate() {
        let count = counts
            .get_mut(l)
            .ok_or_else(|| Error::InvalidInput(format!("label {i} is {l}, not below {num_classes} classes")))?;
        *count += 1;
    }
    if let Some(k) = counts.iter().position(|&n| n == 0) {
        return Err(Error::InvalidInput(format!("class {k} has no training rows")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analytic gradient against central differences, for both parametrisations.
    #[test]
    fn test_mean_objective_gradient() -> Result<()> {
        let x = Features::new(5, 2, vec![0.5, -1.0, 1.5, 0.2, -0.3, 0.8, 1.1, -0.7, 0.0, 0.4])?;
        for (labels, m) in [(vec![0, 1, 1, 0, 1], 1), (vec![0, 1, 2, 2, 1], 3)] {
            let theta: Vec<f64> = (0..m * 3).map(|i| 0.1 * i as f64 - 0.2).collect();
            let mut grad = vec![0.0; theta.len()];
            mean_objective(&x, &labels, m, 0.3, &theta, &mut grad);
            for i in 0..theta.len() {
                let (mut up, mut down) = (theta.clone(), theta.clone());
                up[i] += 1e-6;
                down[i] -= 1e-6;
                let mut scratch = vec![0.0; theta.len()];
                let numeric = (mean_objective(&x, &labels, m, 0.3, &up, &mut scratch)
                    - mean_objective(&x, &labels, m, 0.3, &down, &mut scratch))
                    / 2e-6;
                assert!((numeric - grad[i]).abs() < 1e-8, "m {m} parameter {i}: {numeric} vs {}", grad[i]);
            }
        }
        Ok(())
    }

    #[test]
    fn test_fit_errors() -> Result<()> {
        let x = Features::new(2, 1, vec![0.0, 1.0])?;
        assert!(LogisticRegression::fit(&x, &[0, 0], 2, 1.0).is_err());
        assert!(LogisticRegression::fit(&x, &[0, 1], 2, 0.0).is_err());
        assert!(LogisticRegression::fit(&x, &[0, 2], 2, 1.0).is_err());
        assert!(LogisticRegression::fit(&x, &[0], 2, 1.0).is_err());
        let model = LogisticRegression::fit(&x, &[0, 1], 2, 1.0)?;
        assert!(model.converged());
        assert!(model.predict_proba(&Features::new(1, 2, vec![0.0; 2])?).is_err());
        Ok(())
    }
}
