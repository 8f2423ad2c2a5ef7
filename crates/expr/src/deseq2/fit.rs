//! `DESeq()`: the whole fit, from counts and a design to per-gene coefficients, dispersions and
//! Cook's distances, with DESeq2's outlier replacement and refit.

use rayon::prelude::*;

use super::CountMatrix;
use super::cooks::{self, Cells};
use super::dispersion::{self, MIN_DISP};
use super::glm::{self, GeneFit, GlmSettings};
use super::size_factors::{self, SizeFactorType};
use super::trend::{self, DispersionTrend, FitType};
use crate::design::Design;
use crate::{Error, Result, rmath};

/// Settings of [`run`] (DESeq2's `DESeq()` arguments).
#[derive(Clone, Debug)]
pub struct DeseqOptions {
    /// How to estimate size factors (ignored when `size_factors` is given).
    pub size_factor_type: SizeFactorType,
    /// Size factors to use as they are, one per sample.
    pub size_factors: Option<Vec<f64>>,
    /// The dispersion trend.
    pub fit_type: FitType,
    /// Replace count outliers and refit when a design cell has at least this many samples (DESeq2's
    /// `minReplicatesForReplace`, 7); `None` never replaces.
    pub min_replicates_for_replace: Option<usize>,
    /// Lower bound on fitted means in weights (`minmu`, 0.5).
    pub minmu: f64,
}

impl Default for DeseqOptions {
    fn default() -> Self {
        Self {
            size_factor_type: SizeFactorType::Ratio,
            size_factors: None,
            fit_type: FitType::Parametric,
            min_replicates_for_replace: Some(7),
            minmu: 0.5,
        }
    }
}

/// Everything `DESeq()` stores per gene and per sample. Per-gene vectors have one entry per gene of the
/// count matrix; genes with all-zero counts hold NaN (and `false`) as DESeq2 holds NA.
#[derive(Clone, Debug)]
pub struct DeseqFit {
    pub(crate) counts: CountMatrix,
    pub(crate) design: Design,
    pub(crate) size_factors: Vec<f64>,
    pub(crate) base_mean: Vec<f64>,
    pub(crate) base_var: Vec<f64>,
    pub(crate) all_zero: Vec<bool>,
    pub(crate) disp_gene_est: Vec<f64>,
    pub(crate) disp_fit: Vec<f64>,
    pub(crate) dispersion: Vec<f64>,
    pub(crate) disp_map: Vec<f64>,
    pub(crate) disp_outlier: Vec<bool>,
    pub(crate) trend: DispersionTrend,
    pub(crate) var_log_disp_ests: f64,
    pub(crate) prior_var: f64,
    /// genes × p, log2 scale.
    pub(crate) beta: Vec<f64>,
    pub(crate) beta_se: Vec<f64>,
    /// genes × p × p covariance of the natural-log coefficients.
    pub(crate) sigma: Vec<f64>,
    pub(crate) beta_conv: Vec<bool>,
    pub(crate) beta_iter: Vec<usize>,
    /// genes × samples, from the first fit (before any replacement), as DESeq2 keeps them.
    pub(crate) cooks: Vec<f64>,
    pub(crate) max_cooks: Vec<f64>,
    pub(crate) replaced: Vec<bool>,
    pub(crate) replace_counts: Option<CountMatrix>,
}

/// Runs DESeq2's `DESeq()` with the Wald test.
///
/// # Errors
/// [`Error::InvalidInput`] when the design's rows are not the count matrix's samples, when there are no
/// residual degrees of freedom, when size factors cannot be estimated (every gene has a zero with
/// `Ratio`, or a sample has no counts) or are not positive; [`Error::Numerical`] when the dispersion
/// trend cannot be fitted.
pub fn run(counts: &CountMatrix, design: &Design, options: &DeseqOptions) -> Result<DeseqFit> {
    let x = design.matrix();
    let (m, p) = (counts.n_samples(), x.cols());
    if x.rows() != m {
        return Err(Error::invalid(format!("the design has {} rows for {m} samples", x.rows())));
    }
    if m <= p {
        return Err(Error::invalid(format!(
            "{m} samples for {p} coefficients: the design leaves no replicates to estimate dispersion"
        )));
    }
    let sf = match &options.size_factors {
        Some(given) => {
            if given.len() != m || given.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
                return Err(Error::invalid(format!(
                    "{} size factors given for {m} samples, all must be > 0",
                    given.len()
                )));
            }
            given.clone()
        }
        None => match options.size_factor_type {
            SizeFactorType::Ratio => size_factors::median_of_ratios(counts)?,
            SizeFactorType::PosCounts => size_factors::poscounts(counts)?,
            SizeFactorType::Iterate => super::size_factors::iterate(counts, options.minmu)?,
        },
    };
    let first = fit_all(counts, design, &sf, options.fit_type, options.minmu, None)?;
    let replace_at = options.min_replicates_for_replace;
    let cells = Cells::new(x);
    match replace_at {
        Some(min) if cells.sizes.iter().any(|&s| s >= min) => refit_without_outliers(first, min, options.minmu),
        _ => Ok(first),
    }
}

