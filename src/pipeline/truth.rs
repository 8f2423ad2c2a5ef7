//! Scoring a run on the demo cohorts against what the generator planted: the report states it, and the
//! tests assert it.

use serde::{Deserialize, Serialize};

use super::demo::{DemoCohort, MOTIF, Organism};
use super::expression::ExpressionSummary;
use super::promoters::PromoterSummary;
use gptomics_train::motifs::KmerEnrichment;

/// DE calls of one contrast against the planted fold changes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeTruth {
    /// The contrast's name.
    pub contrast: String,
    /// Genes planted with a non-zero fold change.
    pub planted: usize,
    /// Planted genes called DE (in any direction).
    pub found: usize,
    /// Genes called DE.
    pub called: usize,
    /// `found / planted`.
    pub recall: f64,
    /// Called genes that were not planted, over all called (the false discovery proportion).
    pub false_discovery: f64,
}

/// The whole check of one cohort.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TruthCheck {
    /// Per contrast with a planted counterpart.
    pub de: Vec<DeTruth>,
    /// Planted set effects: (statement, mean difference, holds: the right sign at Welch p < alpha).
    pub sets: Vec<(String, f64, bool)>,
    /// Rank of the first planted-motif k-mer among the promoter model's significantly enriched k-mers
    /// (BH q < alpha; None: absent or no promoter stage).
    pub motif_rank: Option<usize>,
}

/// Compares a cohort's findings with its planted truth at significance level `alpha`.
pub fn check(
    cohort: &DemoCohort,
    expression: &ExpressionSummary,
    promoters: Option<&PromoterSummary>,
    alpha: f64,
) -> TruthCheck {
    let mut de = Vec::new();
    for result in &expression.contrasts {
        let spec = &result.contrast;
        let Some(planted) =
            cohort.contrasts.iter().find(|p| p.numerator == spec.numerator && p.denominator == spec.denominator)
        else {
            continue;
        };
        let truth: std::collections::BTreeSet<&str> = planted
            .log2_fold_change
            .iter()
            .enumerate()
            .filter(|(_, lfc)| **lfc != 0.0)
            .map(|(g, _)| cohort.gene_ids[g].as_str())
            .collect();
        let called: Vec<&str> = result.up.iter().chain(&result.down).map(String::as_str).collect();
        let found = called.iter().filter(|g| truth.contains(*g)).count();
        de.push(DeTruth {
            contrast: spec.name(),
            planted: truth.len(),
            found,
            called: called.len(),
            recall: found as f64 / truth.len().max(1) as f64,
            false_discovery: (called.len() - found) as f64 / called.len().max(1) as f64,
        });
    }
    let difference = |set: &str, contrast: &str| {
        expression
            .sets
            .iter()
            .find(|s| s.name == set)
            .and_then(|s| s.comparisons.iter().find(|c| c.contrast == contrast))
            .map(|c| (c.mean_difference, c.welch_p))
    };
    let expectations: &[(&str, &str, f64, &str)] = match cohort.organism {
        Organism::Mouse => &[
            ("astrocyte_reactivity", "epilepsy_vs_control", 1.0, "astrocyte reactivity rises with epilepsy"),
            ("astrocyte_reactivity", "epilepsy_kd_vs_epilepsy", -1.0, "astrocyte reactivity falls with the diet"),
        ],
        Organism::Zebrafish => &[
            ("excitatory_minus_inhibitory", "mutant_vs_wild_type", 1.0, "E/I balance shifts to excitation in mutants"),
            ("excitatory_minus_inhibitory", "mutant_treated_vs_mutant", -1.0, "treatment restores the E/I balance"),
        ],
    };
    let sets = expectations
        .iter()
        .map(|&(set, contrast, sign, statement)| {
            let (d, p) = difference(set, contrast).unwrap_or((f64::NAN, f64::NAN));
            (statement.to_string(), d, d * sign > 0.0 && p < alpha)
        })
        .collect();
    let enriched =
        |p: &PromoterSummary| -> Vec<_> { p.top_kmers.iter().filter(|k| k.p_adjusted < alpha).cloned().collect() };
    TruthCheck { de, sets, motif_rank: promoters.and_then(|p| motif_rank(&enriched(p), MOTIF)) }
}

/// The 1-based rank of the first k-mer in `top` that occurs in `motif` (either strand), if any.
fn motif_rank(top: &[KmerEnrichment], motif: &[u8]) -> Option<usize> {
    let reverse = gptomics_seqio::extract::reverse_complement(motif);
    let contains = |kmer: &[u8]| {
        [motif, reverse.as_slice()].iter().any(|m| m.windows(kmer.len()).any(|w| w.eq_ignore_ascii_case(kmer)))
    };
    top.iter().position(|e| contains(e.kmer.as_bytes())).map(|i| i + 1)
}
