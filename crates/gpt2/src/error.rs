//! The one error type of `gptomics-gpt2`.

use std::path::PathBuf;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Any failure of this crate. Weight errors name the tensor; file errors name the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A HuggingFace `config.json` that is not valid JSON or not a GPT-2 config we can reproduce.
    #[error("{}: {reason}", file.display())]
    Config {
        /// The file (empty when the config came from a string).
        file: PathBuf,
        /// Why it was rejected.
        reason: String,
    },
    /// A configuration whose numbers cannot make a model (e.g. `n_embd` not divisible by `n_head`).
    #[error("invalid GPT-2 configuration: {0}")]
    InvalidConfig(String),
    /// The safetensors file itself could not be read or written.
    #[error("{}: {reason}", file.display())]
    Safetensors {
        /// The file.
        file: PathBuf,
        /// The reader's or writer's message.
        reason: String,
    },
    /// A tensor the model needs is not in the checkpoint.
    #[error("{}: tensor {tensor:?} is missing from the checkpoint", file.display())]
    MissingTensor {
        /// The checkpoint.
        file: PathBuf,
        /// The tensor's HuggingFace name.
        tensor: String,
    },
    /// The checkpoint holds a tensor this model has no place for.
    #[error("{}: unexpected tensor {tensor:?} (not part of this model)", file.display())]
    UnexpectedTensor {
        /// The checkpoint.
        file: PathBuf,
        /// The tensor's name in the file.
        tensor: String,
    },
    /// A tensor whose shape differs from the model's.
    #[error("{}: tensor {tensor:?} has shape {found:?}, the model expects {expected:?}", file.display())]
    ShapeMismatch {
        /// The checkpoint.
        file: PathBuf,
        /// The tensor's HuggingFace name.
        tensor: String,
        /// The model's shape.
        expected: Vec<usize>,
        /// The file's shape.
        found: Vec<usize>,
    },
    /// A tensor that could not be decoded (dtype, truncated data).
    #[error("{}: tensor {tensor:?}: {reason}", file.display())]
    BadTensor {
        /// The checkpoint.
        file: PathBuf,
        /// The tensor's name.
        tensor: String,
        /// Why.
        reason: String,
    },
    /// Model inputs that do not fit the model (ids out of the vocabulary, too long, mismatched shapes).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}
