//! Ranking a sample's genes and emitting the sentence: the encoding half of `RankValueEncoder`.

use std::cmp::Ordering;

use gptomics_seqio::counts::CountTable;
use rayon::prelude::*;

use super::{RankValueEncoder, per_10k};
use crate::{Encoding, Error, Result};

impl RankValueEncoder {
    /// Ranks an expression vector in the fitted table's row order ([`RankValueEncoder::genes`]): returns
    /// `(row, value)` pairs, value = counts per 10,000 ÷ the gene's median, highest first, ties by gene id,
    /// zeros and never-detected genes left out, cut to `top_n`. Values may be fractional (estimated counts);
    /// a negative or non-finite one is [`Error::InvalidValue`], a vector of the wrong length
    /// [`Error::InvalidInput`].
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// use gptomics_tokenize::gene_sentence::RankValueEncoder;
    ///
    /// let text = b"gene,s1,s2\ng1,1,1\ng2,1,3\n";
    /// let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
    /// let encoder = RankValueEncoder::fit(&table)?; // medians 3,750 and 6,250
    /// assert_eq!(encoder.rank_values(&[1.0, 1.0])?, [(0, 5_000.0 / 3_750.0), (1, 5_000.0 / 6_250.0)]);
    /// assert!(encoder.rank_values(&[1.0]).is_err());
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn rank_values(&self, values: &[f64]) -> Result<Vec<(usize, f64)>> {
        self.check_len(values.len())?;
        if let Some(index) = values.iter().position(|v| !v.is_finite() || *v < 0.0) {
            return Err(Error::InvalidValue { index, gene: self.genes[index].clone(), value: values[index] });
        }
        let library: f64 = values.iter().sum();
        if !library.is_finite() {
            return Err(Error::InvalidInput(format!("expression values sum to {library}")));
        }
        Ok(self.rank(|g| values[g], library))
    }

    /// Encodes an expression vector in the fitted table's row order (see [`RankValueEncoder::rank_values`]).
    pub fn encode_values(&self, values: &[f64]) -> Result<Encoding> {
        Ok(self.sentence(self.rank_values(values)?.into_iter().map(|(row, _)| row)))
    }

    /// Encodes a count vector in the fitted table's row order; its library size is its sum.
    pub fn encode_counts(&self, counts: &[u64]) -> Result<Encoding> {
        self.check_len(counts.len())?;
        let library = counts.iter().fold(0u64, |sum, &c| sum.saturating_add(c));
        Ok(self.sentence(self.rank(|g| counts[g] as f64, library as f64).into_iter().map(|(row, _)| row)))
    }

    /// Encodes sample `sample` of `table`: the fitted table or any table holding its genes, in any row
    /// order. The library size is the sample's total over all of `table`'s genes.
    pub fn encode_sample(&self, table: &CountTable, sample: &str) -> Result<Encoding> {
        let unknown = || Error::UnknownSample { sample: sample.into(), table: table.source().into() };
        let column = table.sample_index(sample).and_then(|s| table.column(s)).ok_or_else(unknown)?;
        Ok(self.encode_column(&column, &self.row_map(table)?))
    }

