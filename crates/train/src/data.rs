//! Labelled sequences: the one in-memory dataset every task, split and metric works on.
//!
//! A [`Dataset`] is columns of equal length (ids, sequences, targets, optional groups) so splits are index
//! lists and a subset is a gather. Targets are class indices into [`Targets::Classes::names`] (sorted label
//! texts, so `0`/`1` files keep their meaning), real values for regression, or nothing for language-model
//! corpora. Readers for DNABERT TSVs and labelled FASTA live in [`read`].

mod bases;
mod fasta;
mod label_table;
mod labels;
pub mod read;
mod rows;

pub use self::read::{LabelSource, TargetKind, read_fasta, read_tsv};

use crate::error::{Error, Result};

/// What each sequence is labelled with.
#[derive(Clone, Debug, PartialEq)]
pub enum Targets {
    /// Class labels: `labels[i]` indexes `names`.
    Classes {
        /// The label texts, sorted (numerically when all are integers, else as text).
        names: Vec<String>,
        /// One class index per sequence.
        labels: Vec<usize>,
    },
    /// One real value per sequence (e.g. log TPM).
    Values(Vec<f64>),
    /// No labels (a pretraining corpus).
    None,
}

impl Targets {
    /// The targets at `indices`, in that order (class names kept whole).
    pub fn subset(&self, indices: &[usize]) -> Self {
        match self {
            Targets::Classes { names, labels } => {
                Targets::Classes { names: names.clone(), labels: indices.iter().map(|&i| labels[i]).collect() }
            }
            Targets::Values(v) => Targets::Values(indices.iter().map(|&i| v[i]).collect()),
            Targets::None => Targets::None,
        }
    }
}

/// Sequences with ids, targets and optional groups (e.g. chromosome) for leakage-free splits.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// One id per sequence (FASTA name, or `line N` for TSVs).
    pub ids: Vec<String>,
    /// The sequences, upper-case bases.
    pub sequences: Vec<Vec<u8>>,
    /// Their targets.
    pub targets: Targets,
    /// Optional group per sequence; grouped splits keep each group on one side.
    pub groups: Option<Vec<String>>,
}

impl Dataset {
    /// Number of sequences.
    pub fn len(&self) -> usize {
        self.sequences.len()
    }

    /// Whether there are no sequences.
    pub fn is_empty(&self) -> bool {
        self.sequences.is_empty()
    }

    /// The length of each sequence, in bases.
    pub fn lengths(&self) -> Vec<usize> {
        self.sequences.iter().map(Vec::len).collect()
    }

    /// Checks that the dataset can train a classifier: class targets with at least two classes present.
    pub fn check_for_classification(&self) -> Result<()> {
        let Targets::Classes { names, labels } = &self.targets else {
            return Err(Error::Dataset("classification needs class labels, and these targets are not classes".into()));
        };
        let Some(&first) = labels.first() else {
            return Err(Error::Dataset("classification needs sequences, and the dataset is empty".into()));
        };
        if labels.iter().all(|&l| l == first) {
            let name = names.get(first).map_or("?", String::as_str);
            return Err(Error::Dataset(format!(
                "only one class ({name:?}) is present: classification needs at least two"
            )));
        }
        Ok(())
    }

    /// Number of classes (0 when the targets are not classes).
    pub fn num_classes(&self) -> usize {
        match &self.targets {
            Targets::Classes { names, .. } => names.len(),
            _ => 0,
        }
    }

    /// Class indices, when the targets are classes.
    pub fn labels(&self) -> Option<&[usize]> {
        match &self.targets {
            Targets::Classes { labels, .. } => Some(labels),
            _ => None,
        }
    }

    /// Regression values, when the targets are values.
    pub fn values(&self) -> Option<&[f64]> {
        match &self.targets {
            Targets::Values(v) => Some(v),
            _ => None,
        }
    }

    /// The sequences at `indices`, in that order (class names are kept whole, so indices stay comparable
    /// across subsets).
    pub fn subset(&self, indices: &[usize]) -> Self {
        let pick = |v: &[String]| indices.iter().map(|&i| v[i].clone()).collect::<Vec<_>>();
        let targets = self.targets.subset(indices);
        Self {
            ids: pick(&self.ids),
            sequences: indices.iter().map(|&i| self.sequences[i].clone()).collect(),
            targets,
            groups: self.groups.as_deref().map(pick),
        }
    }
}
