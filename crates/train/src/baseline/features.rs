//! k-mer frequency features: the dense matrix every baseline model reads.

use rayon::prelude::*;
use serde::Serialize;

use crate::{Error, Result};

/// A dense row-major feature matrix, one row per sequence, every value finite.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    rows: usize,
    cols: usize,
    values: Vec<f64>, // [rows, cols]
}

impl Features {
    /// A matrix from row-major `values`; [`Error::InvalidInput`] when the length is not `rows * cols` or a
    /// value is not finite (the models rely on finite features).
    ///
    /// ```
    /// use gptomics_train::baseline::Features;
    /// let x = Features::new(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// assert_eq!(x.row(1), [4.0, 5.0, 6.0]);
    /// assert!(Features::new(2, 2, vec![1.0; 3]).is_err());
    /// # Ok::<(), gptomics_train::Error>(())
    /// ```
    pub fn new(rows: usize, cols: usize, values: Vec<f64>) -> Result<Self> {
        if rows.checked_mul(cols) != Some(values.len()) {
            return Err(Error::InvalidInput(format!(
                "{} values do not fill {rows} rows of {cols} features",
                values.len()
            )));
        }
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!("feature ({}, {}) is {}", i / cols, i % cols, values[i])));
        }
        Ok(Self { rows, cols, values })
    }

    /// Number of rows (sequences).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (features).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// All values, row-major.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Row `i` (panics when `i >= rows`, like slice indexing).
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.cols..(i + 1) * self.cols]
    }

    /// The rows at `indices`, in that order (panics on an index out of range, like slice indexing).
    pub fn select(&self, indices: &[usize]) -> Self {
        let values = indices.iter().flat_map(|&i| self.row(i)).copied().collect();
        Self { rows: indices.len(), cols: self.cols, values }
    }

    /// Mutable values, for in-crate transforms that keep them finite.
    pub(super) fn values_mut(&mut self) -> &mut [f64] {
        &mut self.values
    }
}

/// Which k-mer lengths to count. For each k the 4^k k-mers over ACGT are counted (in lexicographic order,
/// `AA..A` first) and divided by the number of valid k-mers of that length, so the features are
/// frequencies comparable across sequence lengths; the ks' blocks are concatenated in the given order.
///
/// Case-insensitive; a k-mer touching any other byte (`N`, gap, ...) is skipped. A sequence with no valid
/// k-mer of some length gets zeros for that block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KmerFeatures {
    ks: Vec<usize>,
}

impl Default for KmerFeatures {
    /// k = 3, 4, 5, 6: 64 + 256 + 1024 + 4096 = 5440 features, the usual k-mer baseline of the DNA
    /// language-model literature (and DNABERT's tokenisations).
    fn default() -> Self {
        Self { ks: (3..=6).collect() }
    }
}

impl KmerFeatures {
    /// The longest k accepted: 4^8 = 65 536 columns per sequence is already more than any baseline needs.
    pub const MAX_K: usize = 8;

    /// Counts of the lengths `ks`; [`Error::InvalidInput`] when `ks` is empty, repeats a k, or holds a k
    /// outside `1..=MAX_K`.
    ///
    /// ```
    /// use gptomics_train::baseline::KmerFeatures;
    /// let f = KmerFeatures::new(vec![1, 2])?;
    /// let x = f.transform(&[b"ACGTnA".to_vec()]);
    /// assert_eq!(x.cols(), 4 + 16);
    /// // 1-mers: A C G T A over 5 valid bases; 2-mers: AC CG GT (the ones with n are skipped).
    /// assert_eq!(&x.row(0)[..4], [0.4, 0.2, 0.2, 0.2]);
    /// assert_eq!(x.row(0)[4 + 1], 1.0 / 3.0); // AC
    /// # Ok::<(), gptomics_train::Error>(())
    /// ```
    pub fn new(ks: Vec<usize>) -> Result<Self> {
        if ks.is_empty() {
            return Err(Error::InvalidInput("k-mer features need at least one k".into()));
        }
        if let Some(k) = ks.iter().find(|&&k| k == 0 || k > Self::MAX_K) {
            return Err(Error::InvalidInput(format!("k-mer length {k} is outside 1..={}", Self::MAX_K)));
        }
        if let Some(k) = ks.iter().enumerate().find(|&(i, k)| ks[..i].contains(k)).map(|(_, k)| k) {
            return Err(Error::InvalidInput(format!("k-mer length {k} is listed twice")));
        }
        Ok(Self { ks })
    }

    /// The k-mer lengths, in column order.
    pub fn ks(&self) -> &[usize] {
        &self.ks
    }

    /// Number of columns: the sum of 4^k.
    pub fn num_features(&self) -> usize {
        self.ks.iter().map(|&k| 1 << (2 * k)).sum()
    }

    /// The frequency features of `sequences`, one row each (computed in parallel).
    pub fn transform(&self, sequences: &[Vec<u8>]) -> Features {
        let cols = self.num_features();
        let mut values = vec![0.0; sequences.len() * cols];
        values.par_chunks_mut(cols.max(1)).zip(sequences).for_each(|(row, seq)| {
            let mut offset = 0;
            for &k in &self.ks {
                let width = 1 << (2 * k);
                count_frequencies(seq, k, &mut row[offset..offset + width]);
                offset += width;
            }
        });
        Features { rows: sequences.len(), cols, values }
    }
}

/// Writes the frequencies of the k-mers of `seq` into `out` (length 4^k, zero on entry).
fn count_frequencies(seq: &[u8], k: usize, out: &mut [f64]) {
    let mask = (1usize << (2 * k)) - 1;
    let (mut code, mut run, mut valid) = (0usize, 0usize, 0usize);
    for &base in seq {
        let bits = match base {
            b'A' | b'a' => 0,
            b'C' | b'c' => 1,
            b'G' | b'g' => 2,
            b'T' | b't' => 3,
            _ => {
                run = 0;
                continue;
            }
        };
        code = ((code << 2) | bits) & mask;
        run += 1;
        if run >= k {
            out[code] += 1.0;
            valid += 1;
        }
    }
    if valid > 0 {
        let total = valid as f64;
        out.iter_mut().for_each(|v| *v /= total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_kmer_features() -> Result<()> {
        let f = KmerFeatures::new(vec![2])?;
        let x = f.transform(&[b"AAAA".to_vec(), b"NNN".to_vec(), Vec::new(), b"tTtT".to_vec()]);
        assert_eq!((x.rows(), x.cols()), (4, 16));
        assert_eq!(x.row(0)[0], 1.0);
        assert!(x.row(1).iter().chain(x.row(2)).all(|&v| v == 0.0));
        assert_eq!(x.row(3)[15], 1.0);
        assert_eq!(KmerFeatures::default().num_features(), 5440);
        assert!(KmerFeatures::new(vec![]).is_err());
        assert!(KmerFeatures::new(vec![3, 3]).is_err());
        assert!(KmerFeatures::new(vec![9]).is_err());
        Ok(())
    }
}
