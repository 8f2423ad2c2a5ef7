//! Training, evaluation, inference, embeddings and attention attribution for gptomics.
//!
//! This crate turns labelled sequences, a tokenizer from `gptomics-tokenize` and a GPT-2 from
//! `gptomics-gpt2` into trained models, predictions, embeddings and attention-derived motif reports.
//!
//! | module | holds |
//! |---|---|
//! | [`data`] | the [`Dataset`] type and its readers (DNABERT TSV, labelled FASTA, label tables) |
//! | [`split`] | stratified and grouped train/validation/test splits, k-fold cross-validation |
//! | [`metrics`] | classification and regression metrics, length-binned evaluation |
//! | [`baseline`] | k-mer-frequency logistic and ridge regression, the yardstick beside every model |
//! | [`motifs`] | high-attention regions and their k-mers' enrichment (Fisher, Benjamini–Hochberg) |
//! | [`io`] | atomic file writes |
//! | [`rng`] | the seeded generator behind splits, shuffles and simulated data |

pub mod baseline;
pub mod data;
mod error;
pub mod io;
pub mod metrics;
pub mod motifs;
pub mod rng;
pub mod split;

pub use self::{
    data::{Dataset, Targets},
    error::{Error, Result},
};
pub mod attribution;
pub mod checkpoint;
pub mod clip;
pub mod config;
pub mod embed;
pub mod encode;
pub mod log;
mod objective;
pub mod predict;
pub mod schedule;
pub mod simulate;
pub mod task;
pub mod trainer;
pub mod workflow;
