//! The one error type of the pipeline: input problems found before any work, and the wrapped errors of the
//! crates it composes (each keeps its own file, line and reason).

use std::path::{Path, PathBuf};

/// A `Result` whose error is the pipeline's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Any failure of the pipeline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input that cannot work (a missing file, a design column the sample sheet lacks, a contrast level
    /// with no samples, a genome without the annotation's contigs): found before any stage runs.
    #[error("input: {0}")]
    Input(String),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A stage's saved summary (for `--resume`) cannot be read back.
    #[error("{}: saved stage summary: {reason}; delete the folder or run without --resume", path.display())]
    Resume {
        /// The summary file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// From `gptomics-seqio` (count tables, sample sheets, FASTA, GTF).
    #[error(transparent)]
    Seqio(#[from] gptomics_seqio::Error),
    /// From `gptomics-expr` (DESeq2, gene sets, plots).
    #[error(transparent)]
    Expr(#[from] gptomics_expr::Error),
    /// From `gptomics-tokenize`.
    #[error(transparent)]
    Tokenize(#[from] gptomics_tokenize::Error),
    /// From `gptomics-gpt2`.
    #[error(transparent)]
    Model(#[from] gptomics_gpt2::Error),
    /// From `gptomics-train` (training, metrics, attention).
    #[error(transparent)]
    Train(#[from] gptomics_train::Error),
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io { path: path.to_path_buf(), source }
    }

    /// An [`Error::Input`].
    pub(crate) fn input(reason: impl Into<String>) -> Self {
        Self::Input(reason.into())
    }
}
