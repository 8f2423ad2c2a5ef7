//! HuggingFace safetensors ⇄ our modules, through burn-store.
//!
//! Every renaming and layout adaptation between GPT-2 checkpoints and our module tree lives in the two
//! tables below and in [`HfAdapter`]. What is deliberately *not* here: a transpose of GPT-2's `Conv1D`
//! weights. They are stored `[in, out]`, which is burn's `Linear` layout, so they load as they are;
//! burn-store's `PyTorchToBurnAdapter` would transpose every linear weight and silently corrupt the square
//! `c_proj` matrices (the shapes still fit). Only `score.weight`, a genuine `torch.nn.Linear` `[out, in]`,
//! is transposed.
//!
//! Loading is strict: a tensor the model needs and the file lacks, a tensor of the wrong shape, or a tensor
//! the model has no place for is an error naming it, except for the tolerated ones listed in
//! [`TOLERATED_EXTRA`] and the heads a caller allows to be missing (a fresh `score` when fine-tuning).

use std::path::Path;
use std::rc::Rc;

use burn::module::Module;
use burn::tensor::{DType, Shape, TensorData, backend::Backend};
use burn_store::{
    ApplyError, KeyRemapper, ModuleAdapter, ModuleSnapshot, SafetensorsStore, SafetensorsStoreError, TensorSnapshot,
};

use crate::error::{Error, Result};

/// File key → module path, applied in order to every key of a checkpoint being loaded.
const LOAD_KEYS: &[(&str, &str)] = &[
    // Files saved from `GPT2Model` (the hub's `gpt2`, `gpt2-xl`) lack the `transformer.` prefix that
    // `GPT2LMHeadModel` / `GPT2ForSequenceClassification` files (and our modules) have.
    (r"^(wte|wpe|h|ln_f)\.", "transformer.${1}."),
    // PyTorch LayerNorm `weight`/`bias` are burn's `gamma`/`beta`.
    (r"\.(ln_1|ln_2|ln_f)\.weight$", ".${1}.gamma"),
    (r"\.(ln_1|ln_2|ln_f)\.bias$", ".${1}.beta"),
];

/// Module path → file key when exporting: the inverse of the LayerNorm renaming. The `transformer.` prefix
/// stays, as `save_pretrained` of `GPT2LMHeadModel` writes it.
const SAVE_KEYS: &[(&str, &str)] = &[(r"\.gamma$", ".weight"), (r"\.beta$", ".bias")];

/// Checkpoint tensors that have no place in our modules and are skipped without error.
pub const TOLERATED_EXTRA: &[&str] = &[
    // The causal-mask buffers older `transformers` versions saved with every block.
    ".attn.bias",
    ".attn.masked_bias",
    // The LM head, tied to `wte` (some files store the copy).
    "lm_head.weight",
];

/// What a load did besides filling the model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Tensors read from the file.
    pub loaded: usize,
    /// File tensors skipped: tolerated buffers and heads of another model class.
    pub ignored: Vec<String>,
    /// Model tensors the file lacked and that keep their fresh initialisation (allowed heads only).
    pub initialised: Vec<String>,
}

