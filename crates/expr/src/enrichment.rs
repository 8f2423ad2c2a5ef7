//! Over-representation of gene sets among selected genes.
//!
//! - [`hypergeometric_upper_tail`]: `P(X >= k)`, R's `phyper(k - 1, K, N - K, n, lower.tail = FALSE)`,
//!   computed as R's `nmath` does (Loader's saddle-point density, summing the short tail), so tail
//!   probabilities far below 1e-16 keep full relative accuracy;
//! - [`fisher_exact`]: R's `fisher.test(x)` on a 2 × 2 table, two-sided, with the conditional MLE odds
//!   ratio and the sample odds ratio (confidence intervals and one-sided alternatives are left out);
//! - [`over_representation`]: every set tested against a gene universe, BH-adjusted.
//!
//! ```
//! use gptomics_expr::{enrichment::over_representation, gene_sets::GeneSet};
//! let universe: Vec<String> = (0..100).map(|i| format!("g{i}")).collect();
//! let selected = ["g0", "g1", "g2", "g3", "g50"];
//! let sets = [GeneSet::new("low", ["g0", "g1", "g2", "g3", "g4"]), GeneSet::new("high", ["g90", "g91"])];
//! let results = over_representation(&universe, &selected, &sets)?;
//! assert_eq!((results[0].overlap, results[0].set_size), (4, 5));
//! assert!(results[0].p_value < 1e-5 && results[1].p_value == 1.0);
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

mod fisher;
mod hypergeometric;

use std::collections::HashSet;

pub use self::fisher::{FisherTest, fisher_exact};
use crate::{Error, Result, gene_sets::GeneSet, hypothesis::p_adjust_bh};

/// `P(X >= overlap)` for `X` hypergeometric: the chance that `selected` genes drawn at random from a
/// `universe` holding `set_size` set genes include at least `overlap` of them (R's
/// `phyper(overlap - 1, set_size, universe - set_size, selected, lower.tail = FALSE)`).
///
/// `set_size` and `selected` may not exceed `universe` ([`Error::InvalidInput`]). An overlap of 0 gives
/// 1; one above `min(set_size, selected)` gives 0.
///
/// ```
/// use gptomics_expr::enrichment::hypergeometric_upper_tail;
/// // 1 gene of 10 is in the set; draw 1: P(hit) = 0.1.
/// assert!((hypergeometric_upper_tail(1, 1, 1, 10)? - 0.1).abs() < 1e-15);
/// assert_eq!(hypergeometric_upper_tail(0, 40, 100, 20000)?, 1.0);
/// assert!(hypergeometric_upper_tail(1, 11, 1, 10).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn hypergeometric_upper_tail(overlap: u64, set_size: u64, selected: u64, universe: u64) -> Result<f64> {
    if set_size > universe || selected > universe {
        return Err(Error::invalid(format!(
            "hypergeometric_upper_tail: set size {set_size} and selection {selected} must not exceed the universe {universe}"
        )));
    }
    if overlap == 0 {
        return Ok(1.0);
    }
    let (r, b) = (set_size as f64, (universe - set_size) as f64);
    Ok(hypergeometric::phyper(overlap as f64 - 1.0, r, b, selected as f64, false))
}

/// The over-representation of one gene set among the selected genes.
#[derive(Clone, Debug, PartialEq)]
pub struct SetEnrichment {
    /// The set's name.
    pub name: String,
    /// Genes of the set in the universe (the set's other genes cannot be drawn, so they do not count).
    pub set_size: usize,
    /// Selected genes in the set.
    pub overlap: usize,
    /// The overlap expected by chance, `set_size * selected / universe`.
    pub expected: f64,
    /// `overlap / expected` (NaN for a set with no gene in the universe).
    pub fold_enrichment: f64,
    /// The hypergeometric upper tail `P(X >= overlap)`; NaN for a set with no gene in the universe,
    /// which is then left out of the adjustment.
    pub p_value: f64,
    /// The Benjamini–Hochberg adjusted p-value over all sets tested together.
    pub p_adjusted: f64,
    /// The selected genes in the set, in the set's order.
    pub overlap_genes: Vec<String>,
}