/// Means and variances of normalised counts, and whether each gene is all zero.
fn base_stats(counts: &CountMatrix, sf: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<bool>) {
    let per_gene: Vec<(f64, f64, bool)> = (0..counts.n_genes())
        .into_par_iter()
        .map(|g| {
            let norm: Vec<f64> = counts.row(g).iter().zip(sf).map(|(c, s)| c / s).collect();
            let mean = norm.iter().sum::<f64>() / norm.len() as f64;
            (mean, rmath::var(&norm), counts.row(g).iter().all(|&c| c == 0.0))
        })
        .collect();
    let mut mean = Vec::with_capacity(per_gene.len());
    let mut var = Vec::with_capacity(per_gene.len());
    let mut zero = Vec::with_capacity(per_gene.len());
    for (m, v, z) in per_gene {
        mean.push(m);
        var.push(v);
        zero.push(z);
    }
    (mean, var, zero)
}

/// Gene-wise dispersion, trend (unless given), MAP, GLM and Cook's distances for every gene that is not
/// all zero. `fixed` carries the trend, prior width and spread of a previous fit (outlier refits).
fn fit_all(
    counts: &CountMatrix,
    design: &Design,
    sf: &[f64],
    fit_type: FitType,
    minmu: f64,
    fixed: Option<(DispersionTrend, f64, f64)>,
) -> Result<DeseqFit> {
    let x = design.matrix();
    let (n_genes, m, p) = (counts.n_genes(), counts.n_samples(), x.cols());
    let (base_mean, base_var, all_zero) = base_stats(counts, sf);
    let nz: Vec<usize> = (0..n_genes).filter(|&g| !all_zero[g]).collect();
    let rows: Vec<&[f64]> = nz.iter().map(|&g| counts.row(g)).collect();
    let bm: Vec<f64> = nz.iter().map(|&g| base_mean[g]).collect();
    let bv: Vec<f64> = nz.iter().map(|&g| base_var[g]).collect();
    let gene_wise = dispersion::gene_wise(&rows, x, sf, &bm, &bv, minmu)?;
    let (trend, var_log, prior_var) = match fixed {
        Some(f) => f,
        None => {
            let trend = trend::fit_trend(fit_type, &bm, &gene_wise.disp, MIN_DISP)?;
            let fitted: Vec<f64> = bm.iter().map(|&b| trend.at(b)).collect();
            let var_log = dispersion::var_log_disp_ests(&gene_wise.disp, &fitted).ok_or_else(|| Error::Numerical {
                method: "dispersion prior",
                reason: "no gene-wise dispersion is above 100 × the minimum".into(),
            })?;
            (trend, var_log, dispersion::prior_var(var_log, m, p))
        }
    };
    let disp_fit: Vec<f64> = bm.iter().map(|&b| trend.at(b)).collect();
    let map = dispersion::map(&rows, x, &gene_wise.mu, &gene_wise.disp, &disp_fit, prior_var, var_log);
    drop(gene_wise.mu);
    let cells = Cells::new(x);
    // Cook's distances straight after each gene's fit, whose means and hat values are then dropped.
    let fits: Vec<(GeneFit, Vec<f64>, f64)> =
        glm::fit_genes(&rows, x, sf, &map.dispersion, &GlmSettings::deseq2(p), |i, mut f| {
            let y = rows[i];
            let norm: Vec<f64> = y.iter().zip(sf).map(|(c, s)| c / s).collect();
            let robust = cooks::robust_moments_disp(&norm, &cells);
            let d = cooks::cooks_distances(y, &f.mu, &f.hat, robust, p);
            let max = cooks::max_cooks(&d, &cells.sizes, m, p);
            (f.mu, f.hat) = (Vec::new(), Vec::new());
            (f, d, max)
        });
    let nan = f64::NAN;
    let mut out = DeseqFit {
        counts: counts.clone(),
        design: design.clone(),
        size_factors: sf.to_vec(),
        base_mean,
        base_var,
        all_zero,
        disp_gene_est: vec![nan; n_genes],
        disp_fit: vec![nan; n_genes],
        dispersion: vec![nan; n_genes],
        disp_map: vec![nan; n_genes],
        disp_outlier: vec![false; n_genes],
        trend,
        var_log_disp_ests: var_log,
        prior_var,
        beta: vec![nan; n_genes * p],
        beta_se: vec![nan; n_genes * p],
        sigma: vec![nan; n_genes * p * p],
        beta_conv: vec![false; n_genes],
        beta_iter: vec![0; n_genes],
        cooks: vec![nan; n_genes * m],
        max_cooks: vec![nan; n_genes],
        replaced: vec![false; n_genes],
        replace_counts: None,
    };
    for (i, &g) in nz.iter().enumerate() {
        out.disp_gene_est[g] = gene_wise.disp[i];
        out.disp_fit[g] = disp_fit[i];
        out.dispersion[g] = map.dispersion[i];
        out.disp_map[g] = map.disp_map[i];
        out.disp_outlier[g] = map.outlier[i];
        let (f, distances, max) = &fits[i];
        out.beta[g * p..(g + 1) * p].copy_from_slice(&f.beta);
        out.beta_se[g * p..(g + 1) * p].copy_from_slice(&f.se);
        out.sigma[g * p * p..(g + 1) * p * p].copy_from_slice(&f.sigma);
        out.beta_conv[g] = f.converged;
        out.beta_iter[g] = f.iter;
        out.cooks[g * m..(g + 1) * m].copy_from_slice(distances);
        out.max_cooks[g] = *max;
    }
    Ok(out)
}

