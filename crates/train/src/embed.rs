//! Sequence embeddings from any layer: the hidden states of layer `layer` (0 = token + position
//! embeddings, `n_layer` = the final LayerNorm's output, HuggingFace's `hidden_states` numbering) pooled
//! over each sequence's tokens (mean) or taken at its last token; and the static embeddings of single
//! tokens (rows of `wte`), which for a vocabulary of genes are the model's gene embeddings.

use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor, TensorData};
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

/// The rows of the token-embedding matrix `wte` for `ids`, in their order: what the model learned about
/// each token regardless of context (in a gene-sentence model, one vector per gene). Only the asked rows
/// leave the device, so this is cheap even for GPT-2's 50,257 × 1,600 table.
pub fn token_embeddings<B: Backend>(model: &Gpt2Model<B>, ids: &[u32], device: &B::Device) -> Result<Vec<Vec<f64>>> {
    let vocab = model.config().vocab_size;
    if let Some(&id) = ids.iter().find(|&&id| id as usize >= vocab) {
        return Err(Error::InvalidInput(format!("token id {id} is outside the vocabulary of {vocab}")));
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let index = Tensor::<B, 1, Int>::from_data(
        TensorData::new(ids.iter().map(|&id| i64::from(id)).collect::<Vec<_>>(), [ids.len()]),
        device,
    );
    let rows = model.wte.weight.val().select(0, index); // [ids, C]
    let c = model.config().n_embd;
    Ok(to_f64(rows.into_data())?.chunks(c).map(<[f64]>::to_vec).collect())
}
