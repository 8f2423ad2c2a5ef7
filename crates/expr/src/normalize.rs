//! Library-size and length normalisation of a genes × samples count matrix, and log transforms.
//!
//! Matrices here and in the rest of the crate's statistics are flat slices in gene-major order, the
//! layout of `gptomics_seqio::counts::CountTable::counts()`: `values[gene * n_samples + sample]`.
//!
//! - [`cpm`] and [`log_cpm`]: counts per million, as edgeR's `cpm(y)` and `cpm(y, log = TRUE,
//!   prior.count = p)` without normalisation factors (edgeR scales the prior by library size);
//! - [`tpm`]: transcripts per million from counts and gene lengths (reads per kilobase, rescaled to sum
//!   to a million per sample);
//! - [`log2_pseudocount`]: `log2(x + pseudocount)`, the usual transform of normalised counts;
//! - [`gene_lengths`]: gene lengths from a [`GeneModels`](gptomics_seqio::annotation::GeneModels), by
//!   default the union of exon bases (featureCounts' convention), see [`GeneLength`].
//!
//! This module does not estimate size factors (that is DESeq2's median-of-ratios) nor effective
//! lengths (fragment-length corrected, as salmon reports them); pass those lengths to [`tpm`] yourself.
//!
//! ```
//! use gptomics_expr::normalize::{cpm, log2_pseudocount, tpm};
//! // 2 genes x 2 samples, gene-major.
//! let counts = [10.0, 30.0, 90.0, 70.0];
//! assert_eq!(cpm(&counts, 2)?, [1e5, 3e5, 9e5, 7e5]);
//! let t = tpm(&counts, 2, &[1000.0, 9000.0])?;
//! assert_eq!(t[0], 0.5e6); // 10/1 and 90/9 reads per kb: equal shares
//! assert_eq!(log2_pseudocount(&[0.0, 3.0], 1.0)?, [0.0, 2.0]);
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

mod gene_length;

pub use self::gene_length::{GeneLength, gene_length, gene_lengths};

use crate::{Error, Result};

/// Counts per million: each count divided by its sample's total, times 1e6 (edgeR's `cpm(y)`).
///
/// `counts` is gene-major with `n_samples` columns. Counts must be finite and non-negative, and every
/// sample needs a positive total, else [`Error::InvalidInput`] naming the gene or sample.
///
/// ```
/// use gptomics_expr::normalize::cpm;
/// assert_eq!(cpm(&[1.0, 0.0, 3.0, 5.0], 2)?, [250_000.0, 0.0, 750_000.0, 1e6]);
/// assert!(cpm(&[0.0, 1.0], 2).is_err()); // sample 0 is empty
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn cpm(counts: &[f64], n_samples: usize) -> Result<Vec<f64>> {
    let library = library_sizes("cpm", counts, n_samples)?;
    Ok(counts.iter().enumerate().map(|(i, &c)| c / library[i % n_samples] * 1e6).collect())
}

/// Log2 counts per million with a prior count, as edgeR's `cpm(y, log = TRUE, prior.count)` with no
/// normalisation factors: the prior is scaled by each library's size relative to the mean library,
/// `p_j = prior_count * L_j / mean(L)`, and the value is `log2((y + p_j) / (L_j + 2 p_j) * 1e6)`.
///
/// Scaling keeps the prior's effect equal across samples of different depth. `prior_count` must be
/// finite and non-negative (0 gives `log2(cpm)`, with `-inf` for zero counts); edgeR's default is 2.
///
/// ```
/// use gptomics_expr::normalize::log_cpm;
/// let v = log_cpm(&[0.0, 4.0, 10.0, 6.0], 2, 2.0)?; // equal libraries: p_j = 2
/// assert!((v[0] - (2.0_f64 / 14.0 * 1e6).log2()).abs() < 1e-12);
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn log_cpm(counts: &[f64], n_samples: usize, prior_count: f64) -> Result<Vec<f64>> {
    if !(prior_count.is_finite() && prior_count >= 0.0) {
        return Err(Error::invalid(format!("log_cpm: prior count {prior_count} is not a non-negative number")));
    }
    let library = library_sizes("log_cpm", counts, n_samples)?;
    let mean_library = library.iter().sum::<f64>() / n_samples as f64;
    let prior: Vec<f64> = library.iter().map(|l| l / mean_library * prior_count).collect();
    let adjusted: Vec<f64> = library.iter().zip(&prior).map(|(l, p)| l + 2.0 * p).collect();
    Ok(counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let j = i % n_samples;
            ((c + prior[j]) / adjusted[j] * 1e6).log2()
        })
        .collect())
}

