//! Marker gene sets and per-sample gene-set scores: the mean z-score of a set's genes.
//!
//! A score is computed from log-normalised expression (for example DESeq2's `vst`, or
//! [`log2_pseudocount`](crate::normalize::log2_pseudocount) of normalised counts): each gene of the set
//! is standardised across the samples of the matrix (`z = (x - mean) / sd`, `sd` with `n - 1`, R's
//! `t(scale(t(x)))`), and a sample's score is the mean of its z-scores over the set's genes, R's
//! `colMeans(t(scale(t(x[set, ]))))`. Scores are therefore relative to the samples analysed together:
//! 0 is the average sample of the matrix, and each gene weighs the same whatever its expression level.
//!
//! Built-in sets ([`astrocyte_reactivity`], [`excitatory_markers`], [`inhibitory_markers`]) are written
//! in each species' official symbol case: MGI mouse symbols capitalised (`Gfap`), ZFIN zebrafish symbols
//! lower case (`gad1b`). Matching is exact by default; [`Matching::CaseInsensitive`] also matches a
//! table using another convention (human-style `GFAP`). Markers absent from the table, and markers that
//! do not vary across samples (their z-score is undefined), are reported in [`GeneSetScore`], never
//! silently dropped.
//!
//! ```
//! use gptomics_expr::gene_sets::{GeneSet, Matching, score_gene_set};
//! // 3 genes x 4 samples, log scale, gene-major.
//! let expression = [1.0, 2.0, 3.0, 4.0, 8.0, 8.0, 9.0, 9.0, 5.0, 5.0, 5.0, 5.0];
//! let genes = ["Gfap", "Vim", "Actb"];
//! let set = GeneSet::new("reactive", ["Gfap", "Vim", "Lcn2"]);
//! let score = score_gene_set(&expression, 4, &genes, &set, Matching::Exact)?;
//! assert_eq!(score.used, ["Gfap", "Vim"]);
//! assert_eq!(score.missing, ["Lcn2"]);
//! assert!(score.scores[0] < 0.0 && score.scores[3] > 0.0);
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

mod builtin;
mod score;

pub use self::{
    builtin::{astrocyte_reactivity, excitatory_markers, inhibitory_markers},
    score::{
        ExcitatoryInhibitoryBalance, GeneSetScore, ScoreComparison, compare_scores, excitatory_inhibitory_balance,
        score_gene_set,
    },
};

/// A named list of genes (symbols or ids, as the expression table names them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneSet {
    /// The set's name, used in results and error messages.
    pub name: String,
    /// The genes, in the order given.
    pub genes: Vec<String>,
    /// Where the set comes from (a citation), empty for user sets.
    pub source: String,
}

impl GeneSet {
    /// A set from a name and its genes, with no source.
    ///
    /// ```
    /// let set = gptomics_expr::gene_sets::GeneSet::new("mine", ["A", "B"]);
    /// assert_eq!((set.name.as_str(), set.genes.len(), set.source.is_empty()), ("mine", 2, true));
    /// ```
    pub fn new<S: Into<String>>(name: impl Into<String>, genes: impl IntoIterator<Item = S>) -> Self {
        Self { name: name.into(), genes: genes.into_iter().map(Into::into).collect(), source: String::new() }
    }
}

/// The species of the built-in marker sets; it fixes the symbols' case convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Species {
    /// *Mus musculus*: MGI symbols, first letter upper case (`Slc17a7`).
    Mouse,
    /// *Danio rerio*: ZFIN symbols, all lower case (`slc17a7a`).
    Zebrafish,
}

/// How set genes are matched to the expression table's gene names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Matching {
    /// Exact, case-sensitive: `Gfap` matches only `Gfap` (the default: symbol case carries the species).
    #[default]
    Exact,
    /// Ignoring (Unicode) case: `Gfap` also matches `GFAP` and `gfap`. When several table rows match one
    /// marker, the first row is used.
    CaseInsensitive,
}
