//! One gene's dispersion by line search: DESeq2's C++ `fitDisp` (Armijo-rule gradient ascent on
//! log α of the Cox–Reid-adjusted NB log-likelihood, optionally with a normal prior on log α) and
//! `fitDispGrid` (coarse-then-fine grid search, the fallback where the line search does not converge).
//! The iteration is reproduced step for step because DESeq2 stops on an absolute change in the log
//! posterior of 1e-6, so its answer depends on the path, not only on the optimum.

use crate::linalg::{self, Matrix};
use crate::rmath::{digamma, lgamma};

/// The inputs shared by every evaluation for one gene, and what can be computed from them once.
///
/// Each evaluation of the log posterior needs lgamma(1/α + y) for every count y, and its derivative
/// digamma(1/α + y). Counts repeat (a gene with 100 samples and a mean of 20 has perhaps 30 distinct
/// counts), so both are evaluated once per distinct count into `scratch` and looked up per sample; the
/// sums still run over samples in order, so every number is the one computed sample by sample.
pub(crate) struct DispProblem<'a> {
    y: &'a [f64],
    mu: &'a [f64],
    x: &'a Matrix,
    prior: Option<(f64, f64)>,
    /// 1/μ per sample.
    inv_mu: Vec<f64>,
    /// The distinct non-zero counts, then a last slot standing for a zero count (see [`distinct_counts`]).
    levels: Vec<f64>,
    /// Per sample: its count's slot in `levels`.
    level_of: Vec<usize>,
    /// Per slot of `levels`: lgamma or digamma of 1/α + count, less its value at 1/α; 0 in the zero slot.
    scratch: Vec<f64>,
}

impl<'a> DispProblem<'a> {
    /// The problem for counts `y` with fitted means `mu` under design `x`, without a prior.
    pub(crate) fn new(y: &'a [f64], mu: &'a [f64], x: &'a Matrix) -> Self {
        let (levels, level_of) = distinct_counts(y);
        let scratch = vec![0.0; levels.len()];
        let inv_mu = mu.iter().map(|m| 1.0 / m).collect();
        Self { y, mu, x, prior: None, inv_mu, levels, level_of, scratch }
    }

    /// The same problem with a normal prior on log α of mean `mean` and variance `var`.
    pub(crate) fn with_prior(mut self, mean: f64, var: f64) -> Self {
        self.prior = Some((mean, var));
        self
    }

    /// Fills `scratch` with `f(1/α + count) − f_inv` per distinct count, 0 for the zero slot.
    fn fill_scratch(&mut self, inv: f64, f: impl Fn(f64) -> f64, f_inv: f64) {
        let n = self.levels.len() - 1;
        for (s, &level) in self.scratch[..n].iter_mut().zip(&self.levels[..n]) {
            *s = f(inv + level) - f_inv;
        }
        self.scratch[n] = 0.0;
    }

    /// Log posterior of log α: NB log-likelihood (terms free of α dropped as DESeq2 does), Cox–Reid
    /// term −½ log det(X′WX), and the prior.
    pub(crate) fn log_posterior(&mut self, log_alpha: f64) -> f64 {
        let alpha = log_alpha.exp();
        let inv = 1.0 / alpha;
        let n = self.y.len();
        let cr = -0.5 * self.log_det_b(alpha);
        // Per sample: lgamma(y + 1/α) − lgamma(1/α) − y log(μ + 1/α) − (1/α) log(1 + μα); the last two
        // terms are −(y + 1/α) log(μ + 1/α) − (1/α) log α, one logarithm instead of two. The lgamma
        // difference is taken as DESeq2 takes it, a difference of two lgamma values (0 for a zero count,
        // as R's x − x). Closed forms for small counts would be more accurate, but R's answer depends on
        // where its line search stops, and that moves with rounding at the 1e-13 level: matching R's
        // arithmetic matters more (measured: 21 vs 6 of 360,000 values off by more than 1e-6 on the
        // 60,000-gene benchmark).
        let lg_inv = lgamma(inv);
        self.fill_scratch(inv, lgamma, lg_inv);
        let mut ll = -(n as f64) * inv * log_alpha;
        for j in 0..n {
            let (y, mu) = (self.y[j], self.mu[j]);
            ll += self.scratch[self.level_of[j]] - (y + inv) * (mu + inv).ln();
        }
        let prior = match self.prior {
            Some((mean, var)) => -0.5 * (log_alpha - mean).powi(2) / var,
            None => 0.0,
        };
        ll + prior + cr
    }

