//! `counts::CountTable`: the in-memory table and its accessors.

use std::{collections::HashMap, io::BufRead, path::Path};

use super::{CountTableOptions, reader};
use crate::{Error, Location, ParseError, Result, io};

/// A gene × sample table of non-negative integer counts, with per-gene annotation columns and HTSeq's
/// special rows kept apart. Counts are stored gene-major: [`CountTable::row`] is a slice.
///
/// ```
/// use gptomics_seqio::counts::{CountTable, CountTableOptions};
/// let text = b"gene\tgene_name\ta\tb\nENSG1\tTP53\t5\t6\n__no_feature\t\t9\t1\n";
/// let table = CountTable::from_reader(&text[..], "t.tsv", &CountTableOptions::default())?;
/// assert_eq!((table.n_genes(), table.n_samples()), (1, 2));
/// assert_eq!(table.annotation("gene_name"), Some(&["TP53".to_string()][..]));
/// assert_eq!(table.special_row("__no_feature"), Some(&[9, 1][..]));
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CountTable {
    pub(super) source: String,
    pub(super) genes: Vec<String>,
    pub(super) gene_lookup: HashMap<String, usize>,
    pub(super) samples: Vec<String>,
    pub(super) counts: Vec<u64>, // [n_genes * n_samples], gene-major
    pub(super) annotation_names: Vec<String>,
    pub(super) annotation_values: Vec<Vec<String>>, // [n_annotation][n_genes]
    pub(super) special: Vec<(String, Vec<u64>)>,    // [n_special] of (name, [n_samples])
}

