//! The one error type of `gptomics-tokenize`.

use std::io;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Any failure of this crate. Variants carry what went wrong with which input (sequence index, byte
/// position, token, file).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An empty sequence was given to a tokenizer that cannot encode it.
    #[error("empty sequence")]
    EmptySequence,
    /// A sequence shorter than the tokenizer's k-mer.
    #[error("sequence of {len} bases is shorter than k = {k}")]
    SequenceShorterThanK {
        /// Sequence length.
        len: usize,
        /// k-mer length.
        k: usize,
    },
    /// A byte that is not ASCII (DNA and gene ids are ASCII).
    #[error("non-ASCII byte 0x{byte:02x} at position {position}")]
    NonAscii {
        /// The byte.
        byte: u8,
        /// Its 0-based position in the input.
        position: usize,
    },
    /// A maximum length that cannot even hold the special tokens.
    #[error("max_len {max_len} cannot hold the {specials} special tokens")]
    MaxLenTooSmall {
        /// Requested maximum length.
        max_len: usize,
        /// Special tokens that must be kept.
        specials: usize,
    },
    /// A k outside the supported range.
    #[error("k = {0} is not supported (1..=8)")]
    InvalidK(usize),
    /// A stride of 0.
    #[error("stride must be at least 1")]
    InvalidStride,
    /// A token (or gene id) that the vocabulary does not hold.
    #[error("unknown token {0:?}")]
    UnknownToken(String),
    /// A special token the tokenizer needs is missing from its vocabulary.
    #[error("special token {0:?} is missing from the vocabulary")]
    MissingSpecialToken(String),
    /// A vocabulary file that is not valid.
    #[error("{file}:{line}: {reason}")]
    Vocabulary {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// Why it was rejected.
        reason: String,
    },
    /// Inputs of a batch or a call that do not fit together (e.g. expression vector length vs genes).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A sample name that the count table does not hold.
    #[error("{table}: no sample {sample:?}")]
    UnknownSample {
        /// The sample name asked for.
        sample: String,
        /// The table (its source name).
        table: String,
    },
    /// An expression value that is negative or not finite (NaN, infinite).
    #[error("expression value {value} of gene {gene:?} (position {index}) is negative or not finite")]
    InvalidValue {
        /// 0-based position in the expression vector.
        index: usize,
        /// The gene at that position.
        gene: String,
        /// The value.
        value: f64,
    },
    /// The HuggingFace `tokenizers` library failed (malformed `tokenizer.json`, training error, ...).
    #[error("{context}: {message}")]
    Tokenizers {
        /// What was being done, including the file when there is one.
        context: String,
        /// The library's message.
        message: String,
    },
    /// A sequence of a batch failed; `index` is its position in the batch.
    #[error("sequence {index}: {source}")]
    InBatch {
        /// 0-based position in the batch.
        index: usize,
        /// The sequence's own error.
        #[source]
        source: Box<Error>,
    },
    /// A file could not be read or written.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// An error from reading genomic input (FASTA, count tables) through `gptomics-seqio`.
    #[error(transparent)]
    Seqio(#[from] gptomics_seqio::Error),
}

impl Error {
    /// An I/O error on `file`.
    pub fn io(file: impl Into<String>, source: io::Error) -> Self {
        Self::Io { file: file.into(), source }
    }

    /// An error of the HuggingFace library, with what was being done.
    pub fn tokenizers(context: impl Into<String>, error: impl std::fmt::Display) -> Self {
        Self::Tokenizers { context: context.into(), message: error.to_string() }
    }
}
