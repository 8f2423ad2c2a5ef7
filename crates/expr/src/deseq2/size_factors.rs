//! Size factors: DESeq2's `estimateSizeFactors` with `type = "ratio"` (median of ratios), `"poscounts"`
//! and `"iterate"`.

use rayon::prelude::*;

use super::CountMatrix;
use crate::{Error, Result, rmath};

/// How to estimate size factors (DESeq2's `sfType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SizeFactorType {
    /// Median of ratios to the per-gene geometric mean over genes with no zero (the default). Fails when
    /// every gene has a zero somewhere.
    #[default]
    Ratio,
    /// As `Ratio` but the geometric mean uses positive counts only (n-th root of their product), so
    /// sparse data works; factors are scaled to geometric mean 1.
    PosCounts,
    /// DESeq2's iterative estimator: alternates a mean-dispersion fit with maximising the likelihood of
    /// all but the 5 % worst-fitting genes over the size factors.
    Iterate,
}

/// Median-of-ratios size factors (`estimateSizeFactorsForMatrix`).
///
/// # Errors
/// [`Error::InvalidInput`] when every gene has at least one zero (use [`SizeFactorType::PosCounts`]),
/// or when a sample has no gene usable for the median (for example a sample of all zeros).
pub fn median_of_ratios(counts: &CountMatrix) -> Result<Vec<f64>> {
    let log_geo_means: Vec<f64> = (0..counts.n_genes())
        .into_par_iter()
        .map(|g| counts.row(g).iter().map(|c| c.ln()).sum::<f64>() / counts.n_samples() as f64)
        .collect();
    size_factors_from_log_geo_means(counts, &log_geo_means, false)
}

/// `poscounts` size factors: geometric means over positive counts (divided by the number of samples, as
/// DESeq2 does), then median of ratios, then scaled to geometric mean 1.
///
/// # Errors
/// As [`median_of_ratios`].
pub fn poscounts(counts: &CountMatrix) -> Result<Vec<f64>> {
    let n = counts.n_samples() as f64;
    let log_geo_means: Vec<f64> = (0..counts.n_genes())
        .map(|g| {
            let row = counts.row(g);
            if row.iter().all(|&c| c == 0.0) {
                f64::NEG_INFINITY
            } else {
                row.iter().filter(|&&c| c > 0.0).map(|c| c.ln()).sum::<f64>() / n
            }
        })
        .collect();
    size_factors_from_log_geo_means(counts, &log_geo_means, true)
}

fn size_factors_from_log_geo_means(counts: &CountMatrix, log_geo_means: &[f64], normalise: bool) -> Result<Vec<f64>> {
    if log_geo_means.iter().all(|v| v.is_infinite()) {
        return Err(Error::invalid(
            "every gene contains at least one zero, so the log geometric means cannot be computed; \
             use size factor type `poscounts` (or `iterate`)",
        ));
    }
    // One median per sample over all genes: samples in parallel, each by selection (linear time).
    let medians: Vec<Option<f64>> = (0..counts.n_samples())
        .into_par_iter()
        .map(|s| {
            let mut ratios: Vec<f64> = log_geo_means
                .iter()
                .enumerate()
                .filter_map(|(g, &lgm)| {
                    let c = counts.row(g)[s];
                    (lgm.is_finite() && c > 0.0).then(|| c.ln() - lgm)
                })
                .collect();
            (!ratios.is_empty()).then(|| rmath::median_in_place(&mut ratios).exp())
        })
        .collect();
    let mut factors = Vec::with_capacity(counts.n_samples());
    for (s, median) in medians.into_iter().enumerate() {
        let Some(factor) = median else {
            return Err(Error::invalid(format!(
                "sample `{}` has no positive count among the genes used for size factors (all zeros?)",
                counts.samples()[s]
            )));
        };
        factors.push(factor);
    }
    if normalise {
        let mean_log = factors.iter().map(|f| f.ln()).sum::<f64>() / factors.len() as f64;
        for f in &mut factors {
            *f /= mean_log.exp();
        }
    }
    Ok(factors)
}