    /// Encodes every sample of `table` (see [`RankValueEncoder::encode_sample`]) in parallel, in column
    /// order.
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// use gptomics_tokenize::gene_sentence::RankValueEncoder;
    ///
    /// let text = b"gene,s1,s2\ng1,1,3\ng2,3,1\n";
    /// let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
    /// let encoder = RankValueEncoder::fit(&table)?.with_special_tokens(false);
    /// let sentences: Vec<_> = encoder.encode_table(&table)?.iter().map(|e| e.ids().to_vec()).collect();
    /// assert_eq!(sentences, [[6, 5], [5, 6]]);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn encode_table(&self, table: &CountTable) -> Result<Vec<Encoding>> {
        let map = self.row_map(table)?;
        Ok((0..table.n_samples())
            .into_par_iter()
            .map(|s| self.encode_column(&table.column(s).unwrap_or_default(), &map))
            .collect())
    }

    /// Encodes a gene list as given (no ranking, no `top_n`), e.g. a marker set or a prompt. A gene that
    /// is not a gene of the fitted table is [`Error::UnknownToken`].
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// use gptomics_tokenize::{Error, gene_sentence::RankValueEncoder};
    ///
    /// let table = CountTable::from_reader(&b"gene,s1\ng2,1\ng1,1\n"[..], "<input>", &CountTableOptions::default())?;
    /// let encoder = RankValueEncoder::fit(&table)?;
    /// let encoding = encoder.encode_genes(&["g2", "g1"])?;
    /// assert_eq!((encoding.ids(), encoding.offsets()[1]), (&[2, 6, 5, 3][..], (0, 1)));
    /// assert!(matches!(encoder.encode_genes(&["g3"]), Err(Error::UnknownToken(g)) if g == "g3"));
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn encode_genes<S: AsRef<str>>(&self, genes: &[S]) -> Result<Encoding> {
        let rows = genes
            .iter()
            .map(|g| self.rows.get(g.as_ref()).copied().ok_or_else(|| Error::UnknownToken(g.as_ref().into())))
            .collect::<Result<Vec<_>>>()?;
        Ok(self.sentence(rows.into_iter()))
    }

    /// `(row, value)` of the detected genes, ranked and cut to `top_n`; `value(g)` is row `g`'s expression.
    fn rank(&self, value: impl Fn(usize) -> f64, library: f64) -> Vec<(usize, f64)> {
        if library <= 0.0 {
            return Vec::new();
        }
        let mut ranked: Vec<(usize, f64)> = (self.medians.iter().enumerate())
            .filter_map(|(g, median)| {
                let x = value(g);
                Some((g, per_10k(x, library) / (*median)?)).filter(|_| x > 0.0)
            })
            .collect();
        // A total order (gene ids are distinct), so the result does not depend on the sort's stability.
        let order = |a: &(usize, f64), b: &(usize, f64)| -> Ordering {
            b.1.total_cmp(&a.1).then_with(|| self.genes[a.0].cmp(&self.genes[b.0]))
        };
        if let Some(n) = self.top_n
            && n < ranked.len()
        {
            if n > 0 {
                ranked.select_nth_unstable_by(n - 1, order);
            }
            ranked.truncate(n);
        }
        ranked.sort_unstable_by(order);
        ranked
    }

    /// Encodes a column of a table whose row `map[g]` holds fitted gene `g`.
    fn encode_column(&self, column: &[u64], map: &[usize]) -> Encoding {
        let library = column.iter().fold(0u64, |sum, &c| sum.saturating_add(c));
        let ranked = self.rank(|g| column[map[g]] as f64, library as f64);
        self.sentence(ranked.into_iter().map(|(row, _)| row))
    }

    /// For each fitted gene, its row in `table`; a missing gene is [`Error::InvalidInput`].
    fn row_map(&self, table: &CountTable) -> Result<Vec<usize>> {
        let missing = |g: &str| Error::InvalidInput(format!("{}: fitted gene {g:?} is missing", table.source()));
        self.genes.iter().map(|g| table.gene_index(g).ok_or_else(|| missing(g))).collect()
    }

    fn check_len(&self, len: usize) -> Result<()> {
        if len == self.genes.len() {
            return Ok(());
        }
        let genes = self.genes.len();
        Err(Error::InvalidInput(format!(
            "expression vector of length {len}, expected {genes} (one value a fitted gene)"
        )))
    }

    /// The sentence of `rows` (fitted-table rows): gene ids, offsets `(row, row + 1)`, optional specials.
    fn sentence(&self, rows: impl ExactSizeIterator<Item = usize>) -> Encoding {
        let tokens = self.vocab.special_tokens();
        let (cls, sep) = (tokens.cls.as_ref().map_or(2, |s| s.id), tokens.sep.as_ref().map_or(3, |s| s.id));
        let special = |id: u32| self.add_special_tokens.then_some((id, 1, (0, 0)));
        let capacity = rows.len() + 2;
        let (mut ids, mut mask, mut offsets) =
            (Vec::with_capacity(capacity), Vec::with_capacity(capacity), Vec::with_capacity(capacity));
        let genes = rows.map(|row| (self.token_ids[row], 0, (row, row + 1)));
        for (id, special, offset) in special(cls).into_iter().chain(genes).chain(special(sep)) {
            ids.push(id);
            mask.push(special);
            offsets.push(offset);
        }
        Encoding::from_parts(ids, mask, offsets)
    }
}

