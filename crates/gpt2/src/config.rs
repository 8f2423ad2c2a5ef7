//! `Gpt2Config`: the model's hyper-parameters, the four OpenAI presets and a `tiny` one for tests.
//!
//! Field names and defaults are HuggingFace's `GPT2Config` (so that `config.json` maps one to one, see
//! [`crate::hf_config`]). Parameter counts are computed from the config alone, with the LM head tied
//! to `wte` as in GPT-2, so a user can size a model before allocating it.

use burn::config::Config;

// `Result` is not imported: burn's `Config` derive expands to `Result<_, _>`.
use crate::error::Error;

/// The MLP's non-linearity (HuggingFace's `activation_function`).
#[derive(Config, Debug, Copy, PartialEq, Eq)]
pub enum Activation {
    /// GPT-2's GELU, the tanh approximation (`gelu_new`, also `gelu_pytorch_tanh`).
    GeluNew,
    /// The exact (erf) GELU (`gelu`).
    Gelu,
    /// ReLU (`relu`).
    Relu,
}

/// GPT-2's hyper-parameters. Build with a preset ([`Gpt2Config::small`] …) or [`Gpt2Config::new`]
/// and the `with_*` setters that burn's `Config` derive generates.
#[derive(Config, Debug)]
pub struct Gpt2Config {
    /// Vocabulary size (50,257 for OpenAI's byte-level BPE).
    pub vocab_size: usize,
    /// Longest sequence, the size of the position table `wpe`.
    pub n_positions: usize,
    /// Width of the residual stream.
    pub n_embd: usize,
    /// Number of transformer blocks.
    pub n_layer: usize,
    /// Attention heads per block; must divide `n_embd`.
    pub n_head: usize,
    /// Hidden width of the MLP; `None` is GPT-2's 4 × `n_embd`.
    #[config(default = "None")]
    pub n_inner: Option<usize>,
    /// The MLP's non-linearity.
    #[config(default = "Activation::GeluNew")]
    pub activation: Activation,
    /// Dropout on the residual branches (attention and MLP outputs).
    #[config(default = 0.1)]
    pub resid_pdrop: f64,
    /// Dropout on token + position embeddings.
    #[config(default = 0.1)]
    pub embd_pdrop: f64,
    /// Dropout on the attention probabilities.
    #[config(default = 0.1)]
    pub attn_pdrop: f64,
    /// LayerNorm epsilon.
    #[config(default = 1e-5)]
    pub layer_norm_epsilon: f64,
    /// Standard deviation of the normal initialisation.
    #[config(default = 0.02)]
    pub initializer_range: f64,
    /// Token id used for padding; the classification head uses it to find each sequence's last token when
    /// no attention mask is given (as HuggingFace does).
    #[config(default = "None")]
    pub pad_token_id: Option<u32>,
}

impl Gpt2Config {
    /// A 2-layer, 128-wide model (4 heads, 256 positions) for tests and CPU experiments on DNA vocabularies.
    pub fn tiny() -> Self {
        Self::new(50257, 256, 128, 2, 4)
    }

    /// GPT-2 small, 124 M parameters: 12 layers, 768 wide, 12 heads.
    pub fn small() -> Self {
        Self::new(50257, 1024, 768, 12, 12)
    }

    /// GPT-2 medium, 355 M parameters: 24 layers, 1024 wide, 16 heads.
    pub fn medium() -> Self {
        Self::new(50257, 1024, 1024, 24, 16)
    }

    /// GPT-2 large, 774 M parameters: 36 layers, 1280 wide, 20 heads.
    pub fn large() -> Self {
        Self::new(50257, 1024, 1280, 36, 20)
    }

    /// GPT-2 XL, 1,558 M parameters: 48 layers, 1600 wide, 25 heads (the paper's model).
    pub fn xl() -> Self {
        Self::new(50257, 1024, 1600, 48, 25)
    }

