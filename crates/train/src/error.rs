//! The one error type of `gptomics-train`.
//!
//! Bad input names its file and line (or record) and the reason; errors of the crates below are wrapped,
//! keeping their own location.

use std::path::PathBuf;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Any failure of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{}: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A data file whose content is not valid (`line` is 1-based; 0 when the whole file is at fault).
    #[error("{}:{line}: {reason}", file.display())]
    Parse {
        /// The file.
        file: PathBuf,
        /// The line (or FASTA record) at fault.
        line: u64,
        /// Why it was rejected.
        reason: String,
    },
    /// A dataset that cannot be used for the task asked (empty, one class, too few for the split, ...).
    #[error("dataset: {0}")]
    Dataset(String),
    /// A sequence that does not fit the model's context and no truncation rule was given.
    #[error(
        "sequence {index} ({id}) has {tokens} tokens but the model takes at most {max}: choose a truncation rule \
         (head, tail or head+tail) or a model with more positions"
    )]
    TooLong {
        /// Position of the sequence in its dataset.
        index: usize,
        /// The sequence's id.
        id: String,
        /// Its length in tokens.
        tokens: usize,
        /// The model's `n_positions`.
        max: usize,
    },
    /// Settings that cannot work together (e.g. a learning rate of zero, a metric the task lacks).
    #[error("invalid settings: {0}")]
    InvalidConfig(String),
    /// A checkpoint that is missing, corrupted, or belongs to another model or run.
    #[error("checkpoint {}: {reason}", dir.display())]
    Checkpoint {
        /// The checkpoint directory.
        dir: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The training loss or the gradient norm became NaN or infinite; the last good checkpoint (if any)
    /// is kept.
    #[error(
        "training {what} is {value} at step {step}: stopped. Lower the learning rate or clip gradients; \
         last good checkpoint: {}",
        last_checkpoint.as_ref().map_or_else(|| "none".to_string(), |p| p.display().to_string())
    )]
    NonFinite {
        /// `"loss"` or `"gradient norm"`.
        what: &'static str,
        /// The value.
        value: f64,
        /// Optimizer step at which it happened (1-based).
        step: u64,
        /// The last checkpoint written before it, kept on disk.
        last_checkpoint: Option<PathBuf>,
    },
    /// Numbers a metric or model cannot be computed from (lengths differ, NaN input, ...).
    #[error("{0}")]
    InvalidInput(String),
    /// From the tokenizer crate.
    #[error(transparent)]
    Tokenize(#[from] gptomics_tokenize::Error),
    /// From the model crate.
    #[error(transparent)]
    Model(#[from] gptomics_gpt2::Error),
    /// From the sequence I/O crate.
    #[error(transparent)]
    Seqio(#[from] gptomics_seqio::Error),
    /// From the statistics crate.
    #[error(transparent)]
    Stats(#[from] gptomics_expr::Error),
}

impl Error {
    /// An I/O error on `file`.
    pub fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io { file: file.into(), source }
    }

    /// A content error in `file` at `line`.
    pub fn parse(file: impl Into<PathBuf>, line: u64, reason: impl Into<String>) -> Self {
        Self::Parse { file: file.into(), line, reason: reason.into() }
    }
}
