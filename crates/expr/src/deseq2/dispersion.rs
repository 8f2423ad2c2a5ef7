//! Dispersion estimation: DESeq2's `estimateDispersionsGeneEst` (gene-wise MLE with the Cox–Reid
//! adjustment), `estimateDispersionsPriorVar` and `estimateDispersionsMAP` (shrinkage towards the
//! trend with a normal prior on log α whose width comes from the data; genes far above the trend keep
//! their gene-wise estimate).

use rayon::prelude::*;

use super::fit_disp::{DispProblem, LineSearch, fit_disp, fit_disp_grid};
use super::glm::{self, GlmSettings};
use crate::linalg::Matrix;
use crate::{Error, Result, rmath};

/// DESeq2's `minDisp`.
pub(crate) const MIN_DISP: f64 = 1e-8;

fn line_search(maxit: usize) -> LineSearch {
    LineSearch { min_log_alpha: (MIN_DISP / 10.0).ln(), kappa_0: 1.0, tol: 1e-6, maxit }
}

/// Gene-wise estimates and the means they were computed at (kept for the MAP step).
pub(crate) struct GeneWise {
    pub disp: Vec<f64>,
    /// [n_genes * n_samples], gene-major: one allocation rather than one per gene.
    pub mu: Vec<f64>,
}

/// Orthonormal basis of the design's column space (Gram–Schmidt), for least-squares fitted values.
fn column_basis(x: &Matrix) -> Vec<Vec<f64>> {
    let (n, p) = (x.rows(), x.cols());
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(p);
    for c in 0..p {
        let mut v = x.column(c);
        for _ in 0..2 {
            for q in &basis {
                let d: f64 = (0..n).map(|i| q[i] * v[i]).sum();
                for i in 0..n {
                    v[i] -= d * q[i];
                }
            }
        }
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        basis.push(v.into_iter().map(|a| a / norm).collect());
    }
    basis
}

/// `linearModelMu`: least-squares fitted values of `y` on the design.
fn linear_fit(y: &[f64], basis: &[Vec<f64>]) -> Vec<f64> {
    let mut out = vec![0.0; y.len()];
    for q in basis {
        let d: f64 = q.iter().zip(y).map(|(a, b)| a * b).sum();
        for (o, qi) in out.iter_mut().zip(q) {
            *o += d * qi;
        }
    }
    out
}

/// Whether the design only encodes groups (as many distinct rows as columns): DESeq2 then takes fitted
/// means from a linear model of the normalised counts instead of a GLM.
pub(crate) fn is_group_design(x: &Matrix) -> bool {
    let mut rows: Vec<Vec<u64>> = (0..x.rows()).map(|r| x.row(r).iter().map(|v| v.to_bits()).collect()).collect();
    rows.sort();
    rows.dedup();
    rows.len() == x.cols()
}

/// `estimateDispersionsGeneEst` for the genes in `rows` (none all-zero), with base means and variances
/// of their normalised counts.
pub(crate) fn gene_wise(
    rows: &[&[f64]],
    x: &Matrix,
    sf: &[f64],
    base_mean: &[f64],
    base_var: &[f64],
    minmu: f64,
) -> Result<GeneWise> {
    let (m, p) = (x.rows(), x.cols());
    if m <= p {
        return Err(Error::invalid(format!(
            "the design has {p} coefficients for {m} samples: there are no replicates to estimate dispersion"
        )));
    }
    let max_disp = (m as f64).max(10.0);
    let basis = column_basis(x);
    let xim = sf.iter().map(|s| 1.0 / s).sum::<f64>() / m as f64;
    // Starting values: the smaller of a moments estimate and a linear-model estimate. For a group design
    // the same linear fit gives the means, written as they come.
    let group = is_group_design(x);
    let mut mu = vec![0.0; rows.len() * m];
    let alpha_init: Vec<f64> = rows
        .par_iter()
        .zip(mu.par_chunks_mut(m))
        .enumerate()
        .map(|(g, (y, mu_g))| {
            let norm: Vec<f64> = y.iter().zip(sf).map(|(c, s)| c / s).collect();
            let fitted = linear_fit(&norm, &basis);
            if group {
                for ((out, v), s) in mu_g.iter_mut().zip(&fitted).zip(sf) {
                    *out = (v * s).max(minmu);
                }
            }
            let rough = (norm
                .iter()
                .zip(fitted.iter().map(|v| v.max(1.0)))
                .map(|(yy, mm)| ((yy - mm).powi(2) - mm) / (mm * mm))
                .sum::<f64>()
                / (m - p) as f64)
                .max(0.0);
            let moments = (base_var[g] - xim * base_mean[g]) / (base_mean[g] * base_mean[g]);
            rough.min(moments).clamp(MIN_DISP, max_disp)
        })
        .collect();
    if !group {
        let fitted = glm::fit_genes(rows, x, sf, &alpha_init, &GlmSettings::deseq2(p), |_, f| f.mu);
        for (mu_g, fitted_g) in mu.chunks_exact_mut(m).zip(fitted) {
            for (out, v) in mu_g.iter_mut().zip(fitted_g) {
                *out = v.max(minmu);
            }
        }
    }
    let search = line_search(100);
    let disp: Vec<f64> = rows
        .par_iter()
        .enumerate()
        .map(|(g, y)| {
            let mut problem = DispProblem::new(y, &mu[g * m..(g + 1) * m], x);
            let fit = fit_disp(&mut problem, alpha_init[g].ln(), &search);
            let mut est = fit.log_alpha.exp().min(max_disp);
            // Moves that did not raise the log posterior by a millionth are not accepted.
            if fit.last_lp < fit.initial_lp + fit.initial_lp.abs() / 1e6 {
                est = alpha_init[g];
            }
            let converged = fit.iter < search.maxit && fit.iter != 1;
            if !converged && est > MIN_DISP * 10.0 {
                est = fit_disp_grid(&mut problem, m);
            }
            est.clamp(MIN_DISP, max_disp)
        })
        .collect();
    Ok(GeneWise { disp, mu })
}

