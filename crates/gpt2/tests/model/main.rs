//! Integration tests of `gptomics-gpt2`, in one binary: each test binary instantiates burn's kernels anew
//! at opt-level 2, so one binary instead of four saves minutes of build time.

mod fixture;
mod generate;
mod gradients;
mod parity;
mod weights;