/// DESeq2's `estimateSizeFactorsIterate` (niter = 10, Q = 0.05): start from factors of 1; in each round
/// estimate dispersions under `~ 1` with the `mean` trend, then maximise the summed NB log-likelihood
/// of all genes but the 5 % with the lowest likelihood over the log size factors (centred); stop when
/// the squared change of log factors sums below 1e-4.
///
/// DESeq2 maximises with `optim(method = "L-BFGS-B")` and finite-difference gradients; here a BFGS
/// with the analytic gradient does it, so each round lands on the optimum rather than near it.
///
/// # Errors
/// [`Error::Numerical`] when ten rounds do not settle, and the errors of dispersion estimation.
pub(crate) fn iterate(counts: &CountMatrix, minmu: f64) -> Result<Vec<f64>> {
    use super::dispersion;
    use super::trend::{self, FitType};
    let m = counts.n_samples();
    let design = crate::design::Design::intercept_only(m);
    let x = design.matrix();
    let idx: Vec<usize> = (0..counts.n_genes()).filter(|&g| counts.row(g).iter().any(|&c| c > 0.0)).collect();
    let rows: Vec<&[f64]> = idx.iter().map(|&g| counts.row(g)).collect();
    let mut sf = vec![1.0; m];
    for round in 1..=10 {
        let (bm, bv): (Vec<f64>, Vec<f64>) = rows
            .iter()
            .map(|y| {
                let norm: Vec<f64> = y.iter().zip(&sf).map(|(c, s)| c / s).collect();
                (norm.iter().sum::<f64>() / m as f64, rmath::var(&norm))
            })
            .unzip();
        let gene_wise = dispersion::gene_wise(&rows, x, &sf, &bm, &bv, minmu)?;
        let tr = trend::fit_trend(FitType::Mean, &bm, &gene_wise.disp, dispersion::MIN_DISP)?;
        let fitted: Vec<f64> = bm.iter().map(|&b| tr.at(b)).collect();
        let var_log = dispersion::var_log_disp_ests(&gene_wise.disp, &fitted).unwrap_or(0.0);
        let prior = dispersion::prior_var(var_log, m, 1);
        let map = dispersion::map(&rows, x, &gene_wise.mu, &gene_wise.disp, &fitted, prior, var_log);
        // q: the fitted means without the size factors.
        let q: Vec<Vec<f64>> =
            gene_wise.mu.chunks_exact(m).map(|mu| mu.iter().zip(&sf).map(|(a, s)| a / s).collect()).collect();
        let objective = IterateObjective { rows: &rows, q: &q, disp: &map.dispersion, quantile: 0.05 };
        let start: Vec<f64> = sf.iter().map(|s| s.ln()).collect();
        let par = maximise(&objective, start);
        let mean = par.iter().sum::<f64>() / m as f64;
        let new: Vec<f64> = par.iter().map(|p| (p - mean).exp()).collect();
        let change: f64 = sf.iter().zip(&new).map(|(a, b)| (a.ln() - b.ln()).powi(2)).sum();
        sf = new;
        if round > 1 && change < 1e-4 {
            return Ok(sf);
        }
    }
    Err(Error::Numerical { method: "iterative size factors", reason: "did not converge in 10 rounds".into() })
}

struct IterateObjective<'a> {
    rows: &'a [&'a [f64]],
    q: &'a [Vec<f64>],
    disp: &'a [f64],
    quantile: f64,
}

impl IterateObjective<'_> {
    /// Value and gradient at log factors `p`.
    fn eval(&self, p: &[f64]) -> (f64, Vec<f64>) {
        let m = p.len();
        let mean = p.iter().sum::<f64>() / m as f64;
        let sf: Vec<f64> = p.iter().map(|v| (v - mean).exp()).collect();
        let mut gene_ll = Vec::with_capacity(self.rows.len());
        let mut resid = Vec::with_capacity(self.rows.len());
        for (g, y) in self.rows.iter().enumerate() {
            let size = 1.0 / self.disp[g];
            let mut ll = 0.0;
            let mut r = vec![0.0; m];
            for j in 0..m {
                let mu = self.q[g][j] * sf[j];
                ll += rmath::dnbinom_mu_log(y[j], size, mu);
                r[j] = (y[j] - mu) / (1.0 + self.disp[g] * mu);
            }
            gene_ll.push(ll);
            resid.push(r);
        }
        let mut sorted = gene_ll.clone();
        sorted.sort_by(f64::total_cmp);
        let cut = rmath::quantile_sorted(&sorted, self.quantile);
        let mut value = 0.0;
        let mut grad = vec![0.0; m];
        for (g, ll) in gene_ll.iter().enumerate() {
            if *ll > cut {
                value += ll;
                let rbar = resid[g].iter().sum::<f64>() / m as f64;
                for j in 0..m {
                    grad[j] += resid[g][j] - rbar;
                }
            }
        }
        (value, grad)
    }
}

/// BFGS ascent with a backtracking line search, to a relative change of 1e-12.
fn maximise(objective: &IterateObjective<'_>, start: Vec<f64>) -> Vec<f64> {
    let m = start.len();
    let mut x = start;
    let (mut f, mut g) = objective.eval(&x);
    let mut h: Vec<f64> = (0..m * m).map(|i| if i % (m + 1) == 0 { 1e-3 } else { 0.0 }).collect();
    for _ in 0..500 {
        let dir: Vec<f64> = (0..m).map(|a| (0..m).map(|b| h[a * m + b] * g[b]).sum()).collect();
        let slope: f64 = dir.iter().zip(&g).map(|(d, gg)| d * gg).sum();
        if slope <= 0.0 {
            h = (0..m * m).map(|i| if i % (m + 1) == 0 { 1e-3 } else { 0.0 }).collect();
            continue;
        }
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..50 {
            let cand: Vec<f64> = x.iter().zip(&dir).map(|(a, d)| a + step * d).collect();
            let (fc, gc) = objective.eval(&cand);
            if fc >= f + 1e-4 * step * slope {
                accepted = Some((cand, fc, gc));
                break;
            }
            step /= 2.0;
        }
        let Some((nx, nf, ng)) = accepted else { break };
        let s: Vec<f64> = nx.iter().zip(&x).map(|(a, b)| a - b).collect();
        // Ascent on f is descent on −f: y = ∇(−f)_new − ∇(−f)_old.
        let yv: Vec<f64> = g.iter().zip(&ng).map(|(a, b)| a - b).collect();
        let sy: f64 = s.iter().zip(&yv).map(|(a, b)| a * b).sum();
        let done = (nf - f).abs() <= 1e-12 * f.abs().max(1.0);
        x = nx;
        f = nf;
        g = ng;
        if done {
            break;
        }
        if sy > 1e-12 {
            let hy: Vec<f64> = (0..m).map(|a| (0..m).map(|b| h[a * m + b] * yv[b]).sum()).collect();
            let yhy: f64 = yv.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for a in 0..m {
                for b in 0..m {
                    h[a * m + b] += (sy + yhy) * s[a] * s[b] / (sy * sy) - (hy[a] * s[b] + s[a] * hy[b]) / sy;
                }
            }
        }
    }
    x
}