/// The spread of log gene-wise dispersions around the trend: `mad(log α̂ − log α_trend)²` over genes
/// with α̂ ≥ 100 × minDisp (`varLogDispEsts`).
pub(crate) fn var_log_disp_ests(disp_gene_est: &[f64], disp_fit: &[f64]) -> Option<f64> {
    let residuals: Vec<f64> = disp_gene_est
        .iter()
        .zip(disp_fit)
        .filter(|(d, _)| **d >= MIN_DISP * 100.0)
        .map(|(d, f)| d.ln() - f.ln())
        .collect();
    (!residuals.is_empty()).then(|| rmath::mad(&residuals).powi(2))
}

/// `estimateDispersionsPriorVar`: the observed spread minus the spread expected from sampling alone
/// (trigamma((m − p)/2)), at least 0.25.
///
/// With m − p ≤ 3 residual degrees of freedom DESeq2 matches the residual distribution by simulation
/// (seeded R random numbers); that path is not reproduced here and gives the floor 0.25 instead when the
/// subtraction is not informative — see the module docs of [`crate::deseq2`].
pub(crate) fn prior_var(var_log_disp: f64, m: usize, p: usize) -> f64 {
    if m > p { (var_log_disp - rmath::trigamma((m - p) as f64 / 2.0)).max(0.25) } else { var_log_disp }
}

/// Final dispersions of `estimateDispersionsMAP`.
pub(crate) struct MapResult {
    pub dispersion: Vec<f64>,
    pub disp_map: Vec<f64>,
    pub outlier: Vec<bool>,
}

/// `estimateDispersionsMAP` for the genes in `rows`.
pub(crate) fn map(
    rows: &[&[f64]],
    x: &Matrix,
    mu: &[f64],
    disp_gene_est: &[f64],
    disp_fit: &[f64],
    prior_var: f64,
    var_log_disp: f64,
) -> MapResult {
    let m = x.rows();
    let max_disp = (m as f64).max(10.0);
    let search = line_search(100);
    let disp_map: Vec<f64> = rows
        .par_iter()
        .enumerate()
        .map(|(g, y)| {
            let init = if disp_gene_est[g] > 0.1 * disp_fit[g] { disp_gene_est[g] } else { disp_fit[g] };
            let mut problem = DispProblem::new(y, &mu[g * m..(g + 1) * m], x).with_prior(disp_fit[g].ln(), prior_var);
            let fit = fit_disp(&mut problem, init.ln(), &search);
            let est = if fit.iter < search.maxit { fit.log_alpha.exp() } else { fit_disp_grid(&mut problem, m) };
            est.clamp(MIN_DISP, max_disp)
        })
        .collect();
    let threshold = 2.0 * var_log_disp.sqrt();
    let outlier: Vec<bool> = disp_gene_est.iter().zip(disp_fit).map(|(d, f)| d.ln() > f.ln() + threshold).collect();
    let dispersion = (0..disp_map.len()).map(|g| if outlier[g] { disp_gene_est[g] } else { disp_map[g] }).collect();
    MapResult { dispersion, disp_map, outlier }
}