    /// Derivative of [`Self::log_posterior`] with respect to log α.
    pub(crate) fn dlog_posterior(&mut self, log_alpha: f64) -> f64 {
        let alpha = log_alpha.exp();
        let inv = 1.0 / alpha;
        let cr = -0.5 * self.trace_binv_db(alpha);
        let dg_inv = digamma(inv);
        self.fill_scratch(inv, digamma, dg_inv);
        let mut sum = 0.0;
        for j in 0..self.y.len() {
            let (y, mu) = (self.y[j], self.mu[j]);
            sum += (1.0 + mu * alpha).ln() - mu * alpha / (1.0 + mu * alpha) - self.scratch[self.level_of[j]]
                + y / (mu + inv);
        }
        let ll = inv * inv * sum;
        let prior = match self.prior {
            Some((mean, var)) => -(log_alpha - mean) / var,
            None => 0.0,
        };
        (ll + cr) * alpha + prior
    }

    /// log det(X′WX) with W = diag(1 / (1/μ + α)), the Cox–Reid term's determinant.
    fn log_det_b(&self, alpha: f64) -> f64 {
        let p = self.x.cols();
        if p == 1 {
            return self.inv_mu.iter().zip(self.x.as_slice()).map(|(im, x)| x * x / (im + alpha)).sum::<f64>().ln();
        }
        if p == 2 {
            let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
            for (j, im) in self.inv_mu.iter().enumerate() {
                let w = 1.0 / (im + alpha);
                let row = self.x.row(j);
                a += w * row[0] * row[0];
                b += w * row[0] * row[1];
                c += w * row[1] * row[1];
            }
            return (a * c - b * b).ln();
        }
        let w: Vec<f64> = self.inv_mu.iter().map(|im| 1.0 / (im + alpha)).collect();
        linalg::det(&linalg::xtwx(self.x, &w), p).ln()
    }

    /// trace(B⁻¹ dB/dα) = d log det(B) / dα.
    fn trace_binv_db(&self, alpha: f64) -> f64 {
        let p = self.x.cols();
        if p <= 2 {
            let (mut b, mut db) = ([0.0; 3], [0.0; 3]);
            for (j, im) in self.inv_mu.iter().enumerate() {
                let v = im + alpha;
                let (w, dw) = (1.0 / v, -1.0 / (v * v));
                let row = self.x.row(j);
                let (x0, x1) = (row[0], if p == 2 { row[1] } else { 0.0 });
                b[0] += w * x0 * x0;
                b[1] += w * x0 * x1;
                b[2] += w * x1 * x1;
                db[0] += dw * x0 * x0;
                db[1] += dw * x0 * x1;
                db[2] += dw * x1 * x1;
            }
            if p == 1 {
                return db[0] / b[0];
            }
            let det = b[0] * b[2] - b[1] * b[1];
            // B⁻¹ = [c −b; −b a] / det for B = [a b; b c].
            return (b[2] * db[0] - 2.0 * b[1] * db[1] + b[0] * db[2]) / det;
        }
        let w: Vec<f64> = self.inv_mu.iter().map(|im| 1.0 / (im + alpha)).collect();
        let dw: Vec<f64> = self.inv_mu.iter().map(|im| -1.0 / (im + alpha).powi(2)).collect();
        let b = linalg::xtwx(self.x, &w);
        let db = linalg::xtwx(self.x, &dw);
        match linalg::inverse(&b, p) {
            Some(bi) => (0..p).map(|i| (0..p).map(|k| bi[i * p + k] * db[k * p + i]).sum::<f64>()).sum(),
            None => f64::NAN,
        }
    }
}

