//! Gene-set scores per sample, their comparison between two groups, and the excitatory-inhibitory
//! balance.

use std::collections::HashMap;

use super::{GeneSet, Matching, Species, excitatory_markers, inhibitory_markers};
use crate::{
    Error, Result,
    hypothesis::{RankSumTest, TTest, mean, variance, welch_t_test, wilcoxon_rank_sum},
    normalize::matrix_genes,
};

/// The score of one gene set in every sample, with an account of the set's genes.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneSetScore {
    /// The set's name.
    pub name: String,
    /// One score per sample: the mean z-score of the used genes.
    pub scores: Vec<f64>,
    /// Set genes found in the table and used, in set order (as the set names them).
    pub used: Vec<String>,
    /// Set genes not found in the table.
    pub missing: Vec<String>,
    /// Set genes found but constant across samples: no z-score, so not used.
    pub constant: Vec<String>,
}

/// Scores `set` in every sample: the mean, over the set's genes found in `genes`, of each gene's z-score
/// across samples (see the [module documentation](super)).
///
/// `expression` is a gene-major log-scale matrix with `n_samples` columns and one row per name in
/// `genes`. Needs at least two samples, finite values and at least one usable set gene, else
/// [`Error::InvalidInput`] (naming the set, and its missing and constant genes).
///
/// ```
/// use gptomics_expr::gene_sets::{GeneSet, Matching, score_gene_set};
/// let expression = [0.0, 2.0, 4.0, 1.0, 1.0, 1.0];
/// let set = GeneSet::new("s", ["A", "B"]);
/// let score = score_gene_set(&expression, 3, &["a", "B"], &set, Matching::CaseInsensitive)?;
/// assert_eq!((score.scores, score.constant), (vec![-1.0, 0.0, 1.0], vec!["B".to_string()]));
/// assert!(score_gene_set(&expression, 3, &["a", "B"], &set, Matching::Exact).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn score_gene_set<S: AsRef<str>>(
    expression: &[f64],
    n_samples: usize,
    genes: &[S],
    set: &GeneSet,
    matching: Matching,
) -> Result<GeneSetScore> {
    let n_genes = matrix_genes("score_gene_set", expression, n_samples)?;
    if genes.len() != n_genes {
        return Err(Error::invalid(format!("score_gene_set: {} gene names for {n_genes} rows", genes.len())));
    }
    if n_samples < 2 {
        return Err(Error::invalid("score_gene_set: z-scores need at least two samples"));
    }
    if let Some(i) = expression.iter().position(|v| !v.is_finite()) {
        let gene = genes[i / n_samples].as_ref();
        return Err(Error::invalid(format!("score_gene_set: gene `{gene}`, sample {} is not finite", i % n_samples)));
    }
    let key = |name: &str| match matching {
        Matching::Exact => name.to_string(),
        Matching::CaseInsensitive => name.to_lowercase(),
    };
    let mut rows: HashMap<String, usize> = HashMap::with_capacity(n_genes);
    for (i, name) in genes.iter().enumerate() {
        rows.entry(key(name.as_ref())).or_insert(i);
    }
    let mut result = GeneSetScore {
        name: set.name.clone(),
        scores: vec![0.0; n_samples],
        used: Vec::new(),
        missing: Vec::new(),
        constant: Vec::new(),
    };
    for marker in &set.genes {
        let Some(&g) = rows.get(&key(marker)) else {
            result.missing.push(marker.clone());
            continue;
        };
        let row = &expression[g * n_samples..(g + 1) * n_samples];
        let sd = variance(row).sqrt();
        if sd == 0.0 {
            result.constant.push(marker.clone());
            continue;
        }
        let m = mean(row);
        for (s, x) in result.scores.iter_mut().zip(row) {
            *s += (x - m) / sd;
        }
        result.used.push(marker.clone());
    }
    if result.used.is_empty() {
        return Err(Error::invalid(format!(
            "gene set `{}`: none of its {} genes is usable (missing: [{}]; constant: [{}])",
            set.name,
            set.genes.len(),
            result.missing.join(", "),
            result.constant.join(", ")
        )));
    }
    let n_used = result.used.len() as f64;
    result.scores.iter_mut().for_each(|s| *s /= n_used);
    Ok(result)
}

/// A score compared between two groups of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreComparison {
    /// `mean(group_a) - mean(group_b)`, in z units.
    pub mean_difference: f64,
    /// Welch's t-test of `group_a` against `group_b`.
    pub welch: TTest,
    /// The Wilcoxon rank-sum (Mann–Whitney) test of `group_a` against `group_b`.
    pub rank_sum: RankSumTest,
}

