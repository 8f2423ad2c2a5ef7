//! The KV cache computes what a full forward pass computes; generation uses it.

use super::fixture::{Fixture, max_abs_diff};
use burn::tensor::{Int, Tensor, TensorData};
use gptomics_gpt2::backend::Cpu;
use gptomics_gpt2::{Error, ForwardOptions, GenerationConfig, KvCache};

fn ids(v: &[i64]) -> Tensor<Cpu, 2, Int> {
    Tensor::from_data(TensorData::new(v.to_vec(), [1, v.len()]), &Default::default())
}

#[test]
fn cached_decoding_equals_the_full_forward() {
    let fx = Fixture::load();
    let (model, _) = fx.lm::<Cpu>();
    let tokens = [5i64, 17, 900, 3, 42, 7];
    let full = model.forward(ids(&tokens), None, ForwardOptions::default(), None).expect("full").logits;

    let mut cache = KvCache::new(3);
    let prompt = model.forward(ids(&tokens[..3]), None, ForwardOptions::default(), Some(&mut cache)).expect("prompt");
    let mut pieces = vec![prompt.logits];
    for &t in &tokens[3..] {
        pieces.push(model.forward(ids(&[t]), None, ForwardOptions::default(), Some(&mut cache)).expect("step").logits);
    }
    assert_eq!(cache.len(), tokens.len());
    let incremental = Tensor::cat(pieces, 1);
    assert!(max_abs_diff(incremental, full) <= 1e-5);

    // The explicit-softmax path (attention probabilities asked for) agrees with the cache too.
    let mut cache = KvCache::new(3);
    let with_probs = ForwardOptions { attentions: true, ..ForwardOptions::default() };
    model.forward(ids(&tokens[..5]), None, with_probs, Some(&mut cache)).expect("prompt");
    let last = model.forward(ids(&tokens[5..]), None, with_probs, Some(&mut cache)).expect("step");
    assert_eq!(last.transformer.attentions[0].dims(), [1, 4, 1, 6]);
}

#[test]
fn greedy_generation_follows_the_argmax_of_full_passes() {
    let fx = Fixture::load();
    let (model, _) = fx.lm::<Cpu>();
    let prompt = [11u32, 250, 3];
    let config = GenerationConfig { max_new_tokens: 5, ..GenerationConfig::default() };
    let generated = model.generate(&prompt, &config).expect("generate");
    assert_eq!(generated.len(), 5);

    let mut seq: Vec<i64> = prompt.iter().map(|&t| i64::from(t)).collect();
    for &g in &generated {
        let logits = model.forward(ids(&seq), None, ForwardOptions::default(), None).expect("full").logits;
        let [_, t, v] = logits.dims();
        let next = logits.slice([0..1, t - 1..t, 0..v]).reshape([v]).argmax(0).into_scalar();
        assert_eq!(next as u32, g);
        seq.push(next);
    }

    let sampled = GenerationConfig {
        max_new_tokens: 8,
        temperature: 0.8,
        top_k: Some(50),
        top_p: Some(0.9),
        seed: 3,
        ..GenerationConfig::default()
    };
    assert_eq!(model.generate(&prompt, &sampled).expect("a"), model.generate(&prompt, &sampled).expect("b"));
    assert!(matches!(model.generate(&[1000], &config), Err(Error::InvalidInput(_))));
    assert!(matches!(model.generate(&[], &config), Err(Error::InvalidInput(_))));
}

#[test]
fn too_long_inputs_are_errors() {
    let fx = Fixture::load();
    let (model, _) = fx.lm::<Cpu>();
    let long: Vec<i64> = (0..129).collect();
    let err = model.forward(ids(&long), None, ForwardOptions::default(), None).expect_err("129 > 128");
    assert!(err.to_string().contains("n_positions 128"), "{err}");
}
