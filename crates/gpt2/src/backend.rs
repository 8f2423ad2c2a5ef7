//! Named backends, so that examples, tests and the training crate agree on them. The model code itself is
//! generic over `B: Backend`.

/// The CPU backend: burn's `NdArray`, f32, SIMD and rayon threads.
pub type Cpu = burn::backend::NdArray<f32>;

/// [`Cpu`] with automatic differentiation, for training.
pub type CpuAutodiff = burn::backend::Autodiff<Cpu>;

/// NVIDIA GPUs through CUDA (cubecl), with kernel fusion; `F` is the float type (f32, `half::bf16`,
/// `half::f16`).
#[cfg(feature = "cuda")]
pub type Cuda<F = f32> = burn::backend::Cuda<F, i32>;

/// [`Cuda`] with automatic differentiation.
#[cfg(feature = "cuda")]
pub type CudaAutodiff<F = f32> = burn::backend::Autodiff<Cuda<F>>;

/// The half-precision float types, for `Cuda<bf16>` / `Cuda<f16>`.
pub use burn::tensor::{bf16, f16};
