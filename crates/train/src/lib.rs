//! Training, evaluation, inference, embeddings and attention attribution for gptomics.
//!
//! This crate turns token ids from `gptomics-tokenize` and a model from `gptomics-gpt2` into trained models,
//! predictions, embeddings and attention-derived motif reports. It is filled by the training issue.
