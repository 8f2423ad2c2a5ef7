//! Global gradient-norm clipping, as PyTorch's `clip_grad_norm_` (HuggingFace Trainer's `max_grad_norm`):
//! one norm over all parameters, and every gradient scaled by `max_norm / (norm + 1e-6)` when that is
//! below 1. burn's own `GradientClipping::Norm` clips each parameter separately, which changes the update
//! direction; this keeps it.

use burn::module::{AutodiffModule, ModuleVisitor, Param};
use burn::optim::GradientsParams;
use burn::tensor::Tensor;
use burn::tensor::backend::AutodiffBackend;

/// Sums the squared gradients on the device, read back once.
struct SquaredNorm<'a, B: AutodiffBackend> {
    grads: &'a GradientsParams,
    sum: Option<Tensor<B::InnerBackend, 1>>,
}

impl<B: AutodiffBackend> ModuleVisitor<B> for SquaredNorm<'_, B> {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<B, D>>) {
        if let Some(grad) = self.grads.get::<B::InnerBackend, D>(param.id) {
            let squares = grad.powi_scalar(2).sum();
            self.sum = Some(match self.sum.take() {
                Some(sum) => sum + squares,
                None => squares,
            });
        }
    }
}

/// Multiplies every gradient by a factor.
struct Scale<'a> {
    grads: &'a mut GradientsParams,
    factor: f64,
}

impl<B: AutodiffBackend> ModuleVisitor<B> for Scale<'_> {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<B, D>>) {
        if let Some(grad) = self.grads.remove::<B::InnerBackend, D>(param.id) {
            self.grads.register::<B::InnerBackend, D>(param.id, grad.mul_scalar(self.factor));
        }
    }
}

/// The global L2 norm of `grads` over `module`'s parameters.
pub fn grad_norm<B: AutodiffBackend, M: AutodiffModule<B>>(module: &M, grads: &GradientsParams) -> f64 {
    let mut visitor = SquaredNorm::<B> { grads, sum: None };
    module.visit(&mut visitor);
    visitor.sum.map_or(0.0, |s| s.into_scalar_f64()).sqrt()
}

/// Clips `grads` to a global norm of `max_norm` and returns the norm before clipping (NaN/∞ pass through
/// unclipped, so the loop's non-finite check sees them).
pub fn clip_grad_norm<B: AutodiffBackend, M: AutodiffModule<B>>(
    module: &M,
    grads: &mut GradientsParams,
    max_norm: f64,
) -> f64 {
    let norm = grad_norm(module, grads);
    let factor = max_norm / (norm + 1e-6);
    if norm.is_finite() && factor < 1.0 {
        module.visit(&mut Scale { grads, factor });
    }
    norm
}

/// Reads a one-element tensor as f64 whatever its float type.
pub(crate) trait ScalarF64 {
    /// The value, or NaN if the tensor is empty.
    fn into_scalar_f64(self) -> f64;
}

impl<B: burn::tensor::backend::Backend> ScalarF64 for Tensor<B, 1> {
    fn into_scalar_f64(self) -> f64 {
        self.into_data().convert::<f64>().into_vec::<f64>().ok().and_then(|v| v.first().copied()).unwrap_or(f64::NAN)
    }
}