    /// A preset by name: `tiny`, `small`, `medium`, `large` or `xl` (also `gpt2`, `gpt2-medium`, …).
    pub fn preset(name: &str) -> crate::Result<Self> {
        match name {
            "tiny" => Ok(Self::tiny()),
            "small" | "gpt2" => Ok(Self::small()),
            "medium" | "gpt2-medium" => Ok(Self::medium()),
            "large" | "gpt2-large" => Ok(Self::large()),
            "xl" | "gpt2-xl" => Ok(Self::xl()),
            other => Err(Error::InvalidConfig(format!("unknown preset {other:?} (tiny, small, medium, large, xl)"))),
        }
    }

    /// The same model with another vocabulary size (e.g. a DNA tokenizer's), for training from scratch.
    pub fn with_vocab_size(mut self, vocab_size: usize) -> Self {
        self.vocab_size = vocab_size;
        self
    }

    /// The same model with another position table size.
    pub fn with_n_positions(mut self, n_positions: usize) -> Self {
        self.n_positions = n_positions;
        self
    }

    /// The MLP's hidden width.
    pub fn inner_dim(&self) -> usize {
        self.n_inner.unwrap_or(4 * self.n_embd)
    }

    /// Width of one attention head.
    pub fn head_dim(&self) -> usize {
        self.n_embd / self.n_head.max(1)
    }

    /// Checks what the model's shapes rely on.
    pub fn validate(&self) -> crate::Result<()> {
        let positive = [
            ("vocab_size", self.vocab_size),
            ("n_positions", self.n_positions),
            ("n_embd", self.n_embd),
            ("n_layer", self.n_layer),
            ("n_head", self.n_head),
            ("n_inner", self.inner_dim()),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(Error::InvalidConfig(format!("{name} must be at least 1")));
        }
        if !self.n_embd.is_multiple_of(self.n_head) {
            return Err(Error::InvalidConfig(format!(
                "n_embd {} is not divisible by n_head {}",
                self.n_embd, self.n_head
            )));
        }
        for (name, p) in
            [("resid_pdrop", self.resid_pdrop), ("embd_pdrop", self.embd_pdrop), ("attn_pdrop", self.attn_pdrop)]
        {
            if !(0.0..1.0).contains(&p) {
                return Err(Error::InvalidConfig(format!("{name} {p} is not in [0, 1)")));
            }
        }
        Ok(())
    }

    /// Parameters of the transformer with the LM head tied to `wte` (HuggingFace's `num_parameters()`):
    /// embeddings `V·C + P·C`, per block two LayerNorms `4C`, attention `C·3C + 3C + C·C + C`, MLP
    /// `C·I + I + I·C + C`, and the final LayerNorm `2C`.
    pub fn num_params(&self) -> usize {
        let (c, i) = (self.n_embd, self.inner_dim());
        let block = 4 * c + (c * 3 * c + 3 * c) + (c * c + c) + (c * i + i) + (i * c + c);
        self.vocab_size * c + self.n_positions * c + self.n_layer * block + 2 * c
    }

    /// FLOPs per token of a training step, llm.c's estimate: `6·N + 6·n_layer·n_embd·T`
    /// (matmuls forward and backward, plus attention scores over `seq_len` positions).
    pub fn train_flops_per_token(&self, seq_len: usize) -> f64 {
        6.0 * self.num_params() as f64 + 6.0 * (self.n_layer * self.n_embd * seq_len) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// HuggingFace's `GPT2LMHeadModel(GPT2Config.from_pretrained(name)).num_parameters()` (tied head).
    #[test]
    fn test_num_params_presets_match_huggingface() {
        assert_eq!(Gpt2Config::small().num_params(), 124_439_808);
        assert_eq!(Gpt2Config::medium().num_params(), 354_823_168);
        assert_eq!(Gpt2Config::large().num_params(), 774_030_080);
        assert_eq!(Gpt2Config::xl().num_params(), 1_557_611_200);
    }

    #[test]
    fn test_validate() {
        assert!(Gpt2Config::xl().validate().is_ok());
        let bad = Gpt2Config::new(10, 8, 30, 1, 4);
        assert!(matches!(bad.validate(), Err(Error::InvalidConfig(m)) if m.contains("divisible")));
        let zero = Gpt2Config::new(10, 0, 32, 1, 4);
        assert!(zero.validate().is_err());
        assert!(Gpt2Config::preset("huge").is_err());
    }
}
