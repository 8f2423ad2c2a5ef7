//! `Gpt2Model`: GPT-2's transformer without a head (HuggingFace's `GPT2Model`, `transformer` in checkpoints).
//!
//! Token + position embeddings, `n_layer` pre-LayerNorm blocks, a final LayerNorm. Position ids run from
//! the cache length upward whatever the padding, as `transformers` does when no `position_ids` are given,
//! so right padding reproduces HuggingFace exactly; with left padding only the padding positions differ.

use burn::module::Module;
use burn::nn::{Dropout, DropoutConfig, Embedding, LayerNorm, LayerNormConfig};
use burn::tensor::{Int, Tensor, backend::Backend};

use crate::attention::AttentionMask;
use crate::block::Block;
use crate::cache::KvCache;
use crate::config::Gpt2Config;
use crate::error::{Error, Result};

/// Which optional outputs [`Gpt2Model::forward`] returns.
#[derive(Debug, Clone, Copy, Default)]
pub struct ForwardOptions {
    /// Every layer's hidden state (HuggingFace's `output_hidden_states`).
    pub hidden_states: bool,
    /// Every layer's attention probabilities (HuggingFace's `output_attentions`); forces the unfused path.
    pub attentions: bool,
}

/// The transformer's outputs.
#[derive(Debug, Clone)]
pub struct Gpt2Output<B: Backend> {
    /// The final LayerNorm's output `[B, T, C]`.
    pub last_hidden: Tensor<B, 3>,
    /// `n_layer + 1` tensors `[B, T, C]` when asked: the embeddings, the output of each block but the
    /// last, and then `last_hidden` (HuggingFace's order: the last entry is after `ln_f`).
    pub hidden_states: Vec<Tensor<B, 3>>,
    /// `n_layer` tensors `[B, n_head, T, Tk]` when asked.
    pub attentions: Vec<Tensor<B, 4>>,
}

/// GPT-2's transformer. Field names are the checkpoint's (`wte`, `wpe`, `h`, `ln_f`).
#[derive(Module, Debug)]
pub struct Gpt2Model<B: Backend> {
    /// Token embeddings `[V, C]`, also the tied LM head.
    pub wte: Embedding<B>,
    /// Learned position embeddings `[P, C]`.
    pub wpe: Embedding<B>,
    /// The blocks.
    pub h: Vec<Block<B>>,
    /// Final LayerNorm.
    pub ln_f: LayerNorm<B>,
    drop: Dropout,
    #[module(skip)]
    config: Gpt2Config,
}

impl<B: Backend> Gpt2Model<B> {
    /// A freshly initialised transformer (normal(0, `initializer_range`) embeddings and weights).
    pub fn new(config: &Gpt2Config, device: &B::Device) -> Result<Self> {
        config.validate()?;
        let embedding = |n: usize| Embedding {
            weight: burn::module::Initializer::Normal { mean: 0.0, std: config.initializer_range }
                .init([n, config.n_embd], device),
        };
        Ok(Self {
            wte: embedding(config.vocab_size),
            wpe: embedding(config.n_positions),
            h: (0..config.n_layer).map(|_| Block::new(config, device)).collect(),
            ln_f: LayerNormConfig::new(config.n_embd).with_epsilon(config.layer_norm_epsilon).init(device),
            drop: DropoutConfig::new(config.embd_pdrop).init(),
            config: config.clone(),
        })
    }

    /// Runs the transformer on `ids` `[B, T]`. `attention_mask` `[B, Tk]` (1 = token, 0 = padding; `Tk` =
    /// cached + T) hides padding keys. With a cache, `ids` are the next positions after the cached ones.
    ///
    /// Ids must be below `vocab_size` (batches built by [`crate::batch`] are checked); a sequence longer than
    /// the position table is an error.
    pub fn forward(
        &self,
        ids: Tensor<B, 2, Int>,
        attention_mask: Option<Tensor<B, 2, Int>>,
        options: ForwardOptions,
        mut cache: Option<&mut KvCache<B>>,
    ) -> Result<Gpt2Output<B>> {
        let [b, t] = ids.dims();
        let past = cache.as_ref().map_or(0, |c| c.len);
        if past + t > self.config.n_positions {
            return Err(Error::InvalidInput(format!(
                "{} positions (cached {past} + {t}) exceed n_positions {}",
                past + t,
                self.config.n_positions
            )));
        }
        let padding = match attention_mask {
            Some(m) => {
                let [mb, tk] = m.dims();
                if mb != b || tk != past + t {
                    return Err(Error::InvalidInput(format!(
                        "attention mask is [{mb}, {tk}], expected [{b}, {}]",
                        past + t
                    )));
                }
                Some(m.equal_elem(0).reshape([b, 1, 1, tk])) // [B, 1, 1, Tk]
            }
            None => None,
        };
        let mask = AttentionMask { padding };

        let device = ids.device();
        let positions = Tensor::<B, 1, Int>::arange(past as i64..(past + t) as i64, &device).reshape([1, t]);
        let tok = self.wte.forward(ids); // [B, T, C]
        let [_, _, c] = tok.dims();
        let pos = self.wpe.forward(positions).expand([b, t, c]); // [B, T, C]
        let mut x = self.drop.forward(tok + pos); // [B, T, C]

        let mut hidden_states = Vec::new();
        let mut attentions = Vec::new();
        for (i, block) in self.h.iter().enumerate() {
            if options.hidden_states {
                hidden_states.push(x.clone());
            }
            let layer_cache = cache.as_deref_mut().map(|c| &mut c.layers[i]);
            let (y, probs) = block.forward(x, &mask, layer_cache, options.attentions);
            x = y; // [B, T, C]
            attentions.extend(probs);
        }
        if let Some(cache) = cache {
            cache.len += t;
        }
        let last_hidden = self.ln_f.forward(x); // [B, T, C]
        if options.hidden_states {
            hidden_states.push(last_hidden.clone());
        }
        Ok(Gpt2Output { last_hidden, hidden_states, attentions })
    }

    /// The configuration the model was built from.
    pub fn config(&self) -> &Gpt2Config {
        &self.config
    }

    /// The float type of the parameters (f32, or bf16/f16 on CUDA).
    pub fn dtype(&self) -> burn::tensor::DType {
        self.wte.weight.val().dtype()
    }
}
