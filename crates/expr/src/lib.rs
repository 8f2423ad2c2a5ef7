//! Expression statistics for gptomics: DESeq2-grade differential expression, normalisation, tests and plots.
//!
//! Count tables and sample sheets arrive from `gptomics-seqio`. The crate stands beside the sequence path
//! (`seqio → tokenize → gpt2 → train`).

// Numerical loops here mirror the R and C++ code they reproduce, index for index; iterator rewrites
// would make them harder to check against the reference.
#![allow(clippy::needless_range_loop)]

pub mod deseq2;
pub mod design;
mod error;
pub mod linalg;
mod rmath;

pub use self::error::{Error, Result};
