//! `Gpt2FileConfig`: HuggingFace's GPT-2 `config.json`, read and written.
//!
//! It mirrors the upstream file (serde, HuggingFace's defaults for absent keys) and converts into
//! [`Gpt2Config`]. Options of `GPT2Config` that change the arithmetic and that we do not reproduce
//! (`scale_attn_by_inverse_layer_idx`, unscaled attention, cross-attention) are rejected rather than ignored:
//! a model that loads must compute what `transformers` computes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{Activation, Gpt2Config};
use crate::error::{Error, Result};

/// The keys of a HuggingFace GPT-2 `config.json` that matter to the model. Unknown keys are ignored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Gpt2FileConfig {
    /// Always `"gpt2"` for files we write.
    pub model_type: String,
    /// The HuggingFace class names, e.g. `["GPT2LMHeadModel"]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<String>,
    /// Vocabulary size.
    pub vocab_size: usize,
    /// Position table size (older files also write `n_ctx`, read as a fallback).
    pub n_positions: usize,
    /// Older name of `n_positions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_ctx: Option<usize>,
    /// Residual width.
    pub n_embd: usize,
    /// Blocks.
    pub n_layer: usize,
    /// Heads.
    pub n_head: usize,
    /// MLP width (`null` = 4 × `n_embd`).
    pub n_inner: Option<usize>,
    /// `gelu_new`, `gelu_pytorch_tanh`, `gelu` or `relu`.
    pub activation_function: String,
    /// Residual dropout.
    pub resid_pdrop: f64,
    /// Embedding dropout.
    pub embd_pdrop: f64,
    /// Attention dropout.
    pub attn_pdrop: f64,
    /// LayerNorm epsilon.
    pub layer_norm_epsilon: f64,
    /// Initialisation standard deviation.
    pub initializer_range: f64,
    /// Padding token id.
    pub pad_token_id: Option<u32>,
    /// Beginning-of-sequence id.
    pub bos_token_id: Option<u32>,
    /// End-of-sequence id.
    pub eos_token_id: Option<u32>,
    /// Scale attention scores by 1/sqrt(head_dim) (GPT-2: true; false is not reproduced).
    pub scale_attn_weights: bool,
    /// Extra 1/(layer+1) scaling (not reproduced).
    pub scale_attn_by_inverse_layer_idx: bool,
    /// Computes attention in f32 with the scale applied first: the same numbers up to rounding, accepted.
    pub reorder_and_upcast_attn: bool,
    /// Cross-attention layers (encoder–decoder use; not reproduced).
    pub add_cross_attention: bool,
    /// The LM head shares `wte` (GPT-2 always does; an untied head is not reproduced).
    pub tie_word_embeddings: bool,
    /// Number of outputs of a sequence classification / regression head.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_labels: Option<usize>,
    /// Label names of a classification head, by index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id2label: Option<BTreeMap<String, String>>,
    /// `regression`, `single_label_classification` or `multi_label_classification`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// Our key: `"mean"` when a classifier pools by the mean rather than HuggingFace's last token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gptomics_pooling: Option<String>,
}

impl Default for Gpt2FileConfig {
    /// HuggingFace's `GPT2Config()` defaults (GPT-2 small).
    fn default() -> Self {
        Self {
            model_type: "gpt2".into(),
            architectures: Vec::new(),
            vocab_size: 50257,
            n_positions: 1024,
            n_ctx: None,
            n_embd: 768,
            n_layer: 12,
            n_head: 12,
            n_inner: None,
            activation_function: "gelu_new".into(),
            resid_pdrop: 0.1,
            embd_pdrop: 0.1,
            attn_pdrop: 0.1,
            layer_norm_epsilon: 1e-5,
            initializer_range: 0.02,
            pad_token_id: None,
            bos_token_id: Some(50256),
            eos_token_id: Some(50256),
            scale_attn_weights: true,
            scale_attn_by_inverse_layer_idx: false,
            reorder_and_upcast_attn: false,
            add_cross_attention: false,
            tie_word_embeddings: true,
            num_labels: None,
            id2label: None,
            problem_type: None,
            gptomics_pooling: None,
        }
    }
}

