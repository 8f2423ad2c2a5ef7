//! `gene_sentence::RankValueEncoder`: fitting the per-gene scales on reference samples.
//!
//! Encoding (ranking a sample and emitting tokens) lives in `encoder/rank.rs`.

mod rank;

use std::collections::HashMap;

use gptomics_seqio::counts::CountTable;
use rayon::prelude::*;

use super::GeneVocab;
use crate::{Error, Result, SpecialTokens};

/// Library sizes are normalised to this many counts (Geneformer's `target_sum`, counts per 10,000).
pub const TARGET_SUM: f64 = 10_000.0;

/// Turns expression profiles into gene sentences by rank-value encoding (see the [module](super) docs).
///
/// Fitted on the reference samples of a [`CountTable`], it holds each gene's scale: the median, over the
/// reference samples where the gene is detected, of its counts per 10,000. Encode samples of that table
/// ([`RankValueEncoder::encode_sample`], [`RankValueEncoder::encode_table`]), of another table with the
/// same genes, or raw vectors in the fitted table's row order ([`RankValueEncoder::encode_counts`]).
///
/// ```
/// use gptomics_seqio::counts::{CountTable, CountTableOptions};
/// use gptomics_tokenize::gene_sentence::RankValueEncoder;
///
/// let text = b"gene,s1,s2\ngB,10,20\ngA,30,10\ngC,0,0\n";
/// let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
/// let encoder = RankValueEncoder::fit(&table)?;
/// assert_eq!(encoder.medians()[2], None); // gC is never detected: never emitted
/// let encoding = encoder.encode_sample(&table, "s1")?;
/// let genes: Vec<_> = encoding.ids().iter().filter_map(|&id| encoder.vocab().id_to_token(id)).collect();
/// assert_eq!(genes, ["[CLS]", "gA", "gB", "[SEP]"]);
/// assert_eq!(encoding.offsets()[1], (1, 2)); // gA is row 1 of the table
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RankValueEncoder {
    vocab: GeneVocab,
    /// The fitted table's gene ids, in row order.
    genes: Vec<String>,
    /// Row of each gene id.
    rows: HashMap<String, usize>,
    /// `[n_genes]`: the vocabulary id of each row's gene.
    token_ids: Vec<u32>,
    /// `[n_genes]`: each row's non-zero median of counts per 10,000; `None` if never detected.
    medians: Vec<Option<f64>>,
    top_n: Option<usize>,
    add_special_tokens: bool,
}

impl RankValueEncoder {
    /// Fits on every sample of `table`, with the table's genes as vocabulary ([`GeneVocab::from_table`]).
    pub fn fit(table: &CountTable) -> Result<Self> {
        Self::fit_with(table, None::<&[&str]>, GeneVocab::from_table(table)?)
    }

    /// Fits on the named samples of `table` only (e.g. the training split), with the table's genes as
    /// vocabulary. An unknown name is [`Error::UnknownSample`]; an empty or repeated one is
    /// [`Error::InvalidInput`].
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// use gptomics_tokenize::gene_sentence::RankValueEncoder;
    ///
    /// let text = b"gene,s1,s2,s3\ng1,1,3,0\ng2,3,1,4\n";
    /// let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
    /// let encoder = RankValueEncoder::fit_samples(&table, &["s1", "s3"])?;
    /// assert_eq!(encoder.medians(), [Some(2_500.0), Some(8_750.0)]); // g1: 2,500 only; g2: (7,500 + 10,000) / 2
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn fit_samples<S: AsRef<str>>(table: &CountTable, samples: &[S]) -> Result<Self> {
        Self::fit_with(table, Some(samples), GeneVocab::from_table(table)?)
    }

