//! The training crate's integration tests, one binary: each test binary instantiates burn's CPU training
//! code again at opt-level 2 (about two CPU-minutes of a cold build each, docs/ci.md), so they share one.
//! `motif_recovery` stays apart: it sets rayon's global pool to one thread, which is per process.

mod bad_input;
mod baseline;
mod data;
mod metrics;
mod motifs;
mod pretrain_embed;
mod resume;
mod split;
mod workflow;

/// burn's CPU backend has one random generator per process: tests that initialise or train models take
/// turns, so each sees the stream its seed gives.
pub static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
