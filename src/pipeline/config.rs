//! What the pipeline reads and how it runs: one cohort's input files, and the settings shared by cohorts.

use std::path::PathBuf;

use gptomics_gpt2::Pooling;
use gptomics_train::task::ModelSpec;
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};

/// A DESeq2 contrast of two levels of a factor: `numerator` against `denominator`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContrastSpec {
    /// The sample-sheet column.
    pub factor: String,
    /// The level compared (e.g. `epilepsy`).
    pub numerator: String,
    /// The reference level (e.g. `control`).
    pub denominator: String,
}

impl ContrastSpec {
    /// Parses `FACTOR,NUMERATOR,DENOMINATOR` (the `--contrast` flag).
    pub fn parse(text: &str) -> Result<Self> {
        match text.split(',').map(str::trim).collect::<Vec<_>>()[..] {
            [f, n, d] if !f.is_empty() && !n.is_empty() && !d.is_empty() && n != d => {
                Ok(Self { factor: f.into(), numerator: n.into(), denominator: d.into() })
            }
            _ => Err(Error::input(format!(
                "contrast `{text}`: expected FACTOR,NUMERATOR,DENOMINATOR with two different levels"
            ))),
        }
    }

    /// `numerator_vs_denominator`, the name of its output files.
    pub fn name(&self) -> String {
        format!("{}_vs_{}", self.numerator, self.denominator)
    }
}

/// Where the sample annotations come from.
#[derive(Clone, Debug, Serialize)]
pub enum Metadata {
    /// A CSV/TSV sample sheet with a sample column and one column per variable.
    SampleSheet(PathBuf),
    /// A GEO series matrix (`GSExxx_series_matrix.txt[.gz]`): its characteristics become columns.
    SeriesMatrix(PathBuf),
}

/// The marker gene sets scored per sample.
#[derive(Clone, Debug, Serialize)]
pub enum Markers {
    /// A built-in table: `mouse`, `zebrafish` or `human`.
    Builtin(String),
    /// A `set<TAB>gene` file.
    File(PathBuf),
}

impl Markers {
    /// Reads the `--markers` flag: an existing file is a [`Markers::File`] (so a file named `mouse` in the
    /// working folder is still read), else a built-in name; anything else is a file that `load` will report
    /// missing.
    pub fn parse(text: &str) -> Self {
        let path = std::path::Path::new(text);
        if !path.is_file() && super::markers::ORGANISMS.contains(&text) {
            Self::Builtin(text.to_string())
        } else {
            Self::File(path.to_path_buf())
        }
    }
}

/// One cohort's inputs.
#[derive(Clone, Debug, Serialize)]
pub struct CohortInputs {
    /// A short name, used for the output folder.
    pub name: String,
    /// The count table (genes × samples; CSV/TSV, plain or gzip; GEO style with an `ID` column).
    pub counts: PathBuf,
    /// The sample annotations.
    pub metadata: Metadata,
    /// A count-table column holding gene symbols (GEO's `Gene.name`), read as annotation, not a sample.
    pub gene_name_column: Option<String>,
    /// The DESeq2 design formula, e.g. `~ condition`.
    pub design: String,
    /// Contrasts to test; the first is the main one (disease against control): the classifiers and the
    /// promoter model use it.
    pub contrasts: Vec<ContrastSpec>,
    /// Marker sets scored per sample.
    pub markers: Markers,
    /// Genome FASTA (with or without a `.fai`); with `gtf`, enables the promoter stage.
    pub genome: Option<PathBuf>,
    /// Gene annotation (GTF or GFF3) on `genome`'s contigs.
    pub gtf: Option<PathBuf>,
    /// FASTQ files, for read QC only.
    pub fastq: Vec<PathBuf>,
}

/// How the model stages run (shared by the cohorts of one run).
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// Adjusted p-value cut-off for calling a gene differentially expressed.
    pub alpha: f64,
    /// Promoter window: bases upstream of the TSS.
    pub promoter_upstream: u64,
    /// Promoter window: bases downstream of the TSS.
    pub promoter_downstream: u64,
    /// Tokenizer of promoter sequences (`kmer:6`, `bpe:PATH`).
    pub tokenizer: String,
    /// Model size: `motif` (the default: one layer, 64 wide, 2 heads) or a GPT-2 preset (`tiny` … `xl`).
    pub preset: String,
    /// HuggingFace GPT-2 weights to fine-tune instead of training from scratch.
    pub weights: Option<PathBuf>,
    /// Training epochs of the promoter model (`None`: the per-start default, see [`Settings::promoter_epochs`]).
    pub epochs: Option<usize>,
    /// Unchanged genes drawn per up-regulated gene as the promoter model's background class (fewer if the
    /// genome has fewer).
    pub background_per_up: usize,
    /// Genes per gene sentence (the highest rank-value-normalised ones).
    pub sentence_genes: usize,
    /// Training epochs of each sample classifier (a handful of sentences: a fixed count, no validation).
    pub sentence_epochs: usize,
    /// Seed of every split, initialisation and sample draw.
    pub seed: u64,
    /// Run the model stages (promoters, samples); `false` stops after the expression statistics.
    pub models: bool,
    /// Reuse finished stages of an earlier run in the same output folder.
    pub resume: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            alpha: 0.05,
            promoter_upstream: 200,
            promoter_downstream: 50,
            tokenizer: "kmer:6".into(),
            preset: "motif".into(),
            weights: None,
            epochs: None,
            background_per_up: 20,
            sentence_genes: 256,
            sentence_epochs: 30,
            seed: 42,
            models: true,
            resume: false,
        }
    }
}

impl Settings {
    /// The model to train for a vocabulary of `vocab_size` tokens and inputs of up to `max_len` tokens.
    ///
    /// `motif` is one transformer layer, 64 wide, with 2 heads: its last layer is its only layer, so the
    /// attention from the pooling token is the one path from the tokens to the prediction and the ALRW
    /// regions are a faithful attribution (with two layers, attention regions hit a planted motif in
    /// 32-84 % of runs against ≥ 97 % with one; `crates/train/tests/motif_recovery.rs`). It also trains in
    /// seconds on a CPU. The presets are the GPT-2 sizes; `weights` overrides both.
    pub fn model_spec(&self, vocab_size: usize, max_len: usize) -> Result<ModelSpec> {
        let mut spec = match (&self.weights, self.preset.as_str()) {
            (Some(weights), _) => ModelSpec::pretrained(weights, vocab_size)?,
            (None, "motif") => {
                let mut spec = ModelSpec::preset("tiny", vocab_size)?;
                spec.config.n_layer = 1;
                spec.config.n_embd = 64;
                spec.config.n_head = 2;
                spec
            }
            (None, preset) => ModelSpec::preset(preset, vocab_size)?,
        };
        if self.weights.is_none() {
            spec.config.n_positions = max_len.next_power_of_two().max(64);
        }
        spec.pooling = Pooling::LastToken;
        Ok(spec)
    }

    /// Epochs of the promoter model: `epochs` if set, else 10 (early stopping, patience 3, usually ends
    /// it sooner).
    pub fn promoter_epochs(&self) -> usize {
        self.epochs.unwrap_or(10)
    }
}
