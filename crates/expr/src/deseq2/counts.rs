//! The count matrix DESeq2 works on: genes × samples, non-negative integers held as `f64`.

use gptomics_seqio::counts::CountTable;

use crate::{Error, Result};

/// Genes × samples counts, row-major. Values are whole numbers ≥ 0 (checked on construction), kept as
/// `f64` because every computation on them is floating point.
#[derive(Clone, Debug, PartialEq)]
pub struct CountMatrix {
    genes: Vec<String>,
    samples: Vec<String>,
    values: Vec<f64>,
}

impl CountMatrix {
    /// A matrix from gene ids, sample names and row-major integer counts.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the lengths disagree, a gene or sample name repeats, or there are
    /// no genes or no samples.
    pub fn new(genes: Vec<String>, samples: Vec<String>, counts: &[u64]) -> Result<Self> {
        let values = counts.iter().map(|&c| c as f64).collect();
        Self::checked(genes, samples, values)
    }

    /// A matrix from floating-point counts, as another tool may hand them over.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the gene and sample of the first value that is negative, not whole
    /// or not finite (DESeq2 models counts; round estimated counts such as salmon's first, or import
    /// them with tximport-style offsets), and for the shape problems of [`CountMatrix::new`].
    pub fn from_f64(genes: Vec<String>, samples: Vec<String>, values: Vec<f64>) -> Result<Self> {
        let matrix = Self::checked(genes, samples, values)?;
        if let Some(pos) = matrix.values.iter().position(|v| !v.is_finite() || *v < 0.0 || v.fract() != 0.0) {
            let (g, s) = (pos / matrix.samples.len(), pos % matrix.samples.len());
            return Err(Error::invalid(format!(
                "count for gene `{}` in sample `{}` is {}: counts must be non-negative whole numbers",
                matrix.genes[g], matrix.samples[s], matrix.values[pos]
            )));
        }
        Ok(matrix)
    }

    /// The counts of a [`CountTable`] read by `gptomics-seqio`.
    ///
    /// # Errors
    /// As [`CountMatrix::new`].
    pub fn from_table(table: &CountTable) -> Result<Self> {
        let values = table.counts().iter().map(|&c| c as f64).collect();
        // A table's genes and samples are unique already: its reader and `select_samples` refuse repeats.
        Self::shaped(table.genes().to_vec(), table.samples().to_vec(), values)
    }

    fn checked(genes: Vec<String>, samples: Vec<String>, values: Vec<f64>) -> Result<Self> {
        let matrix = Self::shaped(genes, samples, values)?;
        if let Some(dup) = first_duplicate(&matrix.samples) {
            return Err(Error::invalid(format!("sample `{dup}` appears twice in the count matrix")));
        }
        if let Some(dup) = first_duplicate(&matrix.genes) {
            return Err(Error::invalid(format!("gene `{dup}` appears twice in the count matrix")));
        }
        Ok(matrix)
    }

    /// The shape checks of [`CountMatrix::checked`], without looking for repeated names.
    fn shaped(genes: Vec<String>, samples: Vec<String>, values: Vec<f64>) -> Result<Self> {
        if genes.is_empty() || samples.is_empty() {
            return Err(Error::invalid("the count matrix has no genes or no samples"));
        }
        if values.len() != genes.len() * samples.len() {
            return Err(Error::invalid(format!(
                "{} counts given for {} genes × {} samples",
                values.len(),
                genes.len(),
                samples.len()
            )));
        }
        Ok(Self { genes, samples, values })
    }

    /// Gene ids, in row order.
    pub fn genes(&self) -> &[String] {
        &self.genes
    }

    /// Sample names, in column order.
    pub fn samples(&self) -> &[String] {
        &self.samples
    }

    /// Number of genes.
    pub fn n_genes(&self) -> usize {
        self.genes.len()
    }

    /// Number of samples.
    pub fn n_samples(&self) -> usize {
        self.samples.len()
    }

    /// One gene's counts across samples.
    #[inline]
    pub fn row(&self, gene: usize) -> &[f64] {
        let n = self.samples.len();
        &self.values[gene * n..(gene + 1) * n]
    }

    /// All counts, row-major.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The same matrix with some counts replaced (DESeq2's outlier replacement).
    pub(crate) fn with_values(&self, values: Vec<f64>) -> Self {
        Self { genes: self.genes.clone(), samples: self.samples.clone(), values }
    }
}

fn first_duplicate(names: &[String]) -> Option<&str> {
    let mut seen = std::collections::HashSet::new();
    names.iter().find(|n| !seen.insert(n.as_str())).map(String::as_str)
}
