//! The key/value cache for autoregressive decoding, passed explicitly to `forward` (never hidden state).

use burn::tensor::{Tensor, backend::Backend};

/// Keys and values of the positions one layer has already seen.
#[derive(Debug, Clone, Default)]
pub struct LayerCache<B: Backend> {
    kv: Option<(Tensor<B, 4>, Tensor<B, 4>)>,
}

impl<B: Backend> LayerCache<B> {
    /// Appends this step's keys and values `[B, nh, T, hd]` and returns all of them `[B, nh, past + T, hd]`.
    pub(crate) fn append(&mut self, k: Tensor<B, 4>, v: Tensor<B, 4>) -> (Tensor<B, 4>, Tensor<B, 4>) {
        let (k, v) = match self.kv.take() {
            Some((pk, pv)) => (Tensor::cat(vec![pk, k], 2), Tensor::cat(vec![pv, v], 2)),
            None => (k, v),
        };
        self.kv = Some((k.clone(), v.clone()));
        (k, v)
    }
}

/// One [`LayerCache`] per block, and how many positions they hold.
#[derive(Debug, Clone)]
pub struct KvCache<B: Backend> {
    pub(crate) layers: Vec<LayerCache<B>>,
    pub(crate) len: usize,
}

impl<B: Backend> KvCache<B> {
    /// An empty cache for a model of `n_layer` blocks.
    pub fn new(n_layer: usize) -> Self {
        Self { layers: (0..n_layer).map(|_| LayerCache { kv: None }).collect(), len: 0 }
    }

    /// Positions already cached (the position id of the next token).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is cached yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
