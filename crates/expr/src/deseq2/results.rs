//! DESeq2's `results()`: a contrast's log2 fold changes, standard errors, Wald statistics and p-values,
//! thresholded alternative hypotheses, Cook's-distance filtering, independent filtering on the mean of
//! normalised counts and Benjamini–Hochberg adjustment.

use std::io::Write;

use rayon::prelude::*;

use super::fit::DeseqFit;
use crate::design::{Variable, make_name};
use crate::hypothesis::p_adjust;
use crate::{Error, Result, rmath};

/// What to compare.
#[derive(Clone, Debug, PartialEq)]
pub enum Contrast {
    /// `numerator` vs `denominator` levels of a factor (`contrast = c(factor, num, den)`).
    Levels {
        /// The factor.
        factor: String,
        /// Level in the numerator of the fold change.
        numerator: String,
        /// Level in the denominator.
        denominator: String,
    },
    /// One coefficient by name (`name =`), e.g. a numeric covariate's slope.
    Coefficient(String),
    /// A numeric contrast vector over the coefficients.
    Vector(Vec<f64>),
}

impl Contrast {
    /// `numerator` vs `denominator` of `factor`.
    pub fn levels(factor: impl Into<String>, numerator: impl Into<String>, denominator: impl Into<String>) -> Self {
        Self::Levels { factor: factor.into(), numerator: numerator.into(), denominator: denominator.into() }
    }
}

/// The alternative hypothesis for a test against `lfc_threshold` (DESeq2's `altHypothesis`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AltHypothesis {
    /// |LFC| > threshold (the default; with threshold 0 the ordinary two-sided Wald test).
    #[default]
    GreaterAbs,
    /// |LFC| < threshold (needs a positive threshold).
    LessAbs,
    /// LFC > threshold.
    Greater,
    /// LFC < −threshold.
    Less,
}

/// Cook's-distance filtering of p-values.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum CooksCutoff {
    /// The 99 % quantile of F(p, m − p), as DESeq2.
    #[default]
    Default,
    /// A given cutoff.
    Value(f64),
    /// No filtering.
    Off,
}

/// Settings of [`DeseqFit::results`] (DESeq2's `results()` arguments).
#[derive(Clone, Debug)]
pub struct ResultsOptions {
    /// The comparison.
    pub contrast: Contrast,
    /// Log2 fold-change threshold of the test (0).
    pub lfc_threshold: f64,
    /// Alternative hypothesis.
    pub alt_hypothesis: AltHypothesis,
    /// Significance level that independent filtering optimises for (0.1).
    pub alpha: f64,
    /// Whether to filter on the mean of normalised counts before adjusting (true).
    pub independent_filtering: bool,
    /// Cook's-distance filtering.
    pub cooks_cutoff: CooksCutoff,
}

impl ResultsOptions {
    /// DESeq2's defaults for `contrast`.
    pub fn new(contrast: Contrast) -> Self {
        Self {
            contrast,
            lfc_threshold: 0.0,
            alt_hypothesis: AltHypothesis::GreaterAbs,
            alpha: 0.1,
            independent_filtering: true,
            cooks_cutoff: CooksCutoff::Default,
        }
    }
}

/// A results table: one entry per gene, NaN where DESeq2 gives NA.
#[derive(Clone, Debug)]
pub struct DeseqResults {
    /// Gene ids.
    pub genes: Vec<String>,
    /// Mean of normalised counts.
    pub base_mean: Vec<f64>,
    /// Log2 fold change (MLE).
    pub log2_fold_change: Vec<f64>,
    /// Its standard error.
    pub lfc_se: Vec<f64>,
    /// Wald statistic.
    pub stat: Vec<f64>,
    /// P-value.
    pub pvalue: Vec<f64>,
    /// Benjamini–Hochberg adjusted p-value (after independent filtering).
    pub padj: Vec<f64>,
    /// The base-mean threshold chosen by independent filtering (None when off).
    pub filter_threshold: Option<f64>,
    /// A description of the comparison, e.g. `condition B vs A`.
    pub description: String,
}

