//! `counts::CountTable`: the in-memory table and its accessors.

use std::collections::HashMap;

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
        (sample < self.samples.len())
            .then(|| self.counts.chunks_exact(self.samples.len()).map(|row| row[sample]).collect())
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
        self.special.iter().map(|(name, counts)| (name.as_str(), counts.as_slice()))
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
        self.special.iter().find(|(n, _)| n == name).map(|(_, counts)| counts.as_slice())
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
}

#[cfg(test)]
mod tests {
    use crate::{Result, counts::CountTableOptions};

    use super::*;

    #[test]
    fn test_row() -> Result<()> {
        let text = b"id,symbol,a,b\ng1,X,1,2\ng2,Y,3,4\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        assert_eq!((table.row(1), table.row(2)), (Some(&[3, 4][..]), None));
        assert_eq!((table.column(0), table.column(2)), (Some(vec![1, 3]), None));
        assert_eq!((table.count(1, 0), table.count(0, 2)), (Some(3), None));
        assert_eq!((table.gene_index("g2"), table.sample_index("b")), (Some(1), Some(1)));
        assert_eq!((table.gene_index("X"), table.sample_index("symbol")), (None, None));
        assert_eq!(table.annotation("symbol").map(<[String]>::len), Some(2));
        Ok(())
    }
}
