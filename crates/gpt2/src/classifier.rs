//! `Gpt2ForSequenceClassification`: one vector per sequence → `num_labels` outputs, for classification
//! (cross-entropy) or regression (mean squared error), as HuggingFace's class of that name.
//!
//! HuggingFace pools the last token that is not padding (the rightmost position whose id differs from
//! `pad_token_id`). We take that position from the attention mask when one is given (the same position for
//! right-padded batches, and correct also when the pad id occurs inside a sequence), else from
//! `pad_token_id`, else the last position. Mean pooling over the tokens is offered besides.

use burn::config::Config;
use burn::module::Module;
use burn::nn::Linear;
use burn::tensor::{Int, Tensor, backend::Backend};

use crate::config::Gpt2Config;
// `Result` is not imported: burn's `Config` derive expands to `Result<_, _>`.

use crate::init;
use crate::model::{ForwardOptions, Gpt2Model, Gpt2Output};

/// How a sequence's hidden states become one vector.
#[derive(Config, Debug, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// The last non-padding token (GPT-2 is causal: only it has seen the whole sequence). HuggingFace's.
    LastToken,
    /// The mean over non-padding tokens.
    Mean,
}

/// Pooled vector, head outputs and the transformer's outputs.
#[derive(Debug, Clone)]
pub struct ClassifierOutput<B: Backend> {
    /// Head outputs `[B, num_labels]` (class logits, or regression values).
    pub logits: Tensor<B, 2>,
    /// The pooled hidden state `[B, C]` (an embedding of the sequence).
    pub pooled: Tensor<B, 2>,
    /// Index of the pooled token per sequence `[B]` (last-token pooling; for attention attribution).
    pub pooled_index: Tensor<B, 1, Int>,
    /// The transformer's outputs.
    pub transformer: Gpt2Output<B>,
}

/// GPT-2 with a bias-free linear head on a pooled token (`score` in checkpoints).
#[derive(Module, Debug)]
pub struct Gpt2ForSequenceClassification<B: Backend> {
    /// The transformer.
    pub transformer: Gpt2Model<B>,
    /// The head `[C, num_labels]` (stored `[num_labels, C]` in PyTorch checkpoints; transposed on load).
    pub score: Linear<B>,
    #[module(skip)]
    pooling: Pooling,
    #[module(skip)]
    pad_token_id: Option<u32>,
}

impl<B: Backend> Gpt2ForSequenceClassification<B> {
    /// A freshly initialised model with `num_labels` outputs.
    pub fn new(config: &Gpt2Config, num_labels: usize, pooling: Pooling, device: &B::Device) -> crate::Result<Self> {
        Ok(Self {
            transformer: Gpt2Model::new(config, device)?,
            score: init::linear(config.n_embd, num_labels, config.initializer_range, false, device),
            pooling,
            pad_token_id: config.pad_token_id,
        })
    }

    /// Replaces the transformer (e.g. with a pretrained one), keeping the head.
    pub fn with_transformer(mut self, transformer: Gpt2Model<B>) -> Self {
        self.transformer = transformer;
        self
    }

    /// The pooling in use.
    pub fn pooling(&self) -> Pooling {
        self.pooling
    }

    /// Number of outputs.
    pub fn num_labels(&self) -> usize {
        self.score.weight.dims()[1]
    }

    /// Head outputs for `ids` `[B, T]` with an optional attention mask `[B, T]`.
    pub fn forward(
        &self,
        ids: Tensor<B, 2, Int>,
        attention_mask: Option<Tensor<B, 2, Int>>,
        options: ForwardOptions,
    ) -> crate::Result<ClassifierOutput<B>> {
        let [b, t] = ids.dims();
        let device = ids.device();
        // 1 where a token counts, [B, T]
        let tokens = match (&attention_mask, self.pad_token_id) {
            (Some(m), _) => m.clone(),
            (None, Some(pad)) => ids.clone().not_equal_elem(i64::from(pad)).int(),
            (None, None) => Tensor::ones([b, t], &device),
        };
        let transformer = self.transformer.forward(ids, attention_mask, options, None)?;
        let hidden = transformer.last_hidden.clone(); // [B, T, C]
        let [_, _, c] = hidden.dims();
        let positions = Tensor::<B, 1, Int>::arange(0..t as i64, &device).reshape([1, t]).expand([b, t]);
        let pooled_index = (positions * tokens.clone()).argmax(1); // [B, 1]
        let pooled = match self.pooling {
            Pooling::LastToken => hidden
                .gather(1, pooled_index.clone().reshape([b, 1, 1]).expand([b, 1, c])) // [B, 1, C]
                .reshape([b, c]),
            Pooling::Mean => {
                let w = tokens.float().reshape([b, t, 1]); // [B, T, 1]
                let sum = (hidden * w.clone().expand([b, t, c])).sum_dim(1).reshape([b, c]); // [B, C]
                sum / w.sum_dim(1).reshape([b, 1]).clamp_min(1.0).expand([b, c])
            }
        };
        let logits = self.score.forward(pooled.clone()); // [B, num_labels]
        Ok(ClassifierOutput { logits, pooled, pooled_index: pooled_index.reshape([b]), transformer })
    }
}