/// The distinct non-zero values of `y` in order of first appearance, followed by a slot standing for
/// zero, and each value's slot. Built with a small open-addressing hash table on the values' bits (this
/// runs once per gene and fit, and sorting was a sixth of the cost of the line searches it serves).
fn distinct_counts(y: &[f64]) -> (Vec<f64>, Vec<usize>) {
    const EMPTY: usize = usize::MAX;
    // At least twice as many slots as values, a power of two so that the hash is a shift.
    let bits = (2 * y.len()).max(4).next_power_of_two().trailing_zeros();
    let mut table = vec![EMPTY; 1 << bits];
    let mut levels = Vec::new();
    let mut level_of = Vec::with_capacity(y.len());
    let mut zeros = Vec::new();
    for (j, &v) in y.iter().enumerate() {
        if v == 0.0 {
            zeros.push(j);
            level_of.push(EMPTY);
            continue;
        }
        // Fibonacci hashing: the top bits of the product with 2^64 / φ.
        let key = v.to_bits();
        let mut slot = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize;
        loop {
            match table[slot] {
                EMPTY => {
                    table[slot] = levels.len();
                    level_of.push(levels.len());
                    levels.push(v);
                    break;
                }
                l if levels[l].to_bits() == key => {
                    level_of.push(l);
                    break;
                }
                _ => slot = (slot + 1) & (table.len() - 1),
            }
        }
    }
    for j in zeros {
        level_of[j] = levels.len();
    }
    levels.push(0.0);
    (levels, level_of)
}

/// Settings of the line search (DESeq2's defaults: κ₀ = 1, tol = 1e-6, maxit = 100).
pub(crate) struct LineSearch {
    pub min_log_alpha: f64,
    pub kappa_0: f64,
    pub tol: f64,
    pub maxit: usize,
}

/// What `fitDisp` returns for one gene.
pub(crate) struct DispFit {
    pub log_alpha: f64,
    pub iter: usize,
    pub initial_lp: f64,
    pub last_lp: f64,
}

/// DESeq2's `fitDisp` for one gene, starting at `log_alpha`.
pub(crate) fn fit_disp(problem: &mut DispProblem<'_>, log_alpha: f64, s: &LineSearch) -> DispFit {
    const EPSILON: f64 = 1.0e-4;
    let mut a = log_alpha;
    let mut lp = problem.log_posterior(a);
    let mut dlp = problem.dlog_posterior(a);
    let mut kappa = s.kappa_0;
    let initial_lp = lp;
    let mut iter = 0;
    let mut iter_accept = 0;
    for _ in 0..s.maxit {
        iter += 1;
        let a_propose = a + kappa * dlp;
        // log α is kept within [-30, 10]: lgamma is unstable near 1e17.
        if a_propose < -30.0 {
            kappa = (-30.0 - a) / dlp;
        }
        if a_propose > 10.0 {
            kappa = (10.0 - a) / dlp;
        }
        let proposal = a + kappa * dlp;
        let lp_proposal = problem.log_posterior(proposal);
        let theta_kappa = -lp_proposal;
        let theta_hat_kappa = -lp - kappa * EPSILON * dlp * dlp;
        if theta_kappa <= theta_hat_kappa {
            iter_accept += 1;
            // DESeq2 evaluates the log posterior again at the accepted point; it is the same number.
            a = proposal;
            let lpnew = lp_proposal;
            let change = lpnew - lp;
            if change < s.tol {
                lp = lpnew;
                break;
            }
            if a < s.min_log_alpha {
                break;
            }
            lp = lpnew;
            dlp = problem.dlog_posterior(a);
            kappa = (kappa * 1.1).min(s.kappa_0);
            if iter_accept % 5 == 0 {
                kappa /= 2.0;
            }
        } else {
            kappa /= 2.0;
        }
    }
    DispFit { log_alpha: a, iter, initial_lp, last_lp: lp }
}

