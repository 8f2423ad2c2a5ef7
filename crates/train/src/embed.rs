//! Sequence embeddings from any layer: the hidden states of layer `layer` (0 = token + position
//! embeddings, `n_layer` = the final LayerNorm's output, HuggingFace's `hidden_states` numbering) pooled
//! over each sequence's tokens (mean) or taken at its last token.

use burn::tensor::backend::Backend;
use gptomics_gpt2::{ForwardOptions, Gpt2Model, Pooling};

use crate::encode::EncodedSet;
use crate::error::{Error, Result};
use crate::predict::{chunks, to_f64};

/// One `n_embd`-long vector per sequence of `set`.
pub fn embeddings<B: Backend>(
    model: &Gpt2Model<B>,
    set: &EncodedSet,
    layer: usize,
    pooling: Pooling,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<Vec<f64>>> {
    let n_layer = model.config().n_layer;
    if layer > n_layer {
        return Err(Error::InvalidConfig(format!("layer {layer} does not exist: the model has 0..={n_layer}")));
    }
    let mut out = Vec::with_capacity(set.len());
    for indices in chunks(set.len(), batch_size)? {
        let batch = set.batch::<B>(&indices, device)?;
        let options = ForwardOptions { hidden_states: true, attentions: false };
        let mut states = model.forward(batch.input.ids, Some(batch.input.attention_mask), options, None)?.hidden_states;
        if layer >= states.len() {
            return Err(Error::InvalidConfig(format!("layer {layer} was not returned")));
        }
        let hidden = states.swap_remove(layer); // [B, T, C]
        let [_, t, c] = hidden.dims();
        let values = to_f64(hidden.into_data())?;
        for (row, &i) in values.chunks(t * c).zip(&indices) {
            let len = set.ids[i].len();
            let vector = match pooling {
                Pooling::LastToken => row[len.saturating_sub(1) * c..len * c].to_vec(),
                Pooling::Mean => (0..c).map(|j| (0..len).map(|p| row[p * c + j]).sum::<f64>() / len as f64).collect(),
            };
            out.push(vector);
        }
    }
    Ok(out)
}
