//! Expression statistics for gptomics: DESeq2-grade differential expression, normalisation, tests and plots.
//!
//! Count tables and sample sheets arrive from `gptomics-seqio`. The crate stands beside the sequence path
//! (`seqio → tokenize → gpt2 → train`).
//!
//! Beside DESeq2: [`normalize`], [`hypothesis`], [`correlation`], [`pca`], [`enrichment`], [`gene_sets`], [`plots`].

// Numerical loops here mirror the R and C++ code they reproduce, index for index; iterator rewrites
// would make them harder to check against the reference.
#![allow(clippy::needless_range_loop)]

pub mod deseq2;
pub mod design;
mod error;
pub mod linalg;
mod rmath;

pub mod correlation;
pub mod enrichment;
pub mod gene_sets;
pub mod hypothesis;
pub mod normalize;
pub mod pca;
pub mod plots;

pub use self::error::{Error, Result};
