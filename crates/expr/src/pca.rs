//! Principal component analysis of samples, as DESeq2's `plotPCA`: the `ntop` most variable genes,
//! centred per gene, then `prcomp`.
//!
//! `plotPCA(object, ntop = 500)` computes `rowVars`, keeps the `ntop` genes of largest variance (ties
//! in R's `order` keep the earlier gene), and runs `prcomp(t(assay[select, ]))`, which centres each gene
//! across samples and does not scale; [`PcaOptions::scale`] gives `prcomp(..., scale. = TRUE)`. Scores
//! are `prcomp`'s `$x`, [`Pca::sdev`] its `$sdev`, and [`Pca::percent_variance`] is `plotPCA`'s
//! `percentVar` times 100. Give it variance-stabilised or log-normalised values (`vst`, `rlog`,
//! [`log2_pseudocount`](crate::normalize::log2_pseudocount)), not raw counts, as DESeq2 does.
//!
//! The decomposition is an eigen-decomposition of the samples × samples Gram matrix `X Xᵀ` by the
//! Jacobi method: the number of samples is small, and the scores are `u_k sqrt(lambda_k)`, equal to
//! `prcomp`'s SVD scores.
//!
//! The sign of each component is arbitrary (R's LAPACK picks one, and it may differ between machines);
//! here every component is signed so that its score of largest magnitude is positive, so the picture is
//! reproducible. Compare with R up to sign.
//!
//! ```
//! use gptomics_expr::pca::{PcaOptions, pca};
//! // 3 genes x 4 samples (gene-major): two groups along gene 0.
//! let values = [1.0, 1.2, 5.0, 5.1, 2.0, 2.1, 2.0, 1.9, 3.0, 3.0, 3.0, 3.0];
//! let result = pca(&values, 4, &PcaOptions::default())?;
//! assert!(result.percent_variance[0] > 99.0);
//! assert_eq!(result.selected_genes, [0, 1, 2]); // highest variance first
//! // Sample 0 lies farthest from the centre on PC1, so it gets the positive sign.
//! assert!(result.scores[0][0] > 0.0 && result.scores[0][3] < 0.0);
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

mod jacobi;

use crate::{Error, Result, hypothesis::variance, normalize::matrix_genes};

/// How [`pca`] selects and prepares genes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PcaOptions {
    /// How many genes of highest variance to use (DESeq2's `ntop`, default 500); all genes when there
    /// are fewer.
    pub ntop: usize,
    /// Whether to scale each gene to unit variance after centring (`prcomp(scale. = TRUE)`; default
    /// `false`, as `plotPCA`).
    pub scale: bool,
}

impl Default for PcaOptions {
    fn default() -> Self {
        Self { ntop: 500, scale: false }
    }
}

/// The principal components of the samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    /// Sample scores, component-major: `scores[k][sample]` is the sample's coordinate on PC `k + 1`.
    /// There are `min(n_samples - 1, genes used)` components: centring leaves no variance for more.
    pub scores: Vec<Vec<f64>>,
    /// Standard deviation of each component (`prcomp`'s `$sdev`), decreasing.
    pub sdev: Vec<f64>,
    /// The percentage of the total variance (of the selected genes) that each component explains.
    pub percent_variance: Vec<f64>,
    /// The indices (rows) of the genes used, highest variance first.
    pub selected_genes: Vec<usize>,
}

