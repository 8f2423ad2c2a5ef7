//! Integration tests of `gptomics-gpt2`, in one binary: each test binary instantiates burn's kernels anew
//! at opt-level 2, so one binary instead of four saves minutes of build time. The f64 gradient check is
//! separate (`gradients.rs`).

mod fixture;
mod generate;
mod parity;
mod weights;