impl Gpt2FileConfig {
    /// Reads a `config.json`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { file: path.to_path_buf(), source })?;
        Self::from_json(&text).map_err(|e| match e {
            Error::Config { reason, .. } => Error::Config { file: path.to_path_buf(), reason },
            other => other,
        })
    }

    /// Parses `config.json` text.
    pub fn from_json(text: &str) -> Result<Self> {
        let mut cfg: Self = serde_json::from_str(text)
            .map_err(|e| Error::Config { file: Default::default(), reason: format!("not a GPT-2 config.json: {e}") })?;
        // Files that only carry the old name `n_ctx` keep HuggingFace's meaning of it.
        if let Some(n_ctx) = cfg.n_ctx
            && !text.contains("\"n_positions\"")
        {
            cfg.n_positions = n_ctx;
        }
        Ok(cfg)
    }

    /// The outputs of a classification / regression head: `num_labels`, else the size of `id2label`, else 2
    /// (HuggingFace's default).
    pub fn num_labels(&self) -> usize {
        self.num_labels.or_else(|| self.id2label.as_ref().map(BTreeMap::len)).unwrap_or(2)
    }

    /// The model configuration, or an error naming the option we cannot reproduce.
    pub fn into_config(self) -> Result<Gpt2Config> {
        let reject = |reason: String| Error::Config { file: Default::default(), reason };
        if self.model_type != "gpt2" {
            return Err(reject(format!("model_type {:?} is not gpt2", self.model_type)));
        }
        if !self.scale_attn_weights {
            return Err(reject("scale_attn_weights = false is not supported".into()));
        }
        if self.scale_attn_by_inverse_layer_idx {
            return Err(reject("scale_attn_by_inverse_layer_idx = true is not supported".into()));
        }
        if !self.tie_word_embeddings {
            return Err(reject("tie_word_embeddings = false (an untied LM head) is not supported".into()));
        }
        if self.add_cross_attention {
            return Err(reject("add_cross_attention = true is not supported".into()));
        }
        let activation = match self.activation_function.as_str() {
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Activation::GeluNew,
            "gelu" => Activation::Gelu,
            "relu" => Activation::Relu,
            other => return Err(reject(format!("activation_function {other:?} is not supported"))),
        };
        let config = Gpt2Config::new(self.vocab_size, self.n_positions, self.n_embd, self.n_layer, self.n_head)
            .with_n_inner(self.n_inner)
            .with_activation(activation)
            .with_resid_pdrop(self.resid_pdrop)
            .with_embd_pdrop(self.embd_pdrop)
            .with_attn_pdrop(self.attn_pdrop)
            .with_layer_norm_epsilon(self.layer_norm_epsilon)
            .with_initializer_range(self.initializer_range)
            .with_pad_token_id(self.pad_token_id);
        config.validate()?;
        Ok(config)
    }

    /// The file form of `config` (for export), with `architectures` naming the HuggingFace class.
    pub fn from_config(config: &Gpt2Config, architecture: &str) -> Self {
        let activation_function = match config.activation {
            Activation::GeluNew => "gelu_new",
            Activation::Gelu => "gelu",
            Activation::Relu => "relu",
        };
        Self {
            architectures: vec![architecture.to_string()],
            vocab_size: config.vocab_size,
            n_positions: config.n_positions,
            n_embd: config.n_embd,
            n_layer: config.n_layer,
            n_head: config.n_head,
            n_inner: config.n_inner,
            activation_function: activation_function.into(),
            resid_pdrop: config.resid_pdrop,
            embd_pdrop: config.embd_pdrop,
            attn_pdrop: config.attn_pdrop,
            layer_norm_epsilon: config.layer_norm_epsilon,
            initializer_range: config.initializer_range,
            pad_token_id: config.pad_token_id,
            // GPT-2's <|endoftext|> only where the vocabulary is OpenAI's; a DNA vocabulary has no such id.
            bos_token_id: (config.vocab_size == 50257).then_some(50256),
            eos_token_id: (config.vocab_size == 50257).then_some(50256),
            ..Self::default()
        }
    }

    /// Writes the file as pretty JSON.
    pub fn to_file(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Config { file: path.to_path_buf(), reason: e.to_string() })?;
        std::fs::write(path, text + "\n").map_err(|source| Error::Io { file: path.to_path_buf(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_from_json_defaults_and_n_ctx() -> Result<()> {
        let cfg = Gpt2FileConfig::from_json(r#"{"n_ctx": 512, "n_layer": 2, "vocab_size": 4101}"#)?;
        assert_eq!(cfg.n_positions, 512);
        let model = cfg.into_config()?;
        assert_eq!((model.n_layer, model.n_embd, model.vocab_size), (2, 768, 4101));
        assert_eq!(model.activation, Activation::GeluNew);
        Ok(())
    }

    #[test]
    fn test_rejects_what_we_do_not_compute() {
        let cfg = Gpt2FileConfig::from_json(r#"{"scale_attn_by_inverse_layer_idx": true}"#).unwrap_or_default();
        assert!(matches!(cfg.into_config(), Err(Error::Config { reason, .. }) if reason.contains("inverse_layer")));
        assert!(Gpt2FileConfig::from_json("{not json").is_err());
        let cfg = Gpt2FileConfig::from_json(r#"{"activation_function": "swish"}"#).unwrap_or_default();
        assert!(cfg.into_config().is_err());
    }

    #[test]
    fn test_num_labels() -> Result<()> {
        let cfg = Gpt2FileConfig::from_json(r#"{"id2label": {"0": "a", "1": "b", "2": "c"}}"#)?;
        assert_eq!(cfg.num_labels(), 3);
        Ok(())
    }
}