/// Compares scores of two groups of samples (for example [`GeneSetScore::scores`] split by condition):
/// the mean difference, Welch's t-test and the Mann–Whitney test. Each group needs at least two finite
/// scores (Welch's requirement), else [`Error::InvalidInput`].
///
/// ```
/// use gptomics_expr::gene_sets::compare_scores;
/// let c = compare_scores(&[0.9, 1.1, 1.3], &[-0.8, -1.0, -1.5])?;
/// assert!((c.mean_difference - 2.2).abs() < 1e-12 && c.rank_sum.w == 9.0);
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn compare_scores(group_a: &[f64], group_b: &[f64]) -> Result<ScoreComparison> {
    let welch = welch_t_test(group_a, group_b)?;
    let rank_sum = wilcoxon_rank_sum(group_a, group_b)?;
    Ok(ScoreComparison { mean_difference: welch.mean_x - welch.mean_y, welch, rank_sum })
}

/// Excitatory and inhibitory marker scores and their difference per sample.
#[derive(Clone, Debug, PartialEq)]
pub struct ExcitatoryInhibitoryBalance {
    /// The [`excitatory_markers`] score.
    pub excitatory: GeneSetScore,
    /// The [`inhibitory_markers`] score.
    pub inhibitory: GeneSetScore,
    /// `excitatory - inhibitory` per sample: positive where excitatory markers stand higher, relative to
    /// the other samples, than inhibitory ones.
    pub balance: Vec<f64>,
}

/// The excitatory−inhibitory balance score of each sample: the species' excitatory marker score minus
/// its inhibitory marker score (both mean z-scores, so the difference is in z units and relative to the
/// samples analysed together). Fails as [`score_gene_set`] does when either set has no usable gene.
///
/// ```
/// use gptomics_expr::gene_sets::{Matching, Species, excitatory_inhibitory_balance};
/// let genes = ["Slc17a7", "Gad1"];
/// let expression = [5.0, 7.0, 9.0, 6.0, 6.0, 3.0]; // excitatory up, inhibitory down across samples
/// let b = excitatory_inhibitory_balance(&expression, 3, &genes, Species::Mouse, Matching::Exact)?;
/// assert!(b.balance[0] < 0.0 && b.balance[2] > 0.0);
/// assert_eq!(b.excitatory.missing.len(), 4); // Slc17a6, Grin1, Gria1, Camk2a
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn excitatory_inhibitory_balance<S: AsRef<str>>(
    expression: &[f64],
    n_samples: usize,
    genes: &[S],
    species: Species,
    matching: Matching,
) -> Result<ExcitatoryInhibitoryBalance> {
    let excitatory = score_gene_set(expression, n_samples, genes, &excitatory_markers(species), matching)?;
    let inhibitory = score_gene_set(expression, n_samples, genes, &inhibitory_markers(species), matching)?;
    let balance = excitatory.scores.iter().zip(&inhibitory.scores).map(|(e, i)| e - i).collect();
    Ok(ExcitatoryInhibitoryBalance { excitatory, inhibitory, balance })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_score_gene_set() -> Result<()> {
        let set = GeneSet::new("s", ["A"]);
        assert!(score_gene_set(&[1.0, 2.0], 2, &["A", "B"], &set, Matching::Exact).is_err()); // 2 names, 1 row
        assert!(score_gene_set(&[1.0, 2.0], 1, &["A", "B"], &set, Matching::Exact).is_err()); // one sample
        assert!(score_gene_set(&[1.0, f64::NAN], 2, &["A"], &set, Matching::Exact).is_err());
        let e = score_gene_set(&[1.0, 2.0], 2, &["a"], &set, Matching::Exact).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("gene set `s`: none of its 1 genes is usable (missing: [A]; constant: [])"));
        // Duplicate rows: the first is used.
        let s = score_gene_set(&[1.0, 2.0, 9.0, 1.0], 2, &["A", "A"], &set, Matching::Exact)?;
        assert!(s.scores[0] < s.scores[1]);
        Ok(())
    }

    #[test]
    fn test_compare_scores() -> Result<()> {
        assert!(compare_scores(&[1.0], &[1.0, 2.0]).is_err());
        let c = compare_scores(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0])?;
        assert_eq!((c.mean_difference, c.welch.p_value, c.rank_sum.p_value), (0.0, 1.0, 1.0));
        Ok(())
    }
}