impl DeseqResults {
    /// Writes the table as TSV with DESeq2's columns (`gene, baseMean, log2FoldChange, lfcSE, stat,
    /// pvalue, padj`), `NA` for missing values and full (round-trip) precision.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn write_tsv(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        let io = |source| Error::Io { file: path.display().to_string(), source };
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
        self.write_to(&mut out).map_err(io)?;
        out.flush().map_err(io)
    }

    /// Writes the TSV to any writer.
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(out, "gene\tbaseMean\tlog2FoldChange\tlfcSE\tstat\tpvalue\tpadj")?;
        for i in 0..self.genes.len() {
            write!(out, "{}", self.genes[i])?;
            for v in [
                self.base_mean[i],
                self.log2_fold_change[i],
                self.lfc_se[i],
                self.stat[i],
                self.pvalue[i],
                self.padj[i],
            ] {
                if v.is_nan() { write!(out, "\tNA")? } else { write!(out, "\t{v}")? }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

impl DeseqFit {
    /// DESeq2's `results()` for one comparison.
    ///
    /// # Errors
    /// [`Error::Contrast`] for a factor, level or coefficient the design lacks, a vector of the wrong
    /// length, or `LessAbs` without a positive threshold; [`Error::InvalidInput`] for alpha outside (0, 1)
    /// or a negative threshold.
    pub fn results(&self, options: &ResultsOptions) -> Result<DeseqResults> {
        if !(options.alpha > 0.0 && options.alpha < 1.0) {
            return Err(Error::invalid(format!("alpha must be in (0, 1), got {}", options.alpha)));
        }
        if options.lfc_threshold.is_nan() || options.lfc_threshold < 0.0 {
            return Err(Error::invalid(format!("lfc threshold must be ≥ 0, got {}", options.lfc_threshold)));
        }
        if options.alt_hypothesis == AltHypothesis::LessAbs && options.lfc_threshold == 0.0 {
            return Err(Error::Contrast("the `lessAbs` alternative needs a positive lfc threshold".into()));
        }
        let p = self.design.coefficients().len();
        let (vector, description, zero_groups) = self.contrast_vector(&options.contrast)?;
        let n_genes = self.counts.n_genes();
        let m = self.counts.n_samples();
        let log2e = std::f64::consts::LOG2_E;
        let mut lfc = vec![f64::NAN; n_genes];
        let mut se = vec![f64::NAN; n_genes];
        let mut stat = vec![f64::NAN; n_genes];
        let mut pvalue = vec![f64::NAN; n_genes];
        for g in 0..n_genes {
            if self.all_zero[g] || self.beta[g * p].is_nan() {
                continue;
            }
            let beta = &self.beta[g * p..(g + 1) * p];
            let sigma = &self.sigma[g * p * p..(g + 1) * p * p];
            let l: f64 = vector.iter().zip(beta).map(|(c, b)| c * b).sum();
            let mut var = 0.0;
            for a in 0..p {
                for b in 0..p {
                    var += vector[a] * sigma[a * p + b] * vector[b];
                }
            }
            let s = log2e * var.max(0.0).sqrt();
            lfc[g] = l;
            se[g] = s;
            stat[g] = l / s;
            pvalue[g] = 2.0 * rmath::pnorm_upper((l / s).abs());
            // Both groups of a level contrast all zero: DESeq2 reports no change.
            if zero_groups.as_ref().is_some_and(|z| z[g]) {
                lfc[g] = 0.0;
                stat[g] = 0.0;
                pvalue[g] = 1.0;
            }
        }
        if !(options.lfc_threshold == 0.0 && options.alt_hypothesis == AltHypothesis::GreaterAbs) {
            let t = options.lfc_threshold;
            for g in 0..n_genes {
                let (l, s) = (lfc[g], se[g]);
                let (new_stat, new_p) = match options.alt_hypothesis {
                    AltHypothesis::GreaterAbs => (
                        l.signum() * ((l.abs() - t) / s).max(0.0),
                        (2.0 * rmath::pnorm_upper((l.abs() - t) / s)).min(1.0),
                    ),
                    AltHypothesis::LessAbs => {
                        let above = ((t - l) / s).max(0.0);
                        let below = ((l + t) / s).max(0.0);
                        (above.min(below), rmath::pnorm_upper((t - l) / s).max(rmath::pnorm_upper((l + t) / s)))
                    }
                    AltHypothesis::Greater => (((l - t) / s).max(0.0), rmath::pnorm_upper((l - t) / s)),
                    AltHypothesis::Less => (((l + t) / s).min(0.0), rmath::pnorm_upper((-t - l) / s)),
                };
                // R's pmax/pmin keep NA, and sign(0) is 0.
                stat[g] = if l.is_nan() {
                    f64::NAN
                } else if l == 0.0 && options.alt_hypothesis == AltHypothesis::GreaterAbs {
                    0.0
                } else {
                    new_stat
                };
                pvalue[g] = if l.is_nan() { f64::NAN } else { new_p };
            }
        }
        self.filter_cooks(&mut pvalue, options.cooks_cutoff);
        // Genes whose counts became all zero after outlier replacement: no change, p = 1.
        if let Some(replaced) = &self.replace_counts {
            for g in 0..n_genes {
                if self.replaced[g] && replaced.row(g).iter().all(|&c| c == 0.0) {
                    lfc[g] = 0.0;
                    se[g] = 0.0;
                    stat[g] = 0.0;
                    pvalue[g] = 1.0;
                }
            }
        }
        let (padj, filter_threshold) = if options.independent_filtering {
            let (padj, thr) = independent_filtering(&self.base_mean, &pvalue, options.alpha);
            (padj, Some(thr))
        } else {
            (p_adjust::bh(&pvalue), None)
        };
        let _ = m;
        Ok(DeseqResults {
            genes: self.counts.genes().to_vec(),
            base_mean: self.base_mean.clone(),
            log2_fold_change: lfc,
            lfc_se: se,
            stat,
            pvalue,
            padj,
            filter_threshold,
            description,
        })
    }

    /// The contrast as a vector over coefficients, its description, and (for level contrasts) which genes
    /// have only zeros in both compared groups.
    fn contrast_vector(&self, contrast: &Contrast) -> Result<(Vec<f64>, String, Option<Vec<bool>>)> {
        let names = self.design.coefficients();
        let p = names.len();
        match contrast {
            Contrast::Coefficient(name) => {
                let k = names.iter().position(|n| n == name).ok_or_else(|| {
                    Error::Contrast(format!("no coefficient `{name}`; the design has {}", names.join(", ")))
                })?;
                let mut v = vec![0.0; p];
                v[k] = 1.0;
                Ok((v, name.replace('_', " "), None))
            }
            Contrast::Vector(v) => {
                if v.len() != p {
                    return Err(Error::Contrast(format!(
                        "{} values for {p} coefficients ({})",
                        v.len(),
                        names.join(", ")
                    )));
                }
                let zero = self.vector_all_zero(v);
                let text: Vec<String> = v.iter().map(|x| format!("{x}")).collect();
                Ok((v.clone(), text.join(","), Some(zero)))
            }
            Contrast::Levels { factor, numerator, denominator } => {
                let Some(Variable::Factor { levels, values, .. }) = self.design.variable(factor) else {
                    return Err(Error::Contrast(format!(
                        "`{factor}` is not a factor of the design `{}`",
                        self.design.formula()
                    )));
                };
                for level in [numerator, denominator] {
                    if !levels.contains(level) {
                        return Err(Error::Contrast(format!(
                            "`{level}` is not a level of `{factor}` ({})",
                            levels.join(", ")
                        )));
                    }
                }
                if numerator == denominator {
                    return Err(Error::Contrast(format!("numerator and denominator are both `{numerator}`")));
                }
                let column = |level: &str| -> Option<usize> {
                    let with = format!("{factor}_{level}_vs_{}", levels[0]);
                    let without = format!("{factor}{level}");
                    names.iter().position(|n| *n == make_name(&with) || *n == make_name(&without))
                };
                let mut v = vec![0.0; p];
                let num = column(numerator);
                let den = column(denominator);
                if num.is_none() && *numerator != levels[0] || den.is_none() && *denominator != levels[0] {
                    return Err(Error::Contrast(format!(
                        "no coefficient for `{factor}` levels in {}",
                        names.join(", ")
                    )));
                }
                if let Some(k) = num {
                    v[k] += 1.0;
                }
                if let Some(k) = den {
                    v[k] -= 1.0;
                }
                let li = |l: &str| levels.iter().position(|x| x == l).unwrap_or(usize::MAX);
                let (ln, ld) = (li(numerator), li(denominator));
                let zero: Vec<bool> = (0..self.counts.n_genes())
                    .map(|g| {
                        let row = self.counts.row(g);
                        values.iter().zip(row).all(|(&lv, &c)| !(lv == ln || lv == ld) || c == 0.0)
                    })
                    .collect();
                Ok((v, format!("{factor} {numerator} vs {denominator}"), Some(zero)))
            }
        }
    }

    /// `contrastAllZeroNumeric`: genes with zero counts in every sample a mixed-sign contrast touches.
    fn vector_all_zero(&self, v: &[f64]) -> Vec<bool> {
        let n_genes = self.counts.n_genes();
        if v.iter().all(|&c| c >= 0.0) || v.iter().all(|&c| c <= 0.0) {
            return vec![false; n_genes];
        }
        let x = self.design.matrix();
        let used: Vec<bool> = (0..x.rows())
            .map(|r| x.row(r).iter().zip(v).map(|(a, c)| a * if *c == 0.0 { 0.0 } else { 1.0 }).sum::<f64>() != 0.0)
            .collect();
        (0..n_genes).map(|g| self.counts.row(g).iter().zip(&used).all(|(c, u)| !u || *c == 0.0)).collect()
    }

    /// Sets p-values of genes with a Cook's outlier to NaN, with DESeq2's exception for two-group designs
    /// (keep the gene when at least three counts exceed the outlying one).
    fn filter_cooks(&self, pvalue: &mut [f64], cutoff: CooksCutoff) {
        let x = self.design.matrix();
        let (m, p) = (x.rows(), x.cols());
        let cutoff = match cutoff {
            CooksCutoff::Off => return,
            CooksCutoff::Value(v) => v,
            CooksCutoff::Default => rmath::qf(0.99, p as f64, (m - p) as f64),
        };
        let two_groups = matches!(self.design.variables(), [Variable::Factor { levels, .. }] if levels.len() == 2);
        for g in 0..pvalue.len() {
            if self.max_cooks[g].is_nan() || self.max_cooks[g] <= cutoff {
                continue;
            }
            if two_groups {
                let cooks = &self.cooks[g * m..(g + 1) * m];
                let worst = (0..m).fold(0, |best, j| if cooks[j] > cooks[best] { j } else { best });
                let row = self.counts.row(g);
                let out_count = row[worst];
                if row.iter().filter(|&&c| c > out_count).count() >= 3 {
                    continue;
                }
            }
            pvalue[g] = f64::NAN;
        }
    }
}

/// DESeq2's `pvalueAdjustment` with independent filtering: BH over the genes whose base mean is at or
/// above each of 50 quantiles, the quantile chosen where the number of rejections at `alpha` first
/// exceeds the lowess fit's maximum minus its residual RMS. Returns adjusted p-values and the threshold.
fn independent_filtering(filter: &[f64], pvalue: &[f64], alpha: f64) -> (Vec<f64>, f64) {
    let n = filter.len();
    let lower = filter.iter().filter(|&&f| f == 0.0).count() as f64 / n as f64;
    let upper = if lower < 0.95 { 0.95 } else { 1.0 };
    let theta: Vec<f64> = (0..50).map(|i| lower + (upper - lower) * i as f64 / 49.0).collect();
    let mut sorted = filter.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let cutoffs: Vec<f64> = theta.iter().map(|&t| rmath::quantile_sorted(&sorted, t)).collect();
    // BH of the genes passing each cutoff: one sort of the p-values serves all fifty, run in parallel.
    let order = p_adjust::decreasing_order(pvalue);
    let adjust = |cut: f64| p_adjust::bh_ordered(&order, pvalue, |g| filter[g] >= cut);
    let num_rej: Vec<f64> =
        cutoffs.par_iter().map(|&cut| adjust(cut).iter().filter(|&&a| a < alpha).count() as f64).collect();
    let fit = rmath::lowess(&theta, &num_rej, 1.0 / 5.0);
    let j = if num_rej.iter().copied().fold(0.0, f64::max) <= 10.0 {
        0
    } else {
        let residual: Vec<f64> = if num_rej.iter().all(|&r| r == 0.0) {
            vec![0.0]
        } else {
            (0..num_rej.len()).filter(|&i| num_rej[i] > 0.0).map(|i| num_rej[i] - fit[i]).collect()
        };
        let rmse = (residual.iter().map(|r| r * r).sum::<f64>() / residual.len() as f64).sqrt();
        let thresh = fit.iter().copied().fold(f64::NEG_INFINITY, f64::max) - rmse;
        num_rej.iter().position(|&r| r > thresh).unwrap_or(0)
    };
    (adjust(cutoffs[j]), cutoffs[j])
}
