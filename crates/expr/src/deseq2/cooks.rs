//! Cook's distances and outlier replacement: DESeq2's `calculateCooksDistance` (with the robust
//! method-of-moments dispersion of `robustMethodOfMomentsDisp`), `recordMaxCooks` and `replaceOutliers`.

use crate::linalg::Matrix;
use crate::rmath;

/// For each sample, how many samples share its row of the design (its "cell").
pub(crate) fn cell_sizes(x: &Matrix) -> Vec<usize> {
    let keys: Vec<Vec<u64>> = (0..x.rows()).map(|r| x.row(r).iter().map(|v| v.to_bits()).collect()).collect();
    keys.iter().map(|k| keys.iter().filter(|o| *o == k).count()).collect()
}

/// The design's cells (samples with identical design rows), computed once per fit.
pub(crate) struct Cells {
    /// Cell size of each sample.
    pub sizes: Vec<usize>,
    /// Cell index of each sample.
    pub ids: Vec<usize>,
}

impl Cells {
    pub(crate) fn new(x: &Matrix) -> Self {
        Self { sizes: cell_sizes(x), ids: cell_ids(x) }
    }
}

/// Cell index of each sample, numbered in order of first appearance.
fn cell_ids(x: &Matrix) -> Vec<usize> {
    let mut seen: Vec<Vec<u64>> = Vec::new();
    (0..x.rows())
        .map(|r| {
            let key: Vec<u64> = x.row(r).iter().map(|v| v.to_bits()).collect();
            match seen.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    seen.push(key);
                    seen.len() - 1
                }
            }
        })
        .collect()
}

/// How much of each end to trim, and the scale that makes the trimmed variance unbiased, by cell size.
fn trim_and_scale(n: usize) -> (f64, f64) {
    if n as f64 <= 3.5 {
        (1.0 / 3.0, 2.04)
    } else if n as f64 <= 23.5 {
        (1.0 / 4.0, 1.86)
    } else {
        (1.0 / 8.0, 1.51)
    }
}

/// `robustMethodOfMomentsDisp` for one gene's normalised counts: a trimmed variance (the largest over
/// cells with ≥ 3 samples, else over all samples) turned into a dispersion, at least 0.04.
pub(crate) fn robust_moments_disp(norm: &[f64], cells: &Cells) -> f64 {
    let (sizes, ids) = (&cells.sizes, &cells.ids);
    let mean = norm.iter().sum::<f64>() / norm.len() as f64;
    let variance = if sizes.iter().any(|&s| s >= 3) {
        let n_cells = ids.iter().max().map_or(0, |m| m + 1);
        let mut best = f64::NEG_INFINITY;
        // One buffer for every cell: its members, then (trimmed means sum sorted values, so the order
        // they are kept in does not matter) their squared deviations.
        let mut members = Vec::with_capacity(norm.len());
        for cell in 0..n_cells {
            members.clear();
            members.extend((0..norm.len()).filter(|&j| ids[j] == cell && sizes[j] >= 3).map(|j| norm[j]));
            if members.is_empty() {
                continue;
            }
            let (trim, scale) = trim_and_scale(members.len());
            let centre = rmath::mean_trimmed_in_place(&mut members, trim);
            for v in &mut members {
                *v = (*v - centre).powi(2);
            }
            best = best.max(scale * rmath::mean_trimmed_in_place(&mut members, trim));
        }
        best
    } else {
        let centre = rmath::mean_trimmed(norm, 1.0 / 8.0);
        let mut sq: Vec<f64> = norm.iter().map(|v| (v - centre).powi(2)).collect();
        1.51 * rmath::mean_trimmed_in_place(&mut sq, 1.0 / 8.0)
    };
    ((variance - mean) / (mean * mean)).max(0.04)
}

/// Cook's distance of every sample for one gene: squared Pearson residual / p × h / (1 − h)².
pub(crate) fn cooks_distances(counts: &[f64], mu: &[f64], hat: &[f64], robust_disp: f64, p: usize) -> Vec<f64> {
    (0..counts.len())
        .map(|j| {
            let v = mu[j] + robust_disp * mu[j] * mu[j];
            let r2 = (counts[j] - mu[j]).powi(2) / v;
            r2 / p as f64 * hat[j] / (1.0 - hat[j]).powi(2)
        })
        .collect()
}

/// `recordMaxCooks`: the largest Cook's distance over samples in cells of ≥ 3, or NaN when no such
/// sample exists or there are no residual degrees of freedom.
pub(crate) fn max_cooks(cooks: &[f64], sizes: &[usize], m: usize, p: usize) -> f64 {
    if m <= p || !sizes.iter().any(|&s| s >= 3) {
        return f64::NAN;
    }
    cooks.iter().zip(sizes).filter(|(_, s)| **s >= 3).map(|(c, _)| *c).fold(f64::NEG_INFINITY, f64::max)
}
