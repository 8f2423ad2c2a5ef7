//! GPT-2 (tiny to XL) for gptomics, in burn 0.21, number for number HuggingFace's `transformers` GPT-2.
//!
//! The model is generic over burn's `Backend`: [`backend::Cpu`] (NdArray) by default, CUDA with the `cuda`
//! feature. It loads HuggingFace checkpoints (`config.json` + `model.safetensors`, with or without the
//! `transformer.` prefix) and writes them back, so models move freely between this crate and `transformers`.
//! Checked against a `transformers` dump (`scripts/make_gpt2_fixture.py`): logits, every hidden state and
//! attention map, classifier logits, the LM loss and gradients.
//!
//! ```
//! use gptomics_gpt2::{backend::Cpu, ForwardOptions, Gpt2Config, Gpt2LmHeadModel, Input};
//!
//! # fn main() -> gptomics_gpt2::Result<()> {
//! let device = Default::default();
//! let config = Gpt2Config::tiny().with_vocab_size(16);
//! let model = Gpt2LmHeadModel::<Cpu>::new(&config, &device)?;
//! let input = Input::<Cpu>::right_padded(&[vec![1, 2, 3], vec![4, 5]], 0, 16, &device)?;
//! let out = model.forward(input.ids, Some(input.attention_mask), ForwardOptions::default(), None)?;
//! assert_eq!(out.logits.dims(), [2, 3, 16]);
//! # Ok(())
//! # }
//! ```

pub mod attention;
pub mod backend;
pub mod batch;
pub mod block;
pub mod cache;
pub mod classifier;
pub mod config;
pub mod error;
pub mod generate;
pub mod hf_config;
mod init;
pub mod lm;
pub mod loss;
pub mod mlp;
pub mod model;
pub mod pretrained;
pub mod throughput;
pub mod weights;

pub use batch::Input;
pub use cache::KvCache;
pub use classifier::{ClassifierOutput, Gpt2ForSequenceClassification, Pooling};
pub use config::{Activation, Gpt2Config};
pub use error::{Error, Result};
pub use generate::GenerationConfig;
pub use hf_config::Gpt2FileConfig;
pub use lm::{Gpt2LmHeadModel, LastToken, LmOutput};
pub use model::{ForwardOptions, Gpt2Model, Gpt2Output};
pub use weights::LoadReport;
