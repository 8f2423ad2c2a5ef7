//! GPT-2 (tiny to XL) for gptomics, in burn 0.21.
//!
//! The model, generic over burn's `Backend`, loads HuggingFace checkpoints (`model.safetensors` +
//! `config.json`) and runs on the CPU (`NdArray`) or, with the `cuda` feature, on NVIDIA GPUs. It is filled
//! by the GPT-2 issue; the `cuda` feature already exists so that the facade's `cuda` feature, and CI's
//! `cargo check --features cuda`, have a stable name to forward to.
