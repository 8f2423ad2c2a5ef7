//! GPT-2's position-wise MLP: `c_fc` (C → 4C), GELU (tanh approximation), `c_proj` (4C → C), dropout.

use burn::module::Module;
use burn::nn::{Dropout, DropoutConfig, Linear};
use burn::tensor::activation::{gelu, gelu_approximate, relu};
use burn::tensor::{Tensor, backend::Backend};

use crate::config::{Activation, Gpt2Config};
use crate::init;

/// The feed-forward half of a block (`mlp` in GPT-2's checkpoints).
#[derive(Module, Debug)]
pub struct Mlp<B: Backend> {
    /// Expansion `[C, I]`.
    pub c_fc: Linear<B>,
    /// Projection back `[I, C]`, with GPT-2's residual-scaled initialisation.
    pub c_proj: Linear<B>,
    dropout: Dropout,
    #[module(skip)]
    activation: Activation,
}

impl<B: Backend> Mlp<B> {
    /// A freshly initialised MLP.
    pub fn new(config: &Gpt2Config, device: &B::Device) -> Self {
        let (c, i) = (config.n_embd, config.inner_dim());
        let std = config.initializer_range;
        let proj_std = std / ((2 * config.n_layer) as f64).sqrt();
        Self {
            c_fc: init::linear(c, i, std, true, device),
            c_proj: init::linear(i, c, proj_std, true, device),
            dropout: DropoutConfig::new(config.resid_pdrop).init(),
            activation: config.activation,
        }
    }

    /// `[B, T, C]` → `[B, T, C]`.
    pub fn forward(&self, x: Tensor<B, 3>) -> Tensor<B, 3> {
        let h = self.c_fc.forward(x); // [B, T, I]
        let h = match self.activation {
            Activation::GeluNew => gelu_approximate(h),
            Activation::Gelu => gelu(h),
            Activation::Relu => relu(h),
        };
        self.dropout.forward(self.c_proj.forward(h)) // [B, T, C]
    }
}
