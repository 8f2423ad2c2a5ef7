//! `Gpt2LmHeadModel`: the transformer with its language-model head tied to `wte` (HuggingFace's
//! `GPT2LMHeadModel`), and the shifted cross-entropy that `transformers` computes from `labels`.

use burn::module::Module;
use burn::tensor::{Int, Tensor, backend::Backend};

use crate::batch::Input;
use crate::cache::KvCache;
use crate::config::Gpt2Config;
use crate::error::{Error, Result};
use crate::loss;
use crate::model::{ForwardOptions, Gpt2Model, Gpt2Output};

/// Logits and, on request, the transformer's intermediate outputs.
#[derive(Debug, Clone)]
pub struct LmOutput<B: Backend> {
    /// Next-token logits `[B, T, V]`.
    pub logits: Tensor<B, 3>,
    /// The transformer's outputs (final hidden state, optional hidden states and attentions).
    pub transformer: Gpt2Output<B>,
}

/// Per-sequence outputs at the last token, on the host.
#[derive(Debug, Clone, PartialEq)]
pub struct LastToken {
    /// Next-token logits, one `[V]` row per sequence.
    pub logits: Vec<Vec<f32>>,
    /// Final hidden state (after `ln_f`), one `[C]` row per sequence.
    pub hidden: Vec<Vec<f32>>,
}

/// GPT-2 with the LM head. The head has no parameters of its own: it is `wte` transposed.
#[derive(Module, Debug)]
pub struct Gpt2LmHeadModel<B: Backend> {
    /// The transformer (`transformer.*` in checkpoints).
    pub transformer: Gpt2Model<B>,
}

impl<B: Backend> Gpt2LmHeadModel<B> {
    /// A freshly initialised model.
    pub fn new(config: &Gpt2Config, device: &B::Device) -> Result<Self> {
        Ok(Self { transformer: Gpt2Model::new(config, device)? })
    }

    /// Logits for every position; see [`Gpt2Model::forward`] for the arguments.
    pub fn forward(
        &self,
        ids: Tensor<B, 2, Int>,
        attention_mask: Option<Tensor<B, 2, Int>>,
        options: ForwardOptions,
        cache: Option<&mut KvCache<B>>,
    ) -> Result<LmOutput<B>> {
        let transformer = self.transformer.forward(ids, attention_mask, options, cache)?;
        let logits = self.head(transformer.last_hidden.clone());
        Ok(LmOutput { logits, transformer })
    }

    /// The tied head: `[B, T, C]` → `[B, T, V]`.
    pub fn head(&self, hidden: Tensor<B, 3>) -> Tensor<B, 3> {
        let [b, t, c] = hidden.dims();
        let wte = self.transformer.wte.weight.val(); // [V, C]
        let [v, _] = wte.dims();
        hidden.reshape([b * t, c]).matmul(wte.transpose()).reshape([b, t, v]) // [B, T, V]
    }

    /// `transformers`' LM loss: logits at position t predict `labels` at t + 1; labels equal to
    /// [`loss::IGNORE_INDEX`] (-100, e.g. padding) do not count. `logits` `[B, T, V]`, `labels` `[B, T]`.
    pub fn loss(logits: Tensor<B, 3>, labels: Tensor<B, 2, Int>) -> Tensor<B, 1> {
        let [b, t, v] = logits.dims();
        let shifted = logits.slice([0..b, 0..t - 1, 0..v]).reshape([b * (t - 1), v]); // [B(T-1), V]
        let targets = labels.slice([0..b, 1..t]).reshape([b * (t - 1)]); // [B(T-1)]
        loss::cross_entropy(shifted, targets)
    }

    /// Logits `[V]` and final hidden state `[C]` at each sequence's last token (by the attention mask),
    /// read back to the host: what a next-token query or a sequence embedding needs.
    pub fn last_token(&self, input: &Input<B>) -> Result<LastToken> {
        let mask = input.attention_mask.clone();
        let out = self.forward(input.ids.clone(), Some(mask.clone()), ForwardOptions::default(), None)?;
        let [b, t, v] = out.logits.dims();
        let [_, _, c] = out.transformer.last_hidden.dims();
        let positions = Tensor::<B, 1, Int>::arange(0..t as i64, &mask.device()).reshape([1, t]).expand([b, t]);
        let last = (positions * mask).argmax(1).reshape([b, 1, 1]); // [B, 1, 1]
        let pick = |x: Tensor<B, 3>, width: usize| -> Result<Vec<Vec<f32>>> {
            let rows = x.gather(1, last.clone().expand([b, 1, width])).reshape([b, width]); // [B, width]
            let flat: Vec<f32> = rows
                .into_data()
                .convert::<f32>()
                .into_vec()
                .map_err(|e| Error::InvalidInput(format!("could not read outputs back: {e:?}")))?;
            Ok(flat.chunks(width).map(<[f32]>::to_vec).collect())
        };
        Ok(LastToken { logits: pick(out.logits, v)?, hidden: pick(out.transformer.last_hidden, c)? })
    }

    /// Labels for LM training from ids and mask: the ids, with padding set to the ignore index.
    pub fn labels(ids: Tensor<B, 2, Int>, attention_mask: Tensor<B, 2, Int>) -> Tensor<B, 2, Int> {
        ids.mask_fill(attention_mask.equal_elem(0), loss::IGNORE_INDEX)
    }
}
