//! The one error type of `gptomics-expr`.
//!
//! Statistics fail on their inputs, not on files: an error says which gene, sample, column or level is at
//! fault and why, so a user can fix the count table, the sample sheet or the design. File errors from
//! reading tables come through [`Error::Seqio`] with their own file, line and record.

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Any failure of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a table failed (the inner error names the file and line).
    #[error(transparent)]
    Seqio(#[from] gptomics_seqio::Error),
    /// Writing an output file failed.
    #[error("{file}: {source}")]
    Io {
        /// The file being written.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The inputs do not fit together or hold values the method cannot use; the message says which.
    #[error("{0}")]
    InvalidInput(String),
    /// A design formula could not be parsed or does not fit the sample sheet.
    #[error("design `{formula}`: {reason}")]
    Design {
        /// The formula as given.
        formula: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A contrast names a factor, level or coefficient the design does not have.
    #[error("contrast: {0}")]
    Contrast(String),
    /// A numerical method could not produce an answer (for example a trend fit that did not converge).
    #[error("{method}: {reason}")]
    Numerical {
        /// The method that failed.
        method: &'static str,
        /// Why.
        reason: String,
    },
    /// Drawing a plot failed.
    #[error("plot {file}: {reason}")]
    Plot {
        /// The output file.
        file: String,
        /// The drawing backend's message.
        reason: String,
    },
}

impl Error {
    /// An [`Error::InvalidInput`] from anything printable.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidInput(message.into())
    }
}
