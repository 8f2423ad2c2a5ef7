//! Checkpoint handling: HuggingFace layouts in, our export out, and errors that name the tensor.

use std::collections::HashMap;
use std::path::Path;

use super::fixture::{Fixture, max_abs_diff};
use gptomics_gpt2::backend::Cpu;
use gptomics_gpt2::{Error, ForwardOptions, Gpt2Config, Gpt2ForSequenceClassification, Gpt2LmHeadModel, Pooling};
use safetensors::tensor::{Dtype, TensorView};

/// Rewrites the fixture's checkpoint through `edit` (name, dtype, shape, bytes) into `out`.
fn rewrite(fx: &Fixture, out: &Path, edit: impl Fn(&mut Vec<(String, Dtype, Vec<usize>, Vec<u8>)>)) {
    let bytes = std::fs::read(fx.path("model.safetensors")).expect("fixture");
    let file = safetensors::SafeTensors::deserialize(&bytes).expect("safetensors");
    let mut tensors: Vec<_> = file
        .tensors()
        .into_iter()
        .map(|(name, view)| (name, view.dtype(), view.shape().to_vec(), view.data().to_vec()))
        .collect();
    edit(&mut tensors);
    let views: Vec<(String, TensorView)> =
        tensors.iter().map(|(n, d, s, b)| (n.clone(), TensorView::new(*d, s.clone(), b).expect("view"))).collect();
    let meta = HashMap::from([("format".to_string(), "pt".to_string())]);
    safetensors::serialize_to_file(views, Some(meta), out).expect("write");
}

fn load_lm(fx: &Fixture, weights: &Path) -> Result<Gpt2LmHeadModel<Cpu>, Error> {
    Gpt2LmHeadModel::from_pretrained(&fx.path("config.json"), weights, &Default::default()).map(|(m, _)| m)
}

#[test]
fn hub_layout_without_prefix_loads_the_same_model() {
    let fx = Fixture::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hub.safetensors");
    rewrite(&fx, &file, |t| {
        t.retain(|(n, ..)| n != "score.weight");
        for (n, ..) in t.iter_mut() {
            *n = n.trim_start_matches("transformer.").to_string();
        }
        // The causal-mask buffer older files carry is tolerated.
        t.push(("h.0.attn.bias".into(), Dtype::F32, vec![1], vec![0; 4]));
    });
    let model = load_lm(&fx, &file).expect("hub layout loads");
    let (ids, mask) = fx.input::<Cpu>();
    let logits = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward").logits;
    assert!(max_abs_diff(logits, fx.tensor::<Cpu, 3>("lm_logits")) <= 1e-4);
}

#[test]
fn missing_extra_and_misshapen_tensors_are_named() {
    let fx = Fixture::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.safetensors");

    rewrite(&fx, &file, |t| t.retain(|(n, ..)| n != "transformer.h.1.mlp.c_fc.bias"));
    match load_lm(&fx, &file) {
        Err(Error::MissingTensor { tensor, .. }) => assert_eq!(tensor, "transformer.h.1.mlp.c_fc.bias"),
        other => panic!("expected a missing tensor, got {other:?}"),
    }

    rewrite(&fx, &file, |t| t.retain(|(n, ..)| n != "transformer.ln_f.weight"));
    match load_lm(&fx, &file) {
        Err(Error::MissingTensor { tensor, .. }) => assert_eq!(tensor, "transformer.ln_f.weight"),
        other => panic!("expected a missing tensor, got {other:?}"),
    }

    rewrite(&fx, &file, |t| t.push(("transformer.h.0.extra".into(), Dtype::F32, vec![2], vec![0; 8])));
    match load_lm(&fx, &file) {
        Err(Error::UnexpectedTensor { tensor, .. }) => assert_eq!(tensor, "transformer.h.0.extra"),
        other => panic!("expected an unexpected tensor, got {other:?}"),
    }

    rewrite(&fx, &file, |t| {
        let w = t.iter_mut().find(|(n, ..)| n == "transformer.h.0.attn.c_proj.weight").expect("c_proj");
        w.2 = vec![47, 48];
        w.3.truncate(47 * 48 * 4);
    });
    match load_lm(&fx, &file) {
        Err(Error::ShapeMismatch { tensor, expected, found, .. }) => {
            assert_eq!(tensor, "transformer.h.0.attn.c_proj.weight");
            assert_eq!((expected, found), (vec![48, 48], vec![47, 48]));
        }
        other => panic!("expected a shape mismatch, got {other:?}"),
    }

    std::fs::write(&file, b"not a safetensors file").expect("write");
    let err = load_lm(&fx, &file).expect_err("garbage");
    assert!(matches!(err, Error::Safetensors { .. }), "{err:?}");
    let err = load_lm(&fx, &dir.path().join("absent.safetensors")).expect_err("absent");
    assert!(err.to_string().contains("absent.safetensors"), "{err}");
}

