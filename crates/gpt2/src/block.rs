//! One pre-LayerNorm transformer block: `x + attn(ln_1(x))`, then `x + mlp(ln_2(x))`.

use burn::module::Module;
use burn::nn::{LayerNorm, LayerNormConfig};
use burn::tensor::{Tensor, backend::Backend};

use crate::attention::{Attention, AttentionMask};
use crate::cache::LayerCache;
use crate::config::Gpt2Config;
use crate::mlp::Mlp;

/// A GPT-2 block (`h.{i}` in checkpoints).
#[derive(Module, Debug)]
pub struct Block<B: Backend> {
    /// LayerNorm before attention.
    pub ln_1: LayerNorm<B>,
    /// Causal self-attention.
    pub attn: Attention<B>,
    /// LayerNorm before the MLP.
    pub ln_2: LayerNorm<B>,
    /// Feed-forward.
    pub mlp: Mlp<B>,
}

impl<B: Backend> Block<B> {
    /// A freshly initialised block.
    pub fn new(config: &Gpt2Config, device: &B::Device) -> Self {
        let ln = || LayerNormConfig::new(config.n_embd).with_epsilon(config.layer_norm_epsilon).init(device);
        Self { ln_1: ln(), attn: Attention::new(config, device), ln_2: ln(), mlp: Mlp::new(config, device) }
    }

    /// `[B, T, C]` → `[B, T, C]`, with the attention probabilities when asked.
    pub fn forward(
        &self,
        x: Tensor<B, 3>,
        mask: &AttentionMask<B>,
        cache: Option<&mut LayerCache<B>>,
        want_probs: bool,
    ) -> (Tensor<B, 3>, Option<Tensor<B, 4>>) {
        let (a, probs) = self.attn.forward(self.ln_1.forward(x.clone()), mask, cache, want_probs);
        let x = x + a; // [B, T, C]
        let x = x.clone() + self.mlp.forward(self.ln_2.forward(x)); // [B, T, C]
        (x, probs)
    }
}
