//! Host ids → model input tensors, checked. `forward` itself does not read ids back from the device (that
//! would stall a GPU), so ids are validated here, where they are still on the host.
//!
//! The layout is `gptomics-tokenize`'s `Batch`: row-major ids and attention mask (1 = token, 0 = padding).

use burn::tensor::{Int, Tensor, TensorData, backend::Backend};

use crate::error::{Error, Result};

/// Checked input tensors: ids `[B, T]` and the attention mask `[B, T]`.
#[derive(Debug, Clone)]
pub struct Input<B: Backend> {
    /// Token ids `[B, T]`.
    pub ids: Tensor<B, 2, Int>,
    /// 1 = token, 0 = padding, `[B, T]`.
    pub attention_mask: Tensor<B, 2, Int>,
}

impl<B: Backend> Input<B> {
    /// Tensors from row-major `ids` and `mask` of shape `[batch, seq]`; every id must be below `vocab_size`
    /// and every mask value 0 or 1.
    pub fn from_flat(
        ids: &[u32],
        mask: &[u32],
        [batch, seq]: [usize; 2],
        vocab_size: usize,
        device: &B::Device,
    ) -> Result<Self> {
        if ids.len() != batch * seq || mask.len() != ids.len() {
            return Err(Error::InvalidInput(format!(
                "{} ids and {} mask values do not make a [{batch}, {seq}] batch",
                ids.len(),
                mask.len()
            )));
        }
        if batch == 0 || seq == 0 {
            return Err(Error::InvalidInput("empty batch".into()));
        }
        if let Some(i) = ids.iter().position(|&id| id as usize >= vocab_size) {
            return Err(Error::InvalidInput(format!(
                "id {} at sequence {}, position {} is outside the vocabulary of {vocab_size}",
                ids[i],
                i / seq,
                i % seq
            )));
        }
        if let Some(i) = mask.iter().position(|&m| m > 1) {
            return Err(Error::InvalidInput(format!("attention mask value {} is not 0 or 1", mask[i])));
        }
        let to_tensor = |v: &[u32]| {
            let data = TensorData::new(v.iter().map(|&x| i64::from(x)).collect::<Vec<_>>(), [batch, seq]);
            Tensor::<B, 2, Int>::from_data(data, device)
        };
        Ok(Self { ids: to_tensor(ids), attention_mask: to_tensor(mask) })
    }

    /// Right-pads `sequences` with `pad_id` to the longest one and builds the tensors.
    pub fn right_padded(sequences: &[Vec<u32>], pad_id: u32, vocab_size: usize, device: &B::Device) -> Result<Self> {
        let seq = sequences.iter().map(Vec::len).max().unwrap_or(0);
        if sequences.iter().any(Vec::is_empty) {
            return Err(Error::InvalidInput("a sequence is empty".into()));
        }
        let mut ids = Vec::with_capacity(sequences.len() * seq);
        let mut mask = Vec::with_capacity(sequences.len() * seq);
        for s in sequences {
            ids.extend_from_slice(s);
            ids.extend(std::iter::repeat_n(pad_id, seq - s.len()));
            mask.extend(std::iter::repeat_n(1, s.len()));
            mask.extend(std::iter::repeat_n(0, seq - s.len()));
        }
        Self::from_flat(&ids, &mask, [sequences.len(), seq], vocab_size, device)
    }
}
