//! GPT-2's causal self-attention, with a padding mask and an optional KV cache.
//!
//! Two paths compute the same function: burn's fused `attention` op (flash attention on CUDA) when no one
//! asks for the probabilities and no attention dropout is active, and the explicit softmax(QKᵀ/√d)·V
//! otherwise, which returns the probabilities (for attention attribution) and applies dropout in training.
//! Masked scores are set to the dtype's most negative finite value, as `transformers`' eager attention
//! does, so a row whose keys are all masked (a left-padding query) becomes uniform rather than NaN.

use burn::module::Module;
use burn::nn::{Dropout, DropoutConfig, Linear};
use burn::tensor::activation::softmax;
use burn::tensor::module::attention;
use burn::tensor::ops::AttentionModuleOptions;
use burn::tensor::{Bool, Tensor, backend::Backend};

use crate::cache::LayerCache;
use crate::config::Gpt2Config;
use crate::init;

/// Which keys each query may see: causal order plus, optionally, key padding.
#[derive(Debug, Clone)]
pub struct AttentionMask<B: Backend> {
    /// `true` where the key is padding, `[B, 1, 1, Tk]` (broadcast over heads and queries).
    pub(crate) padding: Option<Tensor<B, 4, Bool>>,
}

/// Multi-head causal self-attention (`attn` in GPT-2's checkpoints).
#[derive(Module, Debug)]
pub struct Attention<B: Backend> {
    /// Query, key and value projections in one `[C, 3C]` matrix (GPT-2's `c_attn`).
    pub c_attn: Linear<B>,
    /// Output projection `[C, C]`.
    pub c_proj: Linear<B>,
    attn_dropout: Dropout,
    resid_dropout: Dropout,
    n_head: usize,
    attn_pdrop: f64,
}

impl<B: Backend> Attention<B> {
    /// A freshly initialised layer; `c_proj` gets GPT-2's residual scaling 1/√(2·n_layer).
    pub fn new(config: &Gpt2Config, device: &B::Device) -> Self {
        let c = config.n_embd;
        let std = config.initializer_range;
        let proj_std = std / ((2 * config.n_layer) as f64).sqrt();
        Self {
            c_attn: init::linear(c, 3 * c, std, true, device),
            c_proj: init::linear(c, c, proj_std, true, device),
            attn_dropout: DropoutConfig::new(config.attn_pdrop).init(),
            resid_dropout: DropoutConfig::new(config.resid_pdrop).init(),
            n_head: config.n_head,
            attn_pdrop: config.attn_pdrop,
        }
    }

    /// `x` `[B, T, C]` → `[B, T, C]`, and the attention probabilities `[B, H, T, Tk]` when `want_probs`.
    /// With a cache, keys and values of earlier positions are prepended and this call's are appended.
    pub fn forward(
        &self,
        x: Tensor<B, 3>,
        mask: &AttentionMask<B>,
        cache: Option<&mut LayerCache<B>>,
        want_probs: bool,
    ) -> (Tensor<B, 3>, Option<Tensor<B, 4>>) {
        let [b, t, c] = x.dims();
        let (nh, hd) = (self.n_head, c / self.n_head);
        let qkv = self.c_attn.forward(x); // [B, T, 3C]
        let split = |i: usize| {
            qkv.clone()
                .slice([0..b, 0..t, i * c..(i + 1) * c]) // [B, T, C]
                .reshape([b, t, nh, hd]) // [B, T, nh, hd]
                .swap_dims(1, 2) // [B, nh, T, hd]
        };
        let (q, mut k, mut v) = (split(0), split(1), split(2));
        if let Some(cache) = cache {
            (k, v) = cache.append(k, v); // [B, nh, Tk, hd], Tk = past + T
        }
        let [_, _, tk, _] = k.dims();

        let dropout_active = self.attn_pdrop > 0.0 && B::ad_enabled(&q.device());
        let (y, probs) = if !want_probs && !dropout_active {
            let padding = mask.padding.clone().map(|p| p.expand([b, nh, t, tk]));
            let options = AttentionModuleOptions { scale: None, softcap: None, is_causal: true };
            (attention(q, k, v, padding, None, options), None) // [B, nh, T, hd]
        } else {
            let scores = q.matmul(k.swap_dims(2, 3)) / (hd as f64).sqrt(); // [B, nh, T, Tk]
            let masked = causal_mask::<B>(t, tk, &scores.device()).expand([b, nh, t, tk]);
            let masked = match &mask.padding {
                Some(p) => masked.bool_or(p.clone().expand([b, nh, t, tk])),
                None => masked,
            };
            let fill = scores.dtype().finfo().map_or(f64::from(f32::MIN), |f| f.min);
            let probs = softmax(scores.mask_fill(masked, fill), 3); // [B, nh, T, Tk]
            let y = self.attn_dropout.forward(probs.clone()).matmul(v); // [B, nh, T, hd]
            (y, want_probs.then_some(probs))
        };
        let y = y.swap_dims(1, 2).reshape([b, t, c]); // [B, T, C]
        (self.resid_dropout.forward(self.c_proj.forward(y)), probs)
    }
}

/// `true` above the causal diagonal, aligned bottom-right: query `i` of `tq` (the last `tq` of `tk` positions)
/// sees keys `0..=tk - tq + i`. `[1, 1, Tq, Tk]`.
fn causal_mask<B: Backend>(tq: usize, tk: usize, device: &B::Device) -> Tensor<B, 4, Bool> {
    let offset = (tk - tq) as i64;
    let rows =
        Tensor::<B, 1, burn::tensor::Int>::arange(offset..offset + tq as i64, device).reshape([tq, 1]).expand([tq, tk]);
    let cols = Tensor::<B, 1, burn::tensor::Int>::arange(0..tk as i64, device).reshape([1, tk]).expand([tq, tk]);
    cols.greater(rows).reshape([1, 1, tq, tk])
}
