//! The committed `transformers` fixture (`tests/fixtures/tiny_gpt2`, made by `scripts/make_gpt2_fixture.py`).
#![allow(dead_code)]

use std::path::PathBuf;

use burn::tensor::{ElementConversion, Int, Tensor, TensorData, backend::Backend};
use burn_store::{ModuleStore, SafetensorsStore};
use gptomics_gpt2::{Gpt2LmHeadModel, LoadReport};

pub struct Fixture {
    dir: PathBuf,
    pub input_ids: Vec<Vec<i64>>,
    pub attention_mask: Vec<Vec<i64>>,
}

impl Fixture {
    pub fn load() -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny_gpt2");
        let inputs: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("inputs.json")).expect("inputs.json"))
                .expect("json");
        let rows = |key: &str| -> Vec<Vec<i64>> { serde_json::from_value(inputs[key].clone()).expect("rows") };
        Self { input_ids: rows("input_ids"), attention_mask: rows("attention_mask"), dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The LM model with the fixture's weights.
    pub fn lm<B: Backend>(&self) -> (Gpt2LmHeadModel<B>, LoadReport) {
        Gpt2LmHeadModel::from_pretrained(
            &self.path("config.json"),
            &self.path("model.safetensors"),
            &Default::default(),
        )
        .expect("load fixture")
    }

    /// Input ids and attention mask `[B, T]`.
    pub fn input<B: Backend>(&self) -> (Tensor<B, 2, Int>, Tensor<B, 2, Int>) {
        let to = |rows: &[Vec<i64>]| {
            let (b, t) = (rows.len(), rows[0].len());
            Tensor::from_data(TensorData::new(rows.concat(), [b, t]), &Default::default())
        };
        (to(&self.input_ids), to(&self.attention_mask))
    }

    /// A reference tensor by name.
    pub fn tensor<B: Backend, const D: usize>(&self, name: &str) -> Tensor<B, D> {
        let mut store = SafetensorsStore::from_file(self.path("reference.safetensors"));
        let snapshot = store.get_snapshot(name).expect("reference file").unwrap_or_else(|| panic!("no {name}"));
        let data = snapshot.to_data().expect("reference data").convert::<f32>();
        // Lower-rank references (a bias, a LayerNorm weight) are read as [1, …, n].
        let mut shape: Vec<usize> = data.shape.iter().copied().collect();
        while shape.len() < D {
            shape.insert(0, 1);
        }
        let values: Vec<f32> = data.into_vec().expect("f32");
        Tensor::from_data(TensorData::new(values, shape), &Default::default())
    }
}

/// max |a − b| over all elements.
pub fn max_abs_diff<B: Backend, const D: usize>(a: Tensor<B, D>, b: Tensor<B, D>) -> f32 {
    assert_eq!(a.dims(), b.dims(), "shapes differ");
    (a - b).abs().max().into_scalar().elem()
}