/// DESeq2's `fitDispGridWrapper` + `fitDispGrid`: 20 points of log α from log 1e-8 to
/// log max(10, n samples), then 20 points around the best; returns α.
pub(crate) fn fit_disp_grid(problem: &mut DispProblem<'_>, n_samples: usize) -> f64 {
    const N: usize = 20;
    let lo = 1e-8f64.ln();
    let hi = (n_samples.max(10) as f64).ln();
    let grid: Vec<f64> = (0..N).map(|i| lo + (hi - lo) * i as f64 / (N - 1) as f64).collect();
    let delta = grid[1] - grid[0];
    let best = argmax(&grid, problem);
    let fine: Vec<f64> = (0..N).map(|i| (best - delta) + 2.0 * delta * i as f64 / (N - 1) as f64).collect();
    argmax(&fine, problem).exp()
}

fn argmax(grid: &[f64], problem: &mut DispProblem<'_>) -> f64 {
    let mut best = (grid[0], f64::NEG_INFINITY);
    for &a in grid {
        let lp = problem.log_posterior(a);
        // Armadillo's max() keeps the first maximum; NaN never wins.
        if lp > best.1 {
            best = (a, lp);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_distinct_counts() {
        let y = [3.0, 0.0, 7.0, 3.0, 0.0, 12.0, 7.0, 3.0];
        let (levels, level_of) = distinct_counts(&y);
        assert_eq!(levels, [3.0, 7.0, 12.0, 0.0]);
        assert_eq!(level_of, [0, 3, 1, 0, 3, 2, 1, 0]);
        for (v, l) in y.iter().zip(&level_of) {
            assert_eq!(levels[*l], *v);
        }
        assert_eq!(distinct_counts(&[]), (vec![0.0], vec![]));
        assert_eq!(distinct_counts(&[0.0, 0.0]), (vec![0.0], vec![0, 0]));
        // Many values: the table never fills, every value finds its own slot.
        let y: Vec<f64> = (0..1000).map(|i| f64::from(i % 337)).collect();
        let (levels, level_of) = distinct_counts(&y);
        assert_eq!(levels.len(), 337);
        assert!(y.iter().zip(&level_of).all(|(v, l)| levels[*l] == *v));
    }

    #[test]
    fn test_log_posterior_by_sample() {
        // Per-distinct-count evaluation gives exactly the numbers of a sample-by-sample loop.
        let x = Matrix::from_row_major(5, 2, vec![1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]).unwrap();
        let y = [4.0, 0.0, 4.0, 9.0, 0.0];
        let mu = [3.5, 2.0, 5.0, 6.5, 1.25];
        let mut problem = DispProblem::new(&y, &mu, &x).with_prior(-1.0, 0.5);
        for log_alpha in [-3.0, -0.7, 0.4] {
            let (alpha, inv) = (f64::exp(log_alpha), 1.0 / f64::exp(log_alpha));
            let mut ll = -5.0 * inv * log_alpha;
            let mut sum = 0.0;
            for j in 0..5 {
                let (yj, m) = (y[j], mu[j]);
                let rising = if yj == 0.0 { 0.0 } else { lgamma(inv + yj) - lgamma(inv) };
                ll += rising - (yj + inv) * (m + inv).ln();
                let drising = if yj == 0.0 { 0.0 } else { digamma(inv + yj) - digamma(inv) };
                sum += (1.0 + m * alpha).ln() - m * alpha / (1.0 + m * alpha) - drising + yj / (m + inv);
            }
            let lp = ll - 0.5 * (log_alpha + 1.0).powi(2) / 0.5 - 0.5 * problem.log_det_b(alpha);
            assert_eq!(problem.log_posterior(log_alpha).to_bits(), lp.to_bits());
            let dlp = (inv * inv * sum - 0.5 * problem.trace_binv_db(alpha)) * alpha - (log_alpha + 1.0) / 0.5;
            assert_eq!(problem.dlog_posterior(log_alpha).to_bits(), dlp.to_bits());
        }
    }
}