#[cfg(test)]
mod tests {
    use gptomics_seqio::counts::CountTableOptions;

    use super::*;
    use crate::gene_sentence::{GeneVocab, encoder::tests::table};

    // The fixture has rows gC, gB, gA, gZ (ids 7, 6, 5, 8), library sizes 100 and medians 1,500, 5,000,
    // 4,000 and none (see `encoder::tests::test_fit`).

    #[test]
    fn test_encode_sample() -> Result<()> {
        let table = table()?;
        let encoder = RankValueEncoder::fit(&table)?;
        // s1: gC 1,000 / 1,500, gB 5,000 / 5,000 = 1, gA 4,000 / 4,000 = 1: a tie, gA before gB by gene id
        // although gB comes first in row order (and the order of these exact floats is not in doubt).
        let s1 = encoder.encode_sample(&table, "s1")?;
        assert_eq!(s1.ids(), [2, 5, 6, 7, 3]);
        assert_eq!(s1.offsets(), [(0, 0), (2, 3), (1, 2), (0, 1), (0, 0)]);
        assert_eq!(s1.special_tokens_mask(), [1, 0, 0, 0, 1]);
        // s2: gC 2,000 / 1,500 = 1.33, gB 6,000 / 5,000 = 1.2, gA 2,000 / 4,000 = 0.5.
        assert_eq!(encoder.encode_sample(&table, "s2")?.ids(), [2, 7, 6, 5, 3]);
        // s3: gC's zero is dropped; gA 1.25, gB 1.
        assert_eq!(encoder.encode_sample(&table, "s3")?.ids(), [2, 5, 6, 3]);
        let unknown = encoder.encode_sample(&table, "s9");
        assert!(matches!(unknown, Err(Error::UnknownSample { sample, .. }) if sample == "s9"));
        Ok(())
    }