/// Transcripts per million: each count divided by its gene's length in kilobases, then rescaled so that
/// every sample sums to 1e6.
///
/// `lengths` holds one length (bases, > 0) per gene, for example from [`gene_lengths`]. A length count
/// different from the number of genes, a zero, negative or non-finite length, or a sample whose
/// length-normalised total is zero is an [`Error::InvalidInput`].
///
/// ```
/// use gptomics_expr::normalize::tpm;
/// assert_eq!(tpm(&[5.0, 20.0], 1, &[500.0, 2000.0])?, [500_000.0, 500_000.0]);
/// assert!(tpm(&[5.0, 20.0], 1, &[500.0]).is_err());
/// assert!(tpm(&[5.0, 20.0], 1, &[500.0, 0.0]).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn tpm(counts: &[f64], n_samples: usize, lengths: &[f64]) -> Result<Vec<f64>> {
    let n_genes = check_counts("tpm", counts, n_samples)?;
    if lengths.len() != n_genes {
        return Err(Error::invalid(format!("tpm: {} lengths for {n_genes} genes", lengths.len())));
    }
    if let Some(g) = lengths.iter().position(|&l| !(l.is_finite() && l > 0.0)) {
        return Err(Error::invalid(format!("tpm: gene {g} has length {}, not a positive number", lengths[g])));
    }
    let rate: Vec<f64> = counts.iter().enumerate().map(|(i, &c)| c / lengths[i / n_samples]).collect();
    let totals = column_sums(&rate, n_samples);
    if let Some(j) = totals.iter().position(|&t| t <= 0.0) {
        return Err(Error::invalid(format!("tpm: sample {j} has no counts")));
    }
    Ok(rate.iter().enumerate().map(|(i, r)| r / totals[i % n_samples] * 1e6).collect())
}

/// `log2(x + pseudocount)` of every value, the usual transform of normalised counts (1 is the common
/// pseudocount, as DESeq2's `normTransform`).
///
/// The pseudocount must be finite and non-negative, else [`Error::InvalidInput`]. Values are taken as
/// they are: `x + pseudocount <= 0` gives `-inf` or NaN, as R's `log2`.
///
/// ```
/// use gptomics_expr::normalize::log2_pseudocount;
/// assert_eq!(log2_pseudocount(&[7.0, 0.5], 1.0)?, [3.0, 0.5849625007211562]);
/// assert!(log2_pseudocount(&[1.0], -1.0).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn log2_pseudocount(values: &[f64], pseudocount: f64) -> Result<Vec<f64>> {
    if !(pseudocount.is_finite() && pseudocount >= 0.0) {
        return Err(Error::invalid(format!(
            "log2_pseudocount: pseudocount {pseudocount} is not a non-negative number"
        )));
    }
    Ok(values.iter().map(|v| (v + pseudocount).log2()).collect())
}

/// The number of genes of a gene-major matrix with `n_samples` columns, checking the shape: at least
/// one sample and one gene, and a length that is a multiple of `n_samples`.
pub(crate) fn matrix_genes(method: &str, values: &[f64], n_samples: usize) -> Result<usize> {
    if n_samples == 0 || values.is_empty() || !values.len().is_multiple_of(n_samples) {
        return Err(Error::invalid(format!(
            "{method}: {} values do not make a genes x samples matrix with {n_samples} samples",
            values.len()
        )));
    }
    Ok(values.len() / n_samples)
}

/// Checks the shape and that every count is finite and non-negative; returns the number of genes.
fn check_counts(method: &str, counts: &[f64], n_samples: usize) -> Result<usize> {
    let n_genes = matrix_genes(method, counts, n_samples)?;
    if let Some(i) = counts.iter().position(|&c| !(c.is_finite() && c >= 0.0)) {
        let (g, j) = (i / n_samples, i % n_samples);
        return Err(Error::invalid(format!(
            "{method}: gene {g}, sample {j}: count {} is not a non-negative number",
            counts[i]
        )));
    }
    Ok(n_genes)
}

/// Per-sample totals of valid counts, each positive.
fn library_sizes(method: &str, counts: &[f64], n_samples: usize) -> Result<Vec<f64>> {
    check_counts(method, counts, n_samples)?;
    let library = column_sums(counts, n_samples);
    if let Some(j) = library.iter().position(|&l| l <= 0.0) {
        return Err(Error::invalid(format!("{method}: sample {j} has no counts")));
    }
    Ok(library)
}

/// Column sums of a gene-major matrix.
fn column_sums(values: &[f64], n_samples: usize) -> Vec<f64> {
    let mut sums = vec![0.0; n_samples];
    for row in values.chunks_exact(n_samples) {
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cpm() -> Result<()> {
        assert!(cpm(&[], 2).is_err());
        assert!(cpm(&[1.0, 2.0, 3.0], 2).is_err());
        assert!(cpm(&[1.0, 2.0], 0).is_err());
        let e = cpm(&[1.0, 2.0, -3.0, 4.0], 2).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("cpm: gene 1, sample 0: count -3 is not a non-negative number"));
        Ok(())
    }

    #[test]
    fn test_log_cpm() -> Result<()> {
        // Prior 0 is log2 of cpm.
        let counts = [1.0, 3.0, 3.0, 1.0];
        let plain: Vec<f64> = cpm(&counts, 2)?.iter().map(|v| v.log2()).collect();
        assert_eq!(log_cpm(&counts, 2, 0.0)?, plain);
        assert!(log_cpm(&counts, 2, f64::NAN).is_err());
        assert!(log_cpm(&[0.0, 0.0], 2, 2.0).is_err());
        Ok(())
    }

    #[test]
    fn test_tpm() -> Result<()> {
        // Sums to a million per sample.
        let t = tpm(&[3.0, 1.0, 7.0, 0.0, 2.0, 9.0], 2, &[100.0, 2500.0, 800.0])?;
        assert!((t.iter().step_by(2).sum::<f64>() - 1e6).abs() < 1e-6);
        assert!(tpm(&[0.0, 0.0], 1, &[10.0, 20.0]).is_err());
        assert!(tpm(&[1.0, 0.0], 1, &[10.0, f64::INFINITY]).is_err());
        Ok(())
    }
}