impl CountTable {
    /// Reads a table from a file, plain or gzip/BGZF (detected from its first bytes).
    ///
    /// ```no_run
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_path("GSE000_counts.tsv.gz", &CountTableOptions::default())?;
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>, options: &CountTableOptions) -> Result<Self> {
        let path = path.as_ref();
        reader::read(io::open(path)?, &path.display().to_string(), options)
    }

    /// Reads a table from a reader, decompressing gzip; `name` is used in error locations.
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, counts::{CountTable, CountTableOptions}};
    /// let bad = CountTable::from_reader(&b"id,s1\ng1,-3\n"[..], "x.csv", &CountTableOptions::default());
    /// assert!(matches!(bad.err().and_then(|e| e.kind().cloned()), Some(ParseError::NegativeCount { .. })));
    /// ```
    pub fn from_reader<R: BufRead + Send>(
        reader: R,
        name: &str,
        options: &CountTableOptions,
    ) -> Result<Self> {
        let reader = io::decompress(reader).map_err(|e| Error::io(name, e))?;
        reader::read(reader, name, options)
    }

    /// The input's name (path, or the name given to [`CountTable::from_reader`]).
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1\ng1,1\n"[..], "x.csv", &CountTableOptions::default())?;
    /// assert_eq!(table.source(), "x.csv");
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Gene ids, in file order (HTSeq special rows excluded).
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1\ng1,1\ng2,0\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.genes(), ["g1", "g2"]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn genes(&self) -> &[String] {
        &self.genes
    }

    /// Sample names, in column order.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.samples(), ["s1", "s2"]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn samples(&self) -> &[String] {
        &self.samples
    }

    /// The number of genes.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1\ng1,1\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.n_genes(), 1);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn n_genes(&self) -> usize {
        self.genes.len()
    }

    /// The number of samples.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1\ng1,1\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.n_samples(), 1);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn n_samples(&self) -> usize {
        self.samples.len()
    }

    /// The count of gene `gene` in sample `sample` (indices), `None` when out of range.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.count(0, 1), Some(2));
    /// assert_eq!(table.count(1, 0), None);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn count(&self, gene: usize, sample: usize) -> Option<u64> {
        self.row(gene)?.get(sample).copied()
    }

    /// All counts of gene `gene` (index), one per sample.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.row(0), Some(&[1, 2][..]));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn row(&self, gene: usize) -> Option<&[u64]> {
        if gene >= self.genes.len() {
            return None;
        }
        let n = self.samples.len();
        self.counts.get(gene * n..(gene + 1) * n)
    }

    /// All counts of sample `sample` (index), one per gene.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\ng2,3,4\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.column(1), Some(vec![2, 4]));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn column(&self, sample: usize) -> Option<Vec<u64>> {
        (sample < self.samples.len()).then(|| {
            self.counts
                .chunks_exact(self.samples.len())
                .map(|row| row[sample])
                .collect()
        })
    }

    /// The whole count matrix, gene-major: `counts()[gene * n_samples() + sample]`.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\ng2,3,4\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.counts(), [1, 2, 3, 4]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The values of annotation column `name`, one per gene.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,symbol,s1\ng1,TP53,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.annotation("symbol"), Some(&["TP53".to_string()][..]));
    /// assert_eq!(table.annotation("s1"), None);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn annotation(&self, name: &str) -> Option<&[String]> {
        let i = self.annotation_names.iter().position(|n| n == name)?;
        self.annotation_values.get(i).map(Vec::as_slice)
    }

    /// The annotation column names, in file order.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,symbol,s1\ng1,TP53,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.annotation_columns(), ["symbol"]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn annotation_columns(&self) -> &[String] {
        &self.annotation_names
    }

    /// HTSeq's special rows (`__no_feature`, `__ambiguous`, ...) as `(name, per-sample counts)`, in file order.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let text = b"id\ts1\ng1\t4\n__ambiguous\t2\n";
    /// let table = CountTable::from_reader(&text[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.special_rows().collect::<Vec<_>>(), [("__ambiguous", &[2][..])]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn special_rows(&self) -> impl Iterator<Item = (&str, &[u64])> {
        self.special
            .iter()
            .map(|(name, counts)| (name.as_str(), counts.as_slice()))
    }

    /// The per-sample counts of one special row.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id\ts1\ng1\t4\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.special_row("__no_feature"), None);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn special_row(&self, name: &str) -> Option<&[u64]> {
        self.special
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, counts)| counts.as_slice())
    }

    /// The index of gene `id`.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1\ng1,1\ng2,0\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.gene_index("g2"), Some(1));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn gene_index(&self, id: &str) -> Option<usize> {
        self.gene_lookup.get(id).copied()
    }

    /// The index of sample `name`.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.sample_index("s2"), Some(1));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn sample_index(&self, name: &str) -> Option<usize> {
        self.samples.iter().position(|s| s == name)
    }

    /// Each sample's total count over genes (special rows excluded), saturating at `u64::MAX`.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\ng2,3,4\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.library_sizes(), [4, 6]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn library_sizes(&self) -> Vec<u64> {
        let mut sizes = vec![0u64; self.samples.len()];
        for row in self.counts.chunks_exact(self.samples.len().max(1)) {
            for (size, &count) in sizes.iter_mut().zip(row) {
                *size = size.saturating_add(count);
            }
        }
        sizes
    }

    /// A table holding only `samples`, in that order. An unknown name is [`ParseError::UnknownName`], a
    /// repeated one [`ParseError::DuplicateSample`].
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.select_samples(&["s2", "s1"])?.row(0), Some(&[2, 1][..]));
    /// assert!(table.select_samples(&["s3"]).is_err());
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn select_samples(&self, samples: &[&str]) -> Result<Self> {
        let mut picked = Vec::with_capacity(samples.len());
        for (i, &name) in samples.iter().enumerate() {
            let error = |kind| Error::parse(Location::file(&self.source), kind);
            if samples[..i].contains(&name) {
                return Err(error(ParseError::DuplicateSample(name.to_string())));
            }
            let index = self.sample_index(name);
            picked.push(index.ok_or_else(|| error(ParseError::UnknownName(name.to_string())))?);
        }
        let pick = |row: &[u64]| picked.iter().map(|&s| row[s]).collect::<Vec<_>>();
        let counts = self
            .counts
            .chunks_exact(self.samples.len().max(1))
            .flat_map(pick)
            .collect();
        Ok(Self {
            source: self.source.clone(),
            genes: self.genes.clone(),
            gene_lookup: self.gene_lookup.clone(),
            samples: samples.iter().map(|s| s.to_string()).collect(),
            counts,
            annotation_names: self.annotation_names.clone(),
            annotation_values: self.annotation_values.clone(),
            special: self
                .special
                .iter()
                .map(|(n, row)| (n.clone(), pick(row)))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_select_samples() -> Result<()> {
        let text = b"id\ta\tb\tc\ng1\t1\t2\t3\ng2\t4\t5\t6\n__ambiguous\t7\t8\t9\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        let picked = table.select_samples(&["c", "a"])?;
        assert_eq!(
            (picked.samples(), picked.counts()),
            (&["c".to_string(), "a".into()][..], &[3, 1, 6, 4][..])
        );
        assert_eq!(picked.special_row("__ambiguous"), Some(&[9, 7][..]));
        assert_eq!(picked.library_sizes(), [9, 5]);
        let unknown = table
            .select_samples(&["a", "zz"])
            .err()
            .and_then(|e| e.kind().cloned());
        assert_eq!(unknown, Some(ParseError::UnknownName("zz".into())));
        let twice = table
            .select_samples(&["a", "a"])
            .err()
            .and_then(|e| e.kind().cloned());
        assert_eq!(twice, Some(ParseError::DuplicateSample("a".into())));
        assert_eq!(
            (table.row(2), table.column(3), table.count(0, 3)),
            (None, None, None)
        );
        assert_eq!(table.column(2), Some(vec![3, 6]));
        Ok(())
    }
}
