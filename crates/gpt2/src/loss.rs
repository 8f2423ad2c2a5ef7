//! Losses as `transformers` computes them: cross-entropy with an ignore index (mean over kept targets)
//! and mean squared error.

use burn::tensor::activation::log_softmax;
use burn::tensor::{Int, Tensor, backend::Backend};

/// The label `transformers` ignores in cross-entropy (PyTorch's default `ignore_index`).
pub const IGNORE_INDEX: i64 = -100;

/// Mean cross-entropy of `logits` `[N, K]` against `targets` `[N]`, skipping targets equal to
/// [`IGNORE_INDEX`]. Like PyTorch, all-ignored input gives NaN (0/0).
pub fn cross_entropy<B: Backend>(logits: Tensor<B, 2>, targets: Tensor<B, 1, Int>) -> Tensor<B, 1> {
    let [n, _] = logits.dims();
    let keep = targets.clone().not_equal_elem(IGNORE_INDEX); // [N]
    let safe = targets.mask_fill(keep.clone().bool_not(), 0).reshape([n, 1]); // [N, 1]
    let picked = log_softmax(logits, 1).gather(1, safe).reshape([n]); // [N]
    let keep = keep.float();
    -(picked * keep.clone()).sum() / keep.sum()
}

/// Mean squared error over all elements.
pub fn mse<B: Backend, const D: usize>(prediction: Tensor<B, D>, target: Tensor<B, D>) -> Tensor<B, 1> {
    (prediction - target).powi_scalar(2).mean()
}
