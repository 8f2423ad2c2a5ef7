//! Causal LM pretraining lowers held-out next-token loss on a corpus with structure, and embeddings taken
//! from the last layer at the last token are exactly the classifier's pooled vector; a token's static
//! embedding is its layer-0 hidden state less the position embedding.

use gptomics_gpt2::backend::{Cpu, CpuAutodiff};
use gptomics_gpt2::{ForwardOptions, Gpt2Config, Pooling};
use gptomics_tokenize::from_spec;
use gptomics_train::config::TrainConfig;
use gptomics_train::embed::{embeddings, token_embeddings};
use gptomics_train::encode::EncodedSet;
use gptomics_train::predict::evaluate_lm;
use gptomics_train::task::{ModelSpec, fit_language_model};
use gptomics_train::trainer::RunOptions;
use gptomics_train::{Dataset, Targets};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

use crate::ONE_AT_A_TIME;

/// Repeats of a short unit with random point changes: predictable from context.
fn corpus(n: usize) -> Dataset {
    let mut rng = gptomics_train::rng::SplitMix64::new(3);
    let sequences: Vec<Vec<u8>> = (0..n)
        .map(|_| {
            let mut s: Vec<u8> = b"ACGGTCATTG".iter().cycle().take(60).copied().collect();
            for _ in 0..3 {
                let i = rng.below(s.len());
                s[i] = b"ACGT"[rng.below(4)];
            }
            s
        })
        .collect();
    Dataset { ids: (0..n).map(|i| format!("r{i}")).collect(), sequences, targets: Targets::None, groups: None }
}

#[test]
fn pretraining_lowers_held_out_loss() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec =
        ModelSpec { config: Gpt2Config::new(tokenizer.vocab_size(), 64, 32, 1, 2), ..ModelSpec::preset("tiny", 69)? };
    let all = EncodedSet::new(&corpus(80), tokenizer.as_ref(), spec.max_len(), None)?;
    let (train, valid) = (all.subset(&(0..64).collect::<Vec<_>>()), all.subset(&(64..80).collect::<Vec<_>>()));
    let device = Default::default();
    let config = TrainConfig { max_epochs: 4, learning_rate: 3e-3, batch_size: 16, ..TrainConfig::from_scratch() };
    let model = spec.language_model::<CpuAutodiff>(config.seed, &device)?;
    let before = evaluate_lm::<Cpu>(&burn::module::AutodiffModule::valid(&model), &valid, 16, &device)?.metrics["loss"];
    let trained =
        fit_language_model(model, &train, Some(&valid), &config, &RunOptions::default(), &device, &mut |_| {})?;
    let after = evaluate_lm::<Cpu>(&trained.model, &valid, 16, &device)?.metrics["loss"];
    assert!((before - (69f64).ln()).abs() < 0.5, "a fresh model is near uniform: {before}");
    assert!(after < before - 1.0, "held-out loss {before} → {after}");
    Ok(())
}

#[test]
fn last_token_embedding_is_the_pooled_vector() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec =
        ModelSpec { config: Gpt2Config::new(tokenizer.vocab_size(), 64, 32, 2, 2), ..ModelSpec::preset("tiny", 69)? };
    let data = Dataset {
        targets: Targets::Classes { names: vec!["a".into(), "b".into()], labels: vec![0, 1, 0] },
        ..corpus(3)
    };
    let mut data = data;
    data.sequences[1].truncate(20); // a shorter sequence: padding in the batch
    let set = EncodedSet::new(&data, tokenizer.as_ref(), spec.max_len(), None)?;
    let device = Default::default();
    let model = spec.sequence_model::<Cpu>(2, 1, &device)?;
    let vectors = embeddings(&model.transformer, &set, 2, Pooling::LastToken, 8, &device)?;
    let batch = set.batch::<Cpu>(&[0, 1, 2], &device)?;
    let pooled = model.forward(batch.input.ids, Some(batch.input.attention_mask), ForwardOptions::default())?.pooled;
    let pooled: Vec<f32> = pooled.into_data().convert::<f32>().into_vec::<f32>().map_err(|e| format!("{e:?}"))?;
    for (i, v) in vectors.iter().enumerate() {
        for (j, &x) in v.iter().enumerate() {
            assert!((x - f64::from(pooled[i * 32 + j])).abs() < 1e-6, "sequence {i}, dim {j}");
        }
    }
    assert!(embeddings(&model.transformer, &set, 3, Pooling::Mean, 8, &device).is_err(), "layer 3 of 2");
    Ok(())
}

#[test]
fn token_embedding_is_layer_zero_less_position() -> Result<()> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let tokenizer = from_spec("kmer:3")?;
    let spec =
        ModelSpec { config: Gpt2Config::new(tokenizer.vocab_size(), 64, 32, 1, 2), ..ModelSpec::preset("tiny", 69)? };
    let set = EncodedSet::new(&corpus(2), tokenizer.as_ref(), spec.max_len(), None)?;
    let device = Default::default();
    let model = spec.sequence_model::<Cpu>(2, 5, &device)?.transformer;
    let batch = set.batch::<Cpu>(&[0], &device)?;
    let options = ForwardOptions { hidden_states: true, attentions: false };
    let layer0 =
        model.forward(batch.input.ids, Some(batch.input.attention_mask), options, None)?.hidden_states[0].clone();
    let layer0: Vec<f32> = layer0.into_data().convert::<f32>().into_vec::<f32>().map_err(|e| format!("{e:?}"))?;
    let wpe: Vec<f32> =
        model.wpe.weight.val().into_data().convert::<f32>().into_vec::<f32>().map_err(|e| format!("{e:?}"))?;
    let ids = &set.ids[0][..5];
    let rows = token_embeddings(&model, ids, &device)?;
    assert_eq!(rows.len(), 5);
    for (p, row) in rows.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            let expected = f64::from(layer0[p * 32 + j] - wpe[p * 32 + j]);
            assert!((x - expected).abs() < 1e-5, "token {p}, dim {j}: {x} vs {expected}");
        }
    }
    assert!(token_embeddings(&model, &[69], &device).is_err(), "id 69 of 69");
    Ok(())
}