/// Tests every set for over-representation among `selected` genes against the background `universe`
/// (typically every gene tested for differential expression, not the whole genome), with the
/// hypergeometric upper tail, then adjusts the p-values together (Benjamini–Hochberg). Results follow
/// the order of `sets`.
///
/// Duplicate names count once. The universe and the selection must not be empty, and every selected
/// gene must be in the universe, else [`Error::InvalidInput`] naming the first stray genes (usually a
/// sign of mixed identifiers: symbols against Ensembl ids). Set genes outside the universe are ignored.
///
/// ```
/// use gptomics_expr::{enrichment::over_representation, gene_sets::GeneSet};
/// let e = over_representation(&["a", "b"], &["a", "c"], &[GeneSet::new("s", ["a"])]).unwrap_err();
/// assert_eq!(e.to_string(), "over_representation: 1 selected gene(s) not in the universe: c");
/// ```
pub fn over_representation<S: AsRef<str>, T: AsRef<str>>(
    universe: &[S],
    selected: &[T],
    sets: &[GeneSet],
) -> Result<Vec<SetEnrichment>> {
    let universe: HashSet<&str> = universe.iter().map(AsRef::as_ref).collect();
    let selected: HashSet<&str> = selected.iter().map(AsRef::as_ref).collect();
    if universe.is_empty() || selected.is_empty() {
        return Err(Error::invalid("over_representation: the universe and the selection must not be empty"));
    }
    let mut stray: Vec<&str> = selected.iter().copied().filter(|g| !universe.contains(g)).collect();
    if !stray.is_empty() {
        stray.sort_unstable();
        let shown = stray.iter().take(5).copied().collect::<Vec<_>>().join(", ");
        let more = if stray.len() > 5 { ", ..." } else { "" };
        return Err(Error::invalid(format!(
            "over_representation: {} selected gene(s) not in the universe: {shown}{more}",
            stray.len()
        )));
    }
    let (n_universe, n_selected) = (universe.len() as u64, selected.len() as u64);
    let mut results = Vec::with_capacity(sets.len());
    for set in sets {
        let mut seen = HashSet::new();
        let members: Vec<&str> =
            set.genes.iter().map(String::as_str).filter(|g| universe.contains(g) && seen.insert(*g)).collect();
        let overlap_genes: Vec<String> =
            members.iter().filter(|g| selected.contains(*g)).map(|g| g.to_string()).collect();
        let (set_size, overlap) = (members.len(), overlap_genes.len());
        let expected = set_size as f64 * n_selected as f64 / n_universe as f64;
        let p_value = if set_size == 0 {
            f64::NAN
        } else {
            hypergeometric_upper_tail(overlap as u64, set_size as u64, n_selected, n_universe)?
        };
        results.push(SetEnrichment {
            name: set.name.clone(),
            set_size,
            overlap,
            expected,
            fold_enrichment: overlap as f64 / expected,
            p_value,
            p_adjusted: f64::NAN,
            overlap_genes,
        });
    }
    let adjusted = p_adjust_bh(&results.iter().map(|r| r.p_value).collect::<Vec<_>>())?;
    for (result, p) in results.iter_mut().zip(adjusted) {
        result.p_adjusted = p;
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_hypergeometric_upper_tail() -> Result<()> {
        // Beyond the support: impossible.
        assert_eq!(hypergeometric_upper_tail(6, 5, 100, 1000)?, 0.0);
        // Everything drawn: the whole set is always hit.
        assert_eq!(hypergeometric_upper_tail(5, 5, 1000, 1000)?, 1.0);
        assert!(hypergeometric_upper_tail(1, 1, 11, 10).is_err());
        Ok(())
    }

    #[test]
    fn test_over_representation() -> Result<()> {
        let universe = ["a", "b", "c", "d", "a"];
        let sets = [GeneSet::new("out", ["x", "y"]), GeneSet::new("ab", ["a", "b", "b", "z"])];
        let r = over_representation(&universe, &["a"], &sets)?;
        assert!(r[0].p_value.is_nan() && r[0].p_adjusted.is_nan());
        assert_eq!((r[1].set_size, r[1].overlap, r[1].overlap_genes.clone()), (2, 1, vec!["a".to_string()]));
        assert_eq!(r[1].expected, 0.5); // 2 * 1 / 4: duplicates count once
        assert_eq!(r[1].p_value, r[1].p_adjusted); // one testable set
        assert!(over_representation::<&str, &str>(&[], &["a"], &sets).is_err());
        assert!(over_representation::<&str, &str>(&universe, &[], &sets).is_err());
        Ok(())
    }
}