#[test]
fn classifier_from_a_language_model_checkpoint_initialises_the_head() {
    let fx = Fixture::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("lm.safetensors");
    rewrite(&fx, &file, |t| t.retain(|(n, ..)| n != "score.weight"));
    let (model, report) = Gpt2ForSequenceClassification::<Cpu>::from_pretrained(
        &fx.path("config.json"),
        &file,
        Some(2),
        Some(Pooling::Mean),
        &Default::default(),
    )
    .expect("fine-tuning start");
    assert_eq!(report.initialised, vec!["score.weight".to_string()]);
    assert_eq!(model.num_labels(), 2);
    // Mean pooling survives a save: config.json records it and a load without a choice reads it.
    let saved = dir.path().join("saved");
    model.save_pretrained(&saved).expect("save");
    let (back, _) = Gpt2ForSequenceClassification::<Cpu>::from_pretrained(
        &saved.join("config.json"),
        &saved.join("model.safetensors"),
        None,
        None,
        &Default::default(),
    )
    .expect("reload");
    assert_eq!((back.pooling(), back.num_labels()), (Pooling::Mean, 2));
}

#[test]
fn half_precision_checkpoint_loads_into_an_f32_model() {
    let fx = Fixture::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("f16.safetensors");
    rewrite(&fx, &file, |t| {
        for (_, dtype, _, bytes) in t.iter_mut() {
            *bytes = bytes
                .chunks_exact(4)
                .flat_map(|b| burn::tensor::f16::from_f32(f32::from_le_bytes([b[0], b[1], b[2], b[3]])).to_le_bytes())
                .collect();
            *dtype = Dtype::F16;
        }
    });
    let model = load_lm(&fx, &file).expect("f16 loads");
    assert_eq!(model.transformer.dtype(), burn::tensor::DType::F32);
    let (ids, mask) = fx.input::<Cpu>();
    let logits = model.forward(ids, Some(mask), ForwardOptions::default(), None).expect("forward").logits;
    // f16 keeps ~3 decimal digits of each weight; the logits move by that much, not more.
    let diff = max_abs_diff(logits, fx.tensor::<Cpu, 3>("lm_logits"));
    assert!(diff > 0.0 && diff < 0.05, "f16 weights moved the logits by {diff}");
}

#[test]
fn export_round_trips() {
    let fx = Fixture::load();
    let (model, _) = Gpt2ForSequenceClassification::<Cpu>::from_pretrained(
        &fx.path("config.json"),
        &fx.path("model.safetensors"),
        None,
        Some(Pooling::LastToken),
        &Default::default(),
    )
    .expect("load");
    let dir = tempfile::tempdir().expect("tempdir");
    model.save_pretrained(dir.path()).expect("save");
    // Same tensor names, shapes and values as the file transformers wrote.
    let ours = std::fs::read(dir.path().join("model.safetensors")).expect("ours");
    let theirs = std::fs::read(fx.path("model.safetensors")).expect("theirs");
    let (ours, theirs) = (
        safetensors::SafeTensors::deserialize(&ours).expect("ours"),
        safetensors::SafeTensors::deserialize(&theirs).expect("theirs"),
    );
    let mut names = ours.names();
    names.sort();
    let mut expected = theirs.names();
    expected.sort();
    assert_eq!(names, expected);
    for name in names {
        let (a, b) = (ours.tensor(name).expect("a"), theirs.tensor(name).expect("b"));
        assert_eq!((a.shape(), a.data()), (b.shape(), b.data()), "{name} differs");
    }
    let (back, _) = Gpt2ForSequenceClassification::<Cpu>::from_pretrained(
        &dir.path().join("config.json"),
        &dir.path().join("model.safetensors"),
        None,
        None, // from config.json
        &Default::default(),
    )
    .expect("reload");
    let (ids, mask) = fx.input::<Cpu>();
    let logits = back.forward(ids, Some(mask), ForwardOptions::default()).expect("forward").logits;
    assert!(max_abs_diff(logits, fx.tensor::<Cpu, 2>("cls_logits")) <= 1e-4);
}

#[test]
fn small_preset_parameter_count_equals_the_instantiated_model() {
    use burn::module::Module;
    let config = Gpt2Config::small();
    let model = Gpt2LmHeadModel::<Cpu>::new(&config, &Default::default()).expect("small");
    assert_eq!(model.num_params(), config.num_params());
    assert_eq!(model.num_params(), 124_439_808);
}
