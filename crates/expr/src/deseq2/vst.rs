//! DESeq2's variance-stabilising transformation (`varianceStabilizingTransformation`,
//! `getVarianceStabilizedData`): the closed-form transform of the parametric or mean dispersion trend,
//! applied to normalised counts, on the log2 scale.

use super::CountMatrix;
use super::dispersion;
use super::fit::DeseqFit;
use super::size_factors;
use super::trend::{self, DispersionTrend, FitType};
use crate::Result;
use crate::design::Design;

/// Settings of a blind transformation.
#[derive(Clone, Copy, Debug, Default)]
pub struct VstOptions {
    /// The trend whose transform is applied.
    pub fit_type: FitType,
}

/// The blind VST (`blind = TRUE`): median-of-ratios size factors, gene-wise dispersions under `~ 1`,
/// the trend, then the transform. Returns genes × samples, row-major.
///
/// # Errors
/// As size factor and trend estimation.
pub fn variance_stabilizing_transformation(counts: &CountMatrix, options: &VstOptions) -> Result<Vec<f64>> {
    let sf = size_factors::median_of_ratios(counts)?;
    let design = Design::intercept_only(counts.n_samples());
    let nz: Vec<usize> = (0..counts.n_genes()).filter(|&g| counts.row(g).iter().any(|&c| c > 0.0)).collect();
    let rows: Vec<&[f64]> = nz.iter().map(|&g| counts.row(g)).collect();
    let (bm, bv): (Vec<f64>, Vec<f64>) = rows
        .iter()
        .map(|y| {
            let norm: Vec<f64> = y.iter().zip(&sf).map(|(c, s)| c / s).collect();
            (norm.iter().sum::<f64>() / norm.len() as f64, crate::rmath::var(&norm))
        })
        .unzip();
    let gene_wise = dispersion::gene_wise(&rows, design.matrix(), &sf, &bm, &bv, 0.5)?;
    let trend = trend::fit_trend(options.fit_type, &bm, &gene_wise.disp, dispersion::MIN_DISP)?;
    Ok(transform(counts, &sf, &trend))
}

impl DeseqFit {
    /// The VST with the design's dispersion trend (`blind = FALSE`). Returns genes × samples, row-major.
    pub fn vst(&self) -> Vec<f64> {
        transform(&self.counts, &self.size_factors, &self.trend)
    }
}

fn transform(counts: &CountMatrix, sf: &[f64], trend: &DispersionTrend) -> Vec<f64> {
    let m = counts.n_samples();
    counts
        .values()
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let q = c / sf[i % m];
            match *trend {
                DispersionTrend::Parametric { asympt_disp: a, extra_pois: e } => {
                    ((1.0 + e + 2.0 * a * q + 2.0 * (a * q * (1.0 + e + a * q)).sqrt()) / (4.0 * a)).ln()
                        / std::f64::consts::LN_2
                }
                DispersionTrend::Mean(alpha) => {
                    (2.0 * (alpha * q).sqrt().asinh() - alpha.ln() - 4f64.ln()) / std::f64::consts::LN_2
                }
            }
        })
        .collect()
}
