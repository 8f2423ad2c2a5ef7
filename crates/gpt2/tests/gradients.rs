//! Backpropagation checked by central finite differences, in f64 so the comparison is tight.
//!
//! A binary of its own: burn keeps one default float type per device, and `NdArray<f32>` and
//! `NdArray<f64>` share the CPU device, so f32 tests in the same process would make this model f32.

#[path = "model/fixture.rs"]
mod fixture;

use burn::backend::{Autodiff, NdArray};
use burn::module::{AutodiffModule, Param};
use burn::tensor::{Tensor, TensorData};
use fixture::Fixture;
use gptomics_gpt2::{ForwardOptions, Gpt2LmHeadModel};

type F64 = NdArray<f64>;

fn loss(model: &Gpt2LmHeadModel<F64>, fx: &Fixture) -> f64 {
    let (ids, mask) = fx.input::<F64>();
    let labels = Gpt2LmHeadModel::labels(ids.clone(), mask.clone());
    let logits = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward").logits;
    Gpt2LmHeadModel::loss(logits, labels).into_scalar()
}

/// `weight` with element `(i, j)` moved by `delta`.
fn nudged(weight: &Tensor<F64, 2>, (i, j): (usize, usize), delta: f64) -> Param<Tensor<F64, 2>> {
    let [rows, cols] = weight.dims();
    let mut values: Vec<f64> = weight.to_data().into_vec().expect("f64");
    values[i * cols + j] += delta;
    Param::from_tensor(Tensor::from_data(TensorData::new(values, [rows, cols]), &Default::default()))
}

#[test]
fn gradients_match_finite_differences() {
    let fx = Fixture::load();
    let (model, _) = fx.lm::<Autodiff<F64>>();
    let (ids, mask) = fx.input::<Autodiff<F64>>();
    let labels = Gpt2LmHeadModel::labels(ids.clone(), mask.clone());
    let logits = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward").logits;
    let grads = Gpt2LmHeadModel::loss(logits, labels).backward();

    // A square matrix (where a transposed layout would go unnoticed by shapes), a non-square one, the
    // tied embedding (gradient from both the input lookup and the LM head) and a position embedding.
    let c_proj = model.transformer.h[0].attn.c_proj.weight.grad(&grads).expect("grad");
    let c_fc = model.transformer.h[2].mlp.c_fc.weight.grad(&grads).expect("grad");
    let wte = model.transformer.wte.weight.grad(&grads).expect("grad");
    let base = model.valid();
    let eps = 1e-5;
    type Pick = fn(&mut Gpt2LmHeadModel<F64>) -> &mut Param<Tensor<F64, 2>>;
    type Case<'a> = (&'a str, Pick, Tensor<F64, 2>, (usize, usize));
    let cases: [Case; 6] = [
        ("h.0.attn.c_proj", |m| &mut m.transformer.h[0].attn.c_proj.weight, c_proj.clone(), (3, 40)),
        ("h.0.attn.c_proj", |m| &mut m.transformer.h[0].attn.c_proj.weight, c_proj, (40, 3)),
        ("h.2.mlp.c_fc", |m| &mut m.transformer.h[2].mlp.c_fc.weight, c_fc.clone(), (7, 150)),
        ("h.2.mlp.c_fc", |m| &mut m.transformer.h[2].mlp.c_fc.weight, c_fc, (47, 0)),
        ("wte", |m| &mut m.transformer.wte.weight, wte.clone(), (fx.input_ids[0][2] as usize, 5)),
        ("wte", |m| &mut m.transformer.wte.weight, wte, (998, 1)),
    ];
    for (name, pick, grad, (i, j)) in cases {
        let [_, cols] = grad.dims();
        let analytic: Vec<f64> = grad.into_data().into_vec().expect("f64");
        let analytic = analytic[i * cols + j];
        let mut plus = base.clone();
        let weight = pick(&mut plus).val();
        *pick(&mut plus) = nudged(&weight, (i, j), eps);
        let mut minus = base.clone();
        *pick(&mut minus) = nudged(&weight, (i, j), -eps);
        let numeric = (loss(&plus, &fx) - loss(&minus, &fx)) / (2.0 * eps);
        assert!(
            (numeric - analytic).abs() <= 1e-7 + 1e-5 * analytic.abs(),
            "{name}[{i}, {j}]: backprop {analytic:e}, finite difference {numeric:e}"
        );
    }
}