/// The sample PCA of a genes × samples matrix (gene-major, `n_samples` columns), as DESeq2's
/// `plotPCA`; see the [module documentation](self).
///
/// Needs at least two samples, finite values, `ntop >= 1` and some variance among the selected genes;
/// with [`PcaOptions::scale`], no selected gene may be constant (R's `prcomp` refuses too). Failures are
/// [`Error::InvalidInput`].
///
/// ```
/// use gptomics_expr::pca::{PcaOptions, pca};
/// let values = [1.0, 2.0, 3.0, 4.0, 1.0, 1.0, 1.0, 1.0];
/// let options = PcaOptions { ntop: 1, scale: true };
/// let result = pca(&values, 4, &options)?;
/// assert_eq!(result.selected_genes, [0]);
/// assert_eq!(result.scores.len(), 1); // one gene: one component
/// assert!(pca(&values, 4, &PcaOptions { ntop: 2, scale: true }).is_err()); // gene 1 is constant
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn pca(values: &[f64], n_samples: usize, options: &PcaOptions) -> Result<Pca> {
    let n_genes = matrix_genes("pca", values, n_samples)?;
    if n_samples < 2 {
        return Err(Error::invalid("pca: needs at least two samples"));
    }
    if options.ntop == 0 {
        return Err(Error::invalid("pca: ntop is 0, no genes to use"));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        let (g, j) = (i / n_samples, i % n_samples);
        return Err(Error::invalid(format!("pca: gene {g}, sample {j} is {}, not a finite number", values[i])));
    }
    let rows: Vec<&[f64]> = values.chunks_exact(n_samples).collect();
    let variances: Vec<f64> = rows.iter().map(|row| variance(row)).collect();
    let mut selected_genes: Vec<usize> = (0..n_genes).collect();
    // A stable sort, largest first: equal variances keep gene order, as R's `order(decreasing = TRUE)`.
    selected_genes.sort_by(|&a, &b| variances[b].total_cmp(&variances[a]));
    selected_genes.truncate(options.ntop);

    let n_used = selected_genes.len();
    let mut x = vec![0.0; n_samples * n_used]; // [n_samples, n_used], centred (and scaled)
    for (c, &g) in selected_genes.iter().enumerate() {
        let row = rows[g];
        let mean = row.iter().sum::<f64>() / n_samples as f64;
        let sd = if options.scale { variances[g].sqrt() } else { 1.0 };
        if sd == 0.0 {
            return Err(Error::invalid(format!("pca: gene {g} is constant, so it cannot be scaled to unit variance")));
        }
        for (j, v) in row.iter().enumerate() {
            x[j * n_used + c] = (v - mean) / sd;
        }
    }
    let mut gram = vec![0.0; n_samples * n_samples]; // [n_samples, n_samples] = X Xᵀ
    for i in 0..n_samples {
        for j in 0..=i {
            let xi = &x[i * n_used..(i + 1) * n_used];
            let xj = &x[j * n_used..(j + 1) * n_used];
            let dot: f64 = xi.iter().zip(xj).map(|(a, b)| a * b).sum();
            gram[i * n_samples + j] = dot;
            gram[j * n_samples + i] = dot;
        }
    }
    let (eigenvalues, eigenvectors) = jacobi::symmetric_eigen(gram, n_samples)?;
    let eigenvalues: Vec<f64> = eigenvalues.into_iter().map(|l| l.max(0.0)).collect();
    let total: f64 = eigenvalues.iter().sum();
    if total <= 0.0 {
        return Err(Error::invalid("pca: the selected genes do not vary across samples"));
    }
    let n_components = (n_samples - 1).min(n_used);
    let mut scores = Vec::with_capacity(n_components);
    for (lambda, u) in eigenvalues.iter().zip(eigenvectors).take(n_components) {
        let mut pc: Vec<f64> = u.iter().map(|ui| ui * lambda.sqrt()).collect();
        let largest = pc.iter().copied().fold(0.0_f64, |m, v| if v.abs() > m.abs() { v } else { m });
        if largest < 0.0 {
            pc.iter_mut().for_each(|v| *v = -*v);
        }
        scores.push(pc);
    }
    let eigenvalues = &eigenvalues[..n_components];
    Ok(Pca {
        scores,
        sdev: eigenvalues.iter().map(|l| (l / (n_samples as f64 - 1.0)).sqrt()).collect(),
        percent_variance: eigenvalues.iter().map(|l| 100.0 * l / total).collect(),
        selected_genes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_pca() -> Result<()> {
        // Percentages of all components sum to 100 when every component is kept.
        let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0, 8.0, 9.0, 7.0, 9.0];
        let result = pca(&values, 5, &PcaOptions::default())?;
        assert_eq!(result.scores.len(), 3);
        assert!((result.percent_variance.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        // Scores are centred.
        for pc in &result.scores {
            assert!(pc.iter().sum::<f64>().abs() < 1e-12);
        }
        Ok(())
    }

    #[test]
    fn test_pca_bad_input() -> Result<()> {
        assert!(pca(&[1.0, 2.0], 1, &PcaOptions::default()).is_err());
        assert!(pca(&[1.0, 2.0, 3.0], 2, &PcaOptions::default()).is_err());
        assert!(pca(&[1.0, f64::NAN], 2, &PcaOptions::default()).is_err());
        assert!(pca(&[1.0, 2.0], 2, &PcaOptions { ntop: 0, scale: false }).is_err());
        assert!(pca(&[2.0, 2.0, 5.0, 5.0], 2, &PcaOptions::default()).is_err()); // no variance
        Ok(())
    }
}