    #[test]
    fn test_rank_values() -> Result<()> {
        // Vocabulary ids against gene-id order (gB 5, gA 6): ties still go by gene id, not by token id.
        let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "gB", "gA", "gC", "gZ"].map(String::from);
        let vocab = GeneVocab::from_tokens(tokens.to_vec(), "<tokens>")?;
        let encoder = RankValueEncoder::fit_with(&table()?, None::<&[&str]>, vocab)?;
        let ranked = encoder.rank_values(&[10.0, 50.0, 40.0, 0.0])?;
        assert_eq!(ranked, [(2, 1.0), (1, 1.0), (0, 1_000.0 / 1_500.0)]);
        assert_eq!(encoder.encode_values(&[10.0, 50.0, 40.0, 0.0])?.ids(), [2, 6, 5, 7, 3]);
        for (bad, index) in [(f64::NAN, 1), (-1.0, 1), (f64::INFINITY, 1), (-0.5, 3)] {
            let mut values = [1.0, 2.0, 3.0, 4.0];
            values[index] = bad;
            let Err(Error::InvalidValue { index: i, gene, value }) = encoder.rank_values(&values) else {
                panic!("{bad} accepted")
            };
            assert_eq!((i, gene.as_str()), (index, encoder.genes()[index].as_str()));
            assert!(value.is_nan() == bad.is_nan() && (bad.is_nan() || value == bad));
        }
        assert!(matches!(encoder.rank_values(&[f64::MAX, f64::MAX, 0.0, 0.0]), Err(Error::InvalidInput(_))));
        Ok(())
    }

    #[test]
    fn test_encode_counts() -> Result<()> {
        let encoder = RankValueEncoder::fit(&table()?)?;
        // Library 85: gC 30 / 1,500 > gA 40 / 4,000 > gB 10 / 5,000 (common factor 10,000 / 85 left out);
        // gZ is expressed but was never detected in the reference samples, so it has no scale.
        assert_eq!(encoder.encode_counts(&[30, 10, 40, 5])?.ids(), [2, 7, 5, 6, 3]);
        assert_eq!(encoder.encode_values(&[30.0, 10.0, 40.0, 5.0])?.ids(), [2, 7, 5, 6, 3]);
        assert_eq!(encoder.encode_counts(&[0, 0, 0, 0])?.ids(), [2, 3]);
        assert_eq!(encoder.encode_counts(&[0, 0, 0, 9])?.ids(), [2, 3]);
        for wrong in [&[1, 2, 3][..], &[1, 2, 3, 4, 5], &[]] {
            let Err(Error::InvalidInput(message)) = encoder.encode_counts(wrong) else { panic!("{wrong:?} accepted") };
            assert!(
                message.contains(&format!("length {}", wrong.len())) && message.contains("expected 4"),
                "{message}"
            );
        }
        let wrong = encoder.encode_values(&[1.0]);
        assert!(matches!(wrong, Err(Error::InvalidInput(m)) if m.contains("length 1") && m.contains("expected 4")));
        Ok(())
    }

    #[test]
    fn test_with_top_n() -> Result<()> {
        let table = table()?;
        let encoder = |n| RankValueEncoder::fit(&table).map(|e| e.with_top_n(n));
        assert_eq!(encoder(Some(2))?.encode_sample(&table, "s1")?.ids(), [2, 5, 6, 3]);
        assert_eq!(encoder(Some(1))?.encode_sample(&table, "s2")?.ids(), [2, 7, 3]);
        assert_eq!(encoder(Some(0))?.encode_sample(&table, "s2")?.ids(), [2, 3]);
        assert_eq!(encoder(Some(9))?.encode_sample(&table, "s2")?.ids(), [2, 7, 6, 5, 3]);
        assert_eq!(encoder(Some(2))?.rank_values(&[10.0, 50.0, 40.0, 0.0])?, [(2, 1.0), (1, 1.0)]);
        Ok(())
    }

    #[test]
    fn test_with_special_tokens() -> Result<()> {
        let table = table()?;
        let encoder = RankValueEncoder::fit(&table)?.with_special_tokens(false);
        let s1 = encoder.encode_sample(&table, "s1")?;
        assert_eq!((s1.ids(), s1.offsets()), (&[5, 6, 7][..], &[(2, 3), (1, 2), (0, 1)][..]));
        assert_eq!(s1.special_tokens_mask(), [0, 0, 0]);
        assert_eq!(encoder.encode_genes(&["gZ"])?.ids(), [8]);
        Ok(())
    }

    #[test]
    fn test_encode_table() -> Result<()> {
        let table = table()?;
        let encoder = RankValueEncoder::fit(&table)?;
        let all = encoder.encode_table(&table)?;
        let one_by_one = ["s1", "s2", "s3"].map(|s| encoder.encode_sample(&table, s));
        assert_eq!(all.len(), 3);
        for (a, b) in all.iter().zip(one_by_one) {
            assert_eq!(a, &b?);
        }
        // Another table with the same genes in another order: same genes, same rows (the fitted table's).
        let text = b"id,x,s1\ngZ,0,0\ngA,1,40\ngC,2,10\ngB,3,50\n";
        let other = CountTable::from_reader(&text[..], "other", &CountTableOptions::default())?;
        assert_eq!(encoder.encode_table(&other)?[1], all[0]);
        let text = b"id,s1\ngZ,0\ngA,1\ngC,2\n";
        let missing = CountTable::from_reader(&text[..], "missing", &CountTableOptions::default())?;
        assert!(matches!(encoder.encode_table(&missing), Err(Error::InvalidInput(m)) if m.contains("\"gB\"")));
        assert!(matches!(encoder.encode_sample(&missing, "s1"), Err(Error::InvalidInput(_))));
        Ok(())
    }

    #[test]
    fn test_encode_genes() -> Result<()> {
        let encoder = RankValueEncoder::fit(&table()?)?.with_top_n(Some(1));
        let encoding = encoder.encode_genes(&["gZ", "gA", "gA"])?;
        assert_eq!(encoding.ids(), [2, 8, 5, 5, 3]);
        assert_eq!(encoding.offsets(), [(0, 0), (3, 4), (2, 3), (2, 3), (0, 0)]);
        assert_eq!(encoder.encode_genes::<&str>(&[])?.ids(), [2, 3]);
        assert!(matches!(encoder.encode_genes(&["gA", "gQ"]), Err(Error::UnknownToken(g)) if g == "gQ"));
        assert!(matches!(encoder.encode_genes(&["[CLS]"]), Err(Error::UnknownToken(_))));
        Ok(())
    }
}