/// `refitWithoutOutliers`: counts with a Cook's distance above the 99 % quantile of F(p, m − p), in
/// samples whose design cell has at least `min_replicates` members, are replaced by the gene's 20 %
/// trimmed mean of normalised counts times the size factor (truncated to an integer); the affected genes
/// are refitted with the original trend and prior. Reported base means come from the replaced counts;
/// Cook's distances stay those of the first fit, and are ignored for replaceable samples.
fn refit_without_outliers(mut fit: DeseqFit, min_replicates: usize, minmu: f64) -> Result<DeseqFit> {
    let x = fit.design.matrix().clone();
    let (m, p) = (x.rows(), x.cols());
    let cells = Cells::new(&x);
    let cutoff = rmath::qf(0.99, p as f64, (m - p) as f64);
    let replaceable: Vec<bool> = cells.sizes.iter().map(|&s| s >= min_replicates).collect();
    let n_genes = fit.counts.n_genes();
    let mut values = fit.counts.values().to_vec();
    let mut replace = vec![false; n_genes];
    for g in 0..n_genes {
        if fit.all_zero[g] {
            continue;
        }
        let row_cooks = &fit.cooks[g * m..(g + 1) * m];
        replace[g] = row_cooks.iter().any(|&c| c > cutoff);
        if !replace[g] {
            continue;
        }
        let norm: Vec<f64> = fit.counts.row(g).iter().zip(&fit.size_factors).map(|(c, s)| c / s).collect();
        let trimmed = rmath::mean_trimmed(&norm, 0.2);
        for j in 0..m {
            if replaceable[j] && row_cooks[j] > cutoff {
                values[g * m + j] = (trimmed * fit.size_factors[j]).trunc();
            }
        }
    }
    if !replace.iter().any(|&r| r) {
        return Ok(fit);
    }
    let replaced_counts = fit.counts.with_values(values);
    let (bm, bv, zero) = base_stats(&replaced_counts, &fit.size_factors);
    let refit_genes: Vec<usize> = (0..n_genes).filter(|&g| replace[g] && !zero[g]).collect();
    if !refit_genes.is_empty() {
        let sub_genes: Vec<String> = refit_genes.iter().map(|&g| replaced_counts.genes()[g].clone()).collect();
        let sub_values: Vec<f64> = refit_genes.iter().flat_map(|&g| replaced_counts.row(g).to_vec()).collect();
        let sub = CountMatrix::from_f64(sub_genes, replaced_counts.samples().to_vec(), sub_values)?;
        let fixed = Some((fit.trend, fit.var_log_disp_ests, fit.prior_var));
        let refit = fit_all(&sub, &fit.design, &fit.size_factors, fit.trend.fit_type(), minmu, fixed)?;
        for (i, &g) in refit_genes.iter().enumerate() {
            fit.disp_gene_est[g] = refit.disp_gene_est[i];
            fit.disp_fit[g] = refit.disp_fit[i];
            fit.dispersion[g] = refit.dispersion[i];
            fit.disp_map[g] = refit.disp_map[i];
            fit.disp_outlier[g] = refit.disp_outlier[i];
            fit.beta[g * p..(g + 1) * p].copy_from_slice(&refit.beta[i * p..(i + 1) * p]);
            fit.beta_se[g * p..(g + 1) * p].copy_from_slice(&refit.beta_se[i * p..(i + 1) * p]);
            fit.sigma[g * p * p..(g + 1) * p * p].copy_from_slice(&refit.sigma[i * p * p..(i + 1) * p * p]);
            fit.beta_conv[g] = refit.beta_conv[i];
            fit.beta_iter[g] = refit.beta_iter[i];
        }
    }
    // Genes whose counts became all zero lose their results (NA), as in DESeq2.
    for g in 0..n_genes {
        if replace[g] && zero[g] {
            for k in 0..p {
                fit.beta[g * p + k] = f64::NAN;
                fit.beta_se[g * p + k] = f64::NAN;
            }
        }
    }
    fit.base_mean = bm;
    fit.base_var = bv;
    fit.all_zero = (0..n_genes).map(|g| fit.all_zero[g] || zero[g] && !replace[g]).collect();
    fit.max_cooks = if replaceable.iter().all(|&r| r) {
        vec![f64::NAN; n_genes]
    } else {
        (0..n_genes)
            .map(|g| {
                if fit.all_zero[g] {
                    return f64::NAN;
                }
                let masked: Vec<f64> =
                    (0..m).map(|j| if replaceable[j] { 0.0 } else { fit.cooks[g * m + j] }).collect();
                cooks::max_cooks(&masked, &cells.sizes, m, p)
            })
            .collect()
    };
    fit.replaced = replace;
    fit.replace_counts = Some(replaced_counts);
    Ok(fit)
}

