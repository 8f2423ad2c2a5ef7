//! Sequences → token ids that fit the model, and token ids → batches of tensors.
//!
//! Encoding happens once per dataset ([`EncodedSet::new`]); the training loop then only gathers rows.
//! A sequence longer than the model's context is an error unless the caller chose a truncation rule:
//! silently cutting a promoter's 3′ end changes what the model can learn, so the choice is the user's.

use burn::tensor::{Int, Tensor, TensorData, backend::Backend};
use gptomics_gpt2::Input;
use gptomics_tokenize::{SequenceTokenizer, batch::Truncation};

use crate::data::{Dataset, Targets};
use crate::error::{Error, Result};

/// A dataset as token ids, with each token's base offsets (for attention attribution) and the targets.
#[derive(Clone, Debug)]
pub struct EncodedSet {
    /// Token ids per sequence (specials included).
    pub ids: Vec<Vec<u32>>,
    /// Per token, the half-open range of bases it covers (`(0, 0)` for special tokens).
    pub offsets: Vec<Vec<(usize, usize)>>,
    /// Sequence lengths in bases.
    pub lengths: Vec<usize>,
    /// The sequences' ids.
    pub names: Vec<String>,
    /// The targets, as in the dataset.
    pub targets: Targets,
    /// The padding id used when batching.
    pub pad_id: u32,
    /// The vocabulary size the ids index.
    pub vocab_size: usize,
}

impl EncodedSet {
    /// Encodes `dataset` with `tokenizer` for a model of `max_len` positions. Longer encodings are cut by
    /// `truncation` (specials kept), or are an [`Error::TooLong`] naming the first such sequence when
    /// `truncation` is `None`.
    pub fn new(
        dataset: &Dataset,
        tokenizer: &dyn SequenceTokenizer,
        max_len: usize,
        truncation: Option<Truncation>,
    ) -> Result<Self> {
        if dataset.is_empty() {
            return Err(Error::Dataset("no sequences to encode".into()));
        }
        let sequences: Vec<&[u8]> = dataset.sequences.iter().map(Vec::as_slice).collect();
        let encodings = tokenizer.encode_batch(&sequences)?;
        let mut ids = Vec::with_capacity(encodings.len());
        let mut offsets = Vec::with_capacity(encodings.len());
        for (index, encoding) in encodings.into_iter().enumerate() {
            let encoding = if encoding.len() > max_len {
                let Some(rule) = truncation else {
                    return Err(Error::TooLong {
                        index,
                        id: dataset.ids[index].clone(),
                        tokens: encoding.len(),
                        max: max_len,
                    });
                };
                gptomics_tokenize::batch::truncate(&encoding, max_len, rule)?
            } else {
                encoding
            };
            let specials = encoding.special_tokens_mask();
            offsets.push(
                encoding.offsets().iter().zip(specials).map(|(&o, &s)| if s == 1 { (0, 0) } else { o }).collect(),
            );
            ids.push(encoding.ids().to_vec());
        }
        let pad_id = tokenizer
            .special_tokens()
            .pad_id()
            .ok_or_else(|| Error::InvalidConfig("the tokenizer has neither a padding nor an end token".into()))?;
        Ok(Self {
            ids,
            offsets,
            lengths: dataset.sequences.iter().map(Vec::len).collect(),
            names: dataset.ids.clone(),
            targets: dataset.targets.clone(),
            pad_id,
            vocab_size: tokenizer.vocab_size(),
        })
    }

    /// Number of sequences.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The rows at `indices`, in that order.
    pub fn subset(&self, indices: &[usize]) -> Self {
        let pick = |v: &[Vec<u32>]| indices.iter().map(|&i| v[i].clone()).collect();
        Self {
            ids: pick(&self.ids),
            offsets: indices.iter().map(|&i| self.offsets[i].clone()).collect(),
            lengths: indices.iter().map(|&i| self.lengths[i]).collect(),
            names: indices.iter().map(|&i| self.names[i].clone()).collect(),
            targets: self.targets.subset(indices),
            pad_id: self.pad_id,
            vocab_size: self.vocab_size,
        }
    }

    /// Total non-padding tokens of the rows at `indices`.
    pub fn tokens(&self, indices: &[usize]) -> usize {
        indices.iter().map(|&i| self.ids[i].len()).sum()
    }

    /// A right-padded batch of the rows at `indices` with their targets, on `device`.
    pub fn batch<B: Backend>(&self, indices: &[usize], device: &B::Device) -> Result<TrainBatch<B>> {
        let rows: Vec<Vec<u32>> = indices.iter().map(|&i| self.ids[i].clone()).collect();
        let input = Input::<B>::right_padded(&rows, self.pad_id, self.vocab_size, device)?;
        let n = indices.len();
        let targets = match &self.targets {
            Targets::Classes { labels, .. } => {
                let data = TensorData::new(indices.iter().map(|&i| labels[i] as i64).collect::<Vec<_>>(), [n]);
                BatchTargets::Classes(Tensor::from_data(data, device))
            }
            Targets::Values(values) => {
                let data = TensorData::new(indices.iter().map(|&i| values[i] as f32).collect::<Vec<_>>(), [n, 1]);
                BatchTargets::Values(Tensor::<B, 2>::from_data(data.convert_dtype(float_dtype::<B>(device)), device))
            }
            Targets::None => BatchTargets::None,
        };
        Ok(TrainBatch { input, targets, tokens: self.tokens(indices) })
    }
}

/// The truncation rule a command-line flag names: `head` (keep the start, HuggingFace's default) or
/// `tail` (keep the end); `None` refuses sequences that do not fit.
pub fn parse_truncation(flag: Option<&str>) -> Result<Option<Truncation>> {
    match flag {
        None => Ok(None),
        Some("head") => Ok(Some(Truncation::Head)),
        Some("tail") => Ok(Some(Truncation::Tail)),
        Some(other) => Err(Error::InvalidConfig(format!("truncation {other:?}: use head or tail"))),
    }
}

/// The default float dtype of `B` on `device` (f32 on CPU, bf16/f16 when the backend runs so).
fn float_dtype<B: Backend>(device: &B::Device) -> burn::tensor::DType {
    Tensor::<B, 1>::zeros([1], device).dtype()
}

/// Targets of one batch.
#[derive(Debug, Clone)]
pub enum BatchTargets<B: Backend> {
    /// Class indices `[B]`.
    Classes(Tensor<B, 1, Int>),
    /// Regression values `[B, 1]`.
    Values(Tensor<B, 2>),
    /// Language modelling: the targets are the inputs shifted.
    None,
}

/// One batch: model input, targets and the number of real tokens (for throughput).
#[derive(Debug, Clone)]
pub struct TrainBatch<B: Backend> {
    /// Ids and attention mask.
    pub input: Input<B>,
    /// What the model should predict.
    pub targets: BatchTargets<B>,
    /// Non-padding tokens in the batch.
    pub tokens: usize,
}