/// Loads `file` into `module`. `may_be_missing(path)` says which module tensors may stay initialised;
/// `may_be_extra(key)` which file tensors (beyond [`TOLERATED_EXTRA`]) may be skipped. Tensors are converted
/// to `dtype`, the model's float type.
pub(crate) fn load<B: Backend, M: Module<B>>(
    module: &mut M,
    file: &Path,
    dtype: DType,
    may_be_missing: impl Fn(&str) -> bool,
    may_be_extra: impl Fn(&str) -> bool,
) -> Result<LoadReport> {
    if !file.is_file() {
        return Err(Error::Io {
            file: file.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    let mut store = SafetensorsStore::from_file(file)
        .remap(remapper(LOAD_KEYS))
        .with_from_adapter(HfAdapter { dtype })
        .allow_partial(true)
        .validate(false);
    let result = module.load_from(&mut store).map_err(|e| store_error(file, e))?;
    if let Some(error) = result.errors.first() {
        return Err(apply_error(file, error));
    }
    let mut report = LoadReport { loaded: result.applied.len(), ..LoadReport::default() };
    for (path, _) in &result.missing {
        if !may_be_missing(path) {
            return Err(Error::MissingTensor { file: file.to_path_buf(), tensor: hf_name(path) });
        }
        report.initialised.push(hf_name(path));
    }
    for key in &result.unused {
        let key = hf_name(key);
        if !TOLERATED_EXTRA.iter().any(|t| key.ends_with(t)) && !may_be_extra(&key) {
            return Err(Error::UnexpectedTensor { file: file.to_path_buf(), tensor: key });
        }
        report.ignored.push(key);
    }
    Ok(report)
}

/// Writes `module` to `file` in HuggingFace's layout (keys, LayerNorm names, `score` transposed), in its
/// own float type, with the `format: pt` metadata `transformers` requires.
pub(crate) fn save<B: Backend, M: Module<B>>(module: &M, file: &Path, dtype: DType) -> Result<()> {
    let mut store = SafetensorsStore::from_file(file)
        .remap(remapper(SAVE_KEYS))
        .with_to_adapter(HfAdapter { dtype })
        .clear_metadata()
        .metadata("format", "pt")
        .overwrite(true);
    module.save_into(&mut store).map_err(|e| store_error(file, e))
}

/// The HuggingFace name of a module path (LayerNorm `gamma`/`beta` back to `weight`/`bias`).
fn hf_name(path: &str) -> String {
    if let Some(stem) = path.strip_suffix(".gamma") {
        format!("{stem}.weight")
    } else if let Some(stem) = path.strip_suffix(".beta") {
        format!("{stem}.bias")
    } else {
        path.to_string()
    }
}

fn remapper(table: &[(&str, &str)]) -> KeyRemapper {
    KeyRemapper::from_patterns(table.to_vec()).expect("the key tables are valid regexes")
}

fn store_error(file: &Path, e: SafetensorsStoreError) -> Error {
    match e {
        SafetensorsStoreError::Io(source) => Error::Io { file: file.to_path_buf(), source },
        other => Error::Safetensors { file: file.to_path_buf(), reason: other.to_string() },
    }
}

fn apply_error(file: &Path, e: &ApplyError) -> Error {
    let file = file.to_path_buf();
    match e {
        ApplyError::ShapeMismatch { path, expected, found } => Error::ShapeMismatch {
            file,
            tensor: hf_name(path),
            expected: expected.iter().copied().collect(),
            found: found.iter().copied().collect(),
        },
        ApplyError::DTypeMismatch { path, expected, found } => {
            Error::BadTensor { file, tensor: hf_name(path), reason: format!("dtype {found:?}, expected {expected:?}") }
        }
        ApplyError::AdapterError { path, message } | ApplyError::LoadError { path, message } => {
            Error::BadTensor { file, tensor: hf_name(path), reason: message.clone() }
        }
    }
}

/// Converts tensors to the model's float type and transposes the one `torch.nn.Linear` weight (`score`),
/// in both directions (the transpose is its own inverse).
#[derive(Debug, Clone)]
struct HfAdapter {
    dtype: DType,
}

impl ModuleAdapter for HfAdapter {
    fn adapt(&self, snapshot: &TensorSnapshot) -> TensorSnapshot {
        let path = snapshot.path_stack.clone().unwrap_or_default();
        let transpose = path.ends_with(&["score".to_string(), "weight".to_string()]) && snapshot.shape.len() == 2;
        let float = matches!(snapshot.dtype, DType::F64 | DType::F32 | DType::F16 | DType::BF16);
        if !float || (!transpose && snapshot.dtype == self.dtype) {
            return snapshot.clone();
        }
        let data_fn = snapshot.clone_data_fn();
        let dtype = self.dtype;
        let mut shape: Vec<usize> = snapshot.shape.iter().copied().collect();
        if transpose {
            shape.reverse();
        }
        TensorSnapshot::from_closure(
            Rc::new(move || {
                let data = data_fn()?;
                let data = if transpose { transpose_2d(data) } else { data };
                Ok(data.convert_dtype(dtype))
            }),
            dtype,
            Shape::from(shape),
            path,
            snapshot.container_stack.clone().unwrap_or_default(),
            snapshot.tensor_id.unwrap_or_default(),
        )
    }

    fn clone_box(&self) -> Box<dyn ModuleAdapter> {
        Box::new(self.clone())
    }
}

/// `[r, c]` → `[c, r]`, through f64 so that no float type loses precision.
fn transpose_2d(data: TensorData) -> TensorData {
    let dims: Vec<usize> = data.shape.iter().copied().collect();
    let (r, c) = (dims[0], dims[1]);
    let values: Vec<f64> = data.convert_dtype(DType::F64).into_vec().unwrap_or_default();
    let mut out = vec![0.0; values.len()];
    for i in 0..r {
        for j in 0..c {
            out[j * r + i] = values[i * c + j];
        }
    }
    TensorData::new(out, [c, r])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_hf_name() {
        assert_eq!(hf_name("transformer.h.0.ln_1.gamma"), "transformer.h.0.ln_1.weight");
        assert_eq!(hf_name("transformer.ln_f.beta"), "transformer.ln_f.bias");
        assert_eq!(hf_name("score.weight"), "score.weight");
    }

    #[test]
    fn test_transpose_2d() {
        let t = transpose_2d(TensorData::new(vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]));
        assert_eq!(t.shape.iter().copied().collect::<Vec<_>>(), vec![3, 2]);
        assert_eq!(t.into_vec::<f64>().unwrap_or_default(), vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
    }
}