    /// Fits on `reference` samples of `table` (all when `None`) with a given vocabulary, e.g. one read
    /// back with [`GeneVocab::from_path`] so that ids match a trained model. Every gene of the table must
    /// be in `vocab` ([`Error::UnknownToken`] otherwise); the vocabulary may hold more.
    pub fn fit_with<S: AsRef<str>>(table: &CountTable, reference: Option<&[S]>, vocab: GeneVocab) -> Result<Self> {
        let reference = reference_samples(table, reference)?;
        let token_ids = vocab.genes_to_ids(table.genes())?;
        let libraries = table.library_sizes();
        let medians = (0..table.n_genes())
            .into_par_iter()
            .map(|g| {
                let row = table.row(g).unwrap_or_default();
                let detected = reference.iter().filter(|&&s| row[s] > 0 && libraries[s] > 0);
                let mut values: Vec<f64> = detected.map(|&s| per_10k(row[s] as f64, libraries[s] as f64)).collect();
                median(&mut values)
            })
            .collect();
        let genes = table.genes().to_vec();
        let rows = genes.iter().enumerate().map(|(row, gene)| (gene.clone(), row)).collect();
        Ok(Self { vocab, genes, rows, token_ids, medians, top_n: None, add_special_tokens: true })
    }

    /// Keeps only the `top_n` highest-ranked genes of each sentence (`None`, the default: every detected
    /// gene). Geneformer keeps 2,048, the length of its input.
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// use gptomics_tokenize::gene_sentence::RankValueEncoder;
    ///
    /// let table = CountTable::from_reader(&b"gene,s1\ng1,1\ng2,3\n"[..], "<input>", &CountTableOptions::default())?;
    /// let encoder = RankValueEncoder::fit(&table)?.with_top_n(Some(1)).with_special_tokens(false);
    /// assert_eq!(encoder.encode_counts(&[5, 1])?.ids(), [5]); // g1: 3.3x its median, g2: 0.2x
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn with_top_n(mut self, top_n: Option<usize>) -> Self {
        self.top_n = top_n;
        self
    }

    /// Whether to wrap sentences in `[CLS] … [SEP]` (default: yes, as the k-mer tokenizer does).
    pub fn with_special_tokens(mut self, add: bool) -> Self {
        self.add_special_tokens = add;
        self
    }

    /// The vocabulary.
    pub fn vocab(&self) -> &GeneVocab {
        &self.vocab
    }

    /// The special tokens (the vocabulary's).
    pub fn special_tokens(&self) -> &SpecialTokens {
        self.vocab.special_tokens()
    }

    /// The fitted table's gene ids, in row order: the order of vectors given to
    /// [`RankValueEncoder::encode_counts`], and the `row` of a token's offsets `(row, row + 1)`.
    pub fn genes(&self) -> &[String] {
        &self.genes
    }

    /// Each gene's scale, in row order: the median of its non-zero counts per 10,000 over the reference
    /// samples, `None` for a gene detected in none of them.
    pub fn medians(&self) -> &[Option<f64>] {
        &self.medians
    }

    /// The `top_n` setting.
    pub fn top_n(&self) -> Option<usize> {
        self.top_n
    }
}

/// Counts per 10,000 (`TARGET_SUM`) of a gene with `count` in a library of `library` counts.
fn per_10k(count: f64, library: f64) -> f64 {
    count / library * TARGET_SUM
}

/// The median of `values` (the mean of the two middle ones for an even count, as Python's
/// `statistics.median` and NumPy's `median`), `None` when empty. Sorts `values`.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_unstable_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// The column indices of the reference samples: all, or the named ones (known, non-empty, distinct).
fn reference_samples<S: AsRef<str>>(table: &CountTable, names: Option<&[S]>) -> Result<Vec<usize>> {
    let Some(names) = names else { return Ok((0..table.n_samples()).collect()) };
    if names.is_empty() {
        return Err(Error::InvalidInput(format!("{}: empty list of reference samples", table.source())));
    }
    let mut indices = Vec::with_capacity(names.len());
    for name in names.iter().map(AsRef::as_ref) {
        let index = table.sample_index(name);
        let index = index.ok_or_else(|| Error::UnknownSample { sample: name.into(), table: table.source().into() })?;
        if indices.contains(&index) {
            return Err(Error::InvalidInput(format!("reference sample {name:?} is named twice")));
        }
        indices.push(index);
    }
    Ok(indices)
}