impl DeseqFit {
    /// Size factors, one per sample.
    pub fn size_factors(&self) -> &[f64] {
        &self.size_factors
    }

    /// Final dispersions per gene (NaN for all-zero genes).
    pub fn dispersions(&self) -> &[f64] {
        &self.dispersion
    }

    /// Gene-wise dispersion estimates (`dispGeneEst`).
    pub fn gene_wise_dispersions(&self) -> &[f64] {
        &self.disp_gene_est
    }

    /// Fitted trend values per gene (`dispFit`).
    pub fn fitted_dispersions(&self) -> &[f64] {
        &self.disp_fit
    }

    /// Whether each gene's gene-wise dispersion was kept as an outlier above the trend.
    pub fn dispersion_outliers(&self) -> &[bool] {
        &self.disp_outlier
    }

    /// The fitted dispersion trend.
    pub fn trend(&self) -> DispersionTrend {
        self.trend
    }

    /// Width (variance) of the log-dispersion prior.
    pub fn prior_variance(&self) -> f64 {
        self.prior_var
    }

    /// Mean of normalised counts per gene.
    pub fn base_means(&self) -> &[f64] {
        &self.base_mean
    }

    /// Coefficient names.
    pub fn coefficient_names(&self) -> &[String] {
        self.design.coefficients()
    }

    /// Coefficients of one gene, log2 scale.
    pub fn coefficients(&self, gene: usize) -> &[f64] {
        let p = self.design.coefficients().len();
        &self.beta[gene * p..(gene + 1) * p]
    }

    /// Largest Cook's distance per gene over samples in cells of ≥ 3 (NaN where not recorded).
    pub fn max_cooks(&self) -> &[f64] {
        &self.max_cooks
    }

    /// Whether each gene had counts replaced as outliers and was refitted.
    pub fn replaced(&self) -> &[bool] {
        &self.replaced
    }

    /// Whether each gene's GLM fit converged.
    pub fn converged(&self) -> &[bool] {
        &self.beta_conv
    }

    /// The counts the fit was given.
    pub fn counts(&self) -> &CountMatrix {
        &self.counts
    }
}
