//! The losses the loop optimises, per model: cross-entropy for class labels and mean squared error for
//! values on the sequence classifier (HuggingFace's `problem_type` single-label / regression), and the
//! shifted next-token cross-entropy for the language model.

use burn::tensor::Tensor;
use burn::tensor::backend::AutodiffBackend;
use gptomics_gpt2::loss::{cross_entropy, mse};
use gptomics_gpt2::{ForwardOptions, Gpt2ForSequenceClassification, Gpt2LmHeadModel};

use crate::encode::{BatchTargets, TrainBatch};
use crate::error::{Error, Result};
use crate::trainer::Objective;

impl<B: AutodiffBackend> Objective<B> for Gpt2ForSequenceClassification<B> {
    fn batch_loss(&self, batch: &TrainBatch<B>) -> Result<Tensor<B, 1>> {
        let input = &batch.input;
        let logits =
            self.forward(input.ids.clone(), Some(input.attention_mask.clone()), ForwardOptions::default())?.logits;
        match &batch.targets {
            BatchTargets::Classes(labels) => Ok(cross_entropy(logits, labels.clone())),
            BatchTargets::Values(values) => {
                if self.num_labels() != 1 {
                    return Err(Error::InvalidConfig(format!(
                        "a regression model has one output, this one has {}",
                        self.num_labels()
                    )));
                }
                Ok(mse(logits, values.clone()))
            }
            BatchTargets::None => Err(Error::InvalidConfig("a sequence classifier needs labels or values".into())),
        }
    }
}

impl<B: AutodiffBackend> Objective<B> for Gpt2LmHeadModel<B> {
    fn batch_loss(&self, batch: &TrainBatch<B>) -> Result<Tensor<B, 1>> {
        let input = &batch.input;
        let logits = self
            .forward(input.ids.clone(), Some(input.attention_mask.clone()), ForwardOptions::default(), None)?
            .logits;
        Ok(Gpt2LmHeadModel::loss(logits, Gpt2LmHeadModel::labels(input.ids.clone(), input.attention_mask.clone())))
    }
}
