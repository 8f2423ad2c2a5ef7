//! Parity with HuggingFace `transformers` on the committed fixture (`scripts/make_gpt2_fixture.py`): a random
//! 3-layer GPT-2 (4 heads, n_embd 48, vocab 1,000), right-padded inputs, every parameter randomised.

use super::fixture::{Fixture, max_abs_diff};
use burn::tensor::Tensor;
use gptomics_gpt2::backend::{Cpu, CpuAutodiff};
use gptomics_gpt2::{ForwardOptions, Gpt2ForSequenceClassification, Gpt2LmHeadModel, Pooling};

const TOL: f32 = 1e-4;

#[test]
fn lm_logits_hidden_states_and_attentions_equal_transformers() {
    let fx = Fixture::load();
    let (model, report) = fx.lm::<Cpu>();
    assert_eq!(report.ignored, vec!["score.weight".to_string()], "the classifier head is skipped");
    let (ids, mask) = fx.input::<Cpu>();
    let options = ForwardOptions { hidden_states: true, attentions: true };
    let out = model.forward(ids.clone(), Some(mask.clone()), options, None).expect("forward");
    let diff = max_abs_diff(out.logits.clone(), fx.tensor::<Cpu, 3>("lm_logits"));
    eprintln!("LM logits: max |ours - transformers| = {diff:.2e}");
    assert!(diff <= TOL, "logits differ by {diff}");

    let hidden = Tensor::stack::<4>(out.transformer.hidden_states, 0);
    let diff = max_abs_diff(hidden, fx.tensor::<Cpu, 4>("hidden_states"));
    eprintln!("hidden states: max |ours - transformers| = {diff:.2e}");
    assert!(diff <= TOL, "hidden states differ by {diff}");
    let attn = Tensor::stack::<5>(out.transformer.attentions, 0);
    let diff = max_abs_diff(attn, fx.tensor::<Cpu, 5>("attentions"));
    eprintln!("attention probabilities: max |ours - transformers| = {diff:.2e}");
    assert!(diff <= TOL, "attention probabilities differ by {diff}");

    // The fused attention path (no probabilities asked for) computes the same logits.
    let fused = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward");
    let diff = max_abs_diff(fused.logits, out.logits);
    assert!(diff <= TOL, "fused path differs by {diff}");
}

#[test]
fn classifier_logits_equal_transformers() {
    let fx = Fixture::load();
    let (model, report) = Gpt2ForSequenceClassification::<Cpu>::from_pretrained(
        &fx.path("config.json"),
        &fx.path("model.safetensors"),
        None,
        Some(Pooling::LastToken),
        &Default::default(),
    )
    .expect("load classifier");
    assert!(report.initialised.is_empty() && report.ignored.is_empty(), "{report:?}");
    assert_eq!(model.num_labels(), 3);
    let (ids, mask) = fx.input::<Cpu>();
    let out = model.forward(ids.clone(), Some(mask), ForwardOptions::default()).expect("forward");
    let expected = fx.tensor::<Cpu, 2>("cls_logits");
    let diff = max_abs_diff(out.logits, expected.clone());
    eprintln!("classifier logits: max |ours - transformers| = {diff:.2e}");
    assert!(diff <= TOL, "classifier logits differ by {diff}");
    // Without a mask the pad token id finds the same last tokens (HuggingFace's own rule).
    let out = model.forward(ids, None, ForwardOptions::default()).expect("forward");
    assert!(max_abs_diff(out.logits, expected) <= TOL);
}

#[test]
fn lm_loss_and_gradients_equal_transformers() {
    let fx = Fixture::load();
    let (model, _) = fx.lm::<CpuAutodiff>();
    let (ids, mask) = fx.input::<CpuAutodiff>();
    let labels = Gpt2LmHeadModel::labels(ids.clone(), mask.clone());
    let logits = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward").logits;
    let loss = Gpt2LmHeadModel::loss(logits, labels);
    let ours = loss.clone().into_scalar();
    let expected = fx.tensor::<Cpu, 1>("lm_loss").into_scalar();
    eprintln!("LM loss: ours {ours}, transformers {expected}, |diff| {:.2e}", (ours - expected).abs());
    assert!((ours - expected).abs() <= 1e-5, "loss {ours} vs transformers {expected}");

    let grads = loss.backward();
    let t = &model.transformer;
    let checks: [(&str, Tensor<Cpu, 2>); 5] = [
        ("transformer.ln_f.weight", t.ln_f.gamma.grad(&grads).expect("grad").unsqueeze()),
        (
            "transformer.h.0.attn.c_attn.bias",
            t.h[0].attn.c_attn.bias.as_ref().expect("bias").grad(&grads).expect("grad").unsqueeze(),
        ),
        ("transformer.h.1.attn.c_proj.weight", t.h[1].attn.c_proj.weight.grad(&grads).expect("grad")),
        ("transformer.h.2.mlp.c_fc.weight", t.h[2].mlp.c_fc.weight.grad(&grads).expect("grad")),
        ("transformer.wpe.weight", t.wpe.weight.grad(&grads).expect("grad")),
    ];
    for (name, ours) in checks {
        let reference = fx.tensor::<Cpu, 2>(&format!("grad.{name}"));
        let scale = reference.clone().abs().max().into_scalar().max(1e-3);
        let diff = max_abs_diff(ours, reference);
        eprintln!("gradient of {name}: max |ours - torch| = {diff:.2e} (max |g| {scale:.2e})");
        assert!(diff <= 1e-4 * scale.max(1.0), "gradient of {name} differs by {diff} (max |g| {scale})");
    }
}
