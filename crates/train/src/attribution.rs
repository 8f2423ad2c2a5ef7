//! ALRW attention attribution from a trained classifier: the last layer's attention from the pooling token
//! to every token, summed over heads, mapped to bases through the tokenizer's offsets
//! ([`crate::motifs::base_scores`]: spread over the token's bases, averaged per base, L2-normalised).
//!
//! GPT-2 is causal, so the pooling token is the last real token (HuggingFace's pooling; `[SEP]` with
//! DNABERT k-mers): the only one whose attention reaches the whole sequence. With mean pooling there is
//! no single pooling token; the last token is used all the same.

use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor};
use gptomics_gpt2::{ForwardOptions, Gpt2ForSequenceClassification};

use crate::encode::EncodedSet;
use crate::error::{Error, Result};
use crate::motifs::base_scores;
use crate::predict::{chunks, to_f64};

/// Per sequence of `set`: the attention of its pooling token to each of its tokens in the last layer,
/// summed over heads (padding excluded).
pub fn token_attention<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<Vec<f64>>> {
    let mut out = Vec::with_capacity(set.len());
    for indices in chunks(set.len(), batch_size)? {
        let batch = set.batch::<B>(&indices, device)?;
        let output = model.forward(
            batch.input.ids,
            Some(batch.input.attention_mask),
            ForwardOptions { hidden_states: false, attentions: true },
        )?;
        let last = output
            .transformer
            .attentions
            .last()
            .cloned()
            .ok_or_else(|| Error::InvalidConfig("the model has no layers".into()))?; // [B, H, T, T]
        let [b, _, t, _] = last.dims();
        let summed: Tensor<B, 3> = last.sum_dim(1).reshape([b, t, t]);
        let rows: Tensor<B, 3, Int> = output.pooled_index.reshape([b, 1, 1]).expand([b, 1, t]);
        let scores = to_f64(summed.gather(1, rows).reshape([b, t]).into_data())?;
        for (row, &i) in scores.chunks(t).zip(&indices) {
            out.push(row[..set.ids[i].len()].to_vec());
        }
    }
    Ok(out)
}

/// ALRW per-base profiles (L2-normalised) of every sequence of `set`.
pub fn alrw_profiles<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<Vec<f64>>> {
    let tokens = token_attention(model, set, batch_size, device)?;
    tokens.iter().enumerate().map(|(i, scores)| base_scores(scores, &set.offsets[i], set.lengths[i])).collect()
}
