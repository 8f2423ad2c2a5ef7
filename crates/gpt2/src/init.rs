//! GPT-2's initialisation of linear layers: weights normal(0, std), biases zero.
//!
//! burn's `LinearConfig` draws the bias from the same initializer as the weight; GPT-2 (and HuggingFace's
//! `_init_weights`) zero it, so the layer is built here directly. The weight is `[d_in, d_out]`, burn's
//! `Linear` layout and also GPT-2's `Conv1D` layout, which is why checkpoints load without a transpose.

use burn::module::Initializer;
use burn::nn::Linear;
use burn::tensor::backend::Backend;

/// A `Linear` `[d_in, d_out]` with normal(0, `std`) weights and, if `bias`, zero biases.
pub(crate) fn linear<B: Backend>(d_in: usize, d_out: usize, std: f64, bias: bool, device: &B::Device) -> Linear<B> {
    Linear {
        weight: Initializer::Normal { mean: 0.0, std }.init([d_in, d_out], device),
        bias: bias.then(|| Initializer::Zeros.init([d_out], device)),
    }
}