#[cfg(test)]
mod tests {
    use gptomics_seqio::counts::CountTableOptions;

    use super::*;

    /// Library sizes 100, 100, 100; rows gC, gB, gA, gZ (row order is not id order).
    pub(super) fn table() -> Result<CountTable> {
        let text = b"gene\ts1\ts2\ts3\ngC\t10\t20\t0\ngB\t50\t60\t50\ngA\t40\t20\t50\ngZ\t0\t0\t0\n";
        Ok(CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?)
    }

    fn assert_medians(actual: &[Option<f64>], expected: &[Option<f64>]) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert_eq!(a.is_some(), e.is_some(), "{actual:?} vs {expected:?}");
            assert!((a.unwrap_or(0.0) - e.unwrap_or(0.0)).abs() < 1e-9, "{actual:?} vs {expected:?}");
        }
    }

    #[test]
    fn test_fit() -> Result<()> {
        let encoder = RankValueEncoder::fit(&table()?)?;
        // Counts per 10,000 are counts x 100. gC: median of 1,000 and 2,000 (the zero left out), gB: of
        // 5,000, 6,000, 5,000, gA: of 4,000, 2,000, 5,000; gZ is never detected.
        assert_medians(encoder.medians(), &[Some(1_500.0), Some(5_000.0), Some(4_000.0), None]);
        assert_eq!(encoder.genes(), ["gC", "gB", "gA", "gZ"]);
        assert_eq!(encoder.vocab().genes(), ["gA", "gB", "gC", "gZ"]);
        assert_eq!((encoder.top_n(), encoder.special_tokens().sep.as_ref().map(|s| s.id)), (None, Some(3)));
        Ok(())
    }

    #[test]
    fn test_fit_samples() -> Result<()> {
        let table = table()?;
        let encoder = RankValueEncoder::fit_samples(&table, &["s3", "s1"])?;
        assert_medians(encoder.medians(), &[Some(1_000.0), Some(5_000.0), Some(4_500.0), None]);
        let encoder = RankValueEncoder::fit_samples(&table, &[String::from("s2")])?;
        assert_medians(encoder.medians(), &[Some(2_000.0), Some(6_000.0), Some(2_000.0), None]);
        let unknown = RankValueEncoder::fit_samples(&table, &["s1", "s4"]);
        assert!(matches!(unknown, Err(Error::UnknownSample { sample, table }) if sample == "s4" && table == "<input>"));
        assert!(matches!(RankValueEncoder::fit_samples(&table, &["s1", "s1"]), Err(Error::InvalidInput(_))));
        assert!(matches!(RankValueEncoder::fit_samples::<&str>(&table, &[]), Err(Error::InvalidInput(_))));
        Ok(())
    }

    #[test]
    fn test_fit_with() -> Result<()> {
        let table = table()?;
        let vocab = GeneVocab::from_genes(&["gA", "gB", "gC", "gZ", "gExtra"])?;
        let encoder = RankValueEncoder::fit_with(&table, None::<&[&str]>, vocab)?;
        assert_eq!(encoder.vocab().len(), 10);
        let small = GeneVocab::from_genes(&["gA", "gB", "gC"])?;
        let missing = RankValueEncoder::fit_with(&table, None::<&[&str]>, small);
        assert!(matches!(missing, Err(Error::UnknownToken(g)) if g == "gZ"));
        Ok(())
    }

    #[test]
    fn test_median() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 10.0]), Some(3.5));
    }

    #[test]
    fn test_per_10k() {
        assert_eq!(per_10k(3.0, 12.0), 2_500.0);
    }
}
