//! Inference in batches: class probabilities, regression values, language-model loss, and the
//! evaluations (loss + metrics) the training loop selects models by.
//!
//! Batches keep the set's order; each row's outputs are read back to the host once per batch.

use std::collections::BTreeMap;

use burn::tensor::activation::log_softmax;
use burn::tensor::backend::Backend;
use gptomics_gpt2::{ForwardOptions, Gpt2ForSequenceClassification, Gpt2LmHeadModel};

use crate::data::Targets;
use crate::encode::EncodedSet;
use crate::error::{Error, Result};
use crate::metrics::{classification_metrics, regression_metrics};
use crate::trainer::Evaluation;

/// Row-major `[n, num_labels]` head outputs of `model` for every sequence of `set`.
pub fn classifier_outputs<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<f64>> {
    let mut out = Vec::with_capacity(set.len() * model.num_labels());
    for indices in chunks(set.len(), batch_size)? {
        let batch = set.batch::<B>(&indices, device)?;
        let logits =
            model.forward(batch.input.ids, Some(batch.input.attention_mask), ForwardOptions::default())?.logits;
        out.extend(to_f64(logits.into_data())?);
    }
    Ok(out)
}

/// Class probabilities (softmax of the logits), row-major `[n, num_classes]`.
pub fn predict_proba<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<f64>> {
    let k = model.num_labels();
    let mut logits = classifier_outputs(model, set, batch_size, device)?;
    for row in logits.chunks_mut(k) {
        let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = row.iter().map(|v| (v - max).exp()).sum();
        row.iter_mut().for_each(|v| *v = (*v - max).exp() / sum);
    }
    Ok(logits)
}

/// Validation loss (mean cross-entropy) and every classification metric of `model` on `set`.
pub fn evaluate_classifier<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Evaluation> {
    let Targets::Classes { labels, .. } = &set.targets else {
        return Err(Error::InvalidConfig("evaluating a classifier needs class labels".into()));
    };
    let k = model.num_labels();
    let proba = predict_proba(model, set, batch_size, device)?;
    let loss = labels.iter().enumerate().map(|(i, &l)| -proba[i * k + l].max(f64::MIN_POSITIVE).ln()).sum::<f64>()
        / labels.len() as f64;
    let mut metrics = classification_metrics(labels, &proba, k)?.to_map();
    metrics.insert("loss".to_string(), loss);
    Ok(Evaluation { metrics })
}

/// Regression predictions (the single head output) for every sequence of `set`.
pub fn predict_values<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Vec<f64>> {
    if model.num_labels() != 1 {
        return Err(Error::InvalidConfig(format!("a regression model has 1 output, not {}", model.num_labels())));
    }
    classifier_outputs(model, set, batch_size, device)
}

/// Validation loss (mean squared error) and the regression metrics of `model` on `set`.
pub fn evaluate_regressor<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Evaluation> {
    let Targets::Values(truth) = &set.targets else {
        return Err(Error::InvalidConfig("evaluating a regressor needs values".into()));
    };
    let predicted = predict_values(model, set, batch_size, device)?;
    let m = regression_metrics(truth, &predicted)?;
    let mut metrics = m.to_map();
    metrics.insert("loss".to_string(), m.mse);
    Ok(Evaluation { metrics })
}

/// Mean next-token loss over all predicted tokens of `set` (each token weighs the same), and perplexity.
pub fn evaluate_lm<B: Backend>(
    model: &Gpt2LmHeadModel<B>,
    set: &EncodedSet,
    batch_size: usize,
    device: &B::Device,
) -> Result<Evaluation> {
    let (mut total, mut count) = (0.0, 0usize);
    for indices in chunks(set.len(), batch_size)? {
        let batch = set.batch::<B>(&indices, device)?;
        let logits = model
            .forward(
                batch.input.ids.clone(),
                Some(batch.input.attention_mask.clone()),
                ForwardOptions::default(),
                None,
            )?
            .logits;
        let [b, t, v] = logits.dims();
        if t < 2 {
            continue;
        }
        let log_p = log_softmax(logits.slice([0..b, 0..t - 1, 0..v]), 2); // [B, T-1, V]
        let next = batch.input.ids.slice([0..b, 1..t]).reshape([b, t - 1, 1]);
        let picked = to_f64(log_p.gather(2, next).reshape([b, t - 1]).into_data())?;
        let mask = batch.input.attention_mask.slice([0..b, 1..t]).into_data().convert::<i64>();
        let mask = mask.into_vec::<i64>().map_err(|e| Error::InvalidInput(format!("{e:?}")))?;
        for (lp, m) in picked.iter().zip(&mask) {
            if *m == 1 {
                total -= lp;
                count += 1;
            }
        }
    }
    if count == 0 {
        return Err(Error::Dataset("no sequence has two tokens to predict the next from".into()));
    }
    let loss = total / count as f64;
    Ok(Evaluation { metrics: BTreeMap::from([("loss".to_string(), loss), ("perplexity".to_string(), loss.exp())]) })
}

/// `0..n` in consecutive chunks of `size`.
pub(crate) fn chunks(n: usize, size: usize) -> Result<Vec<Vec<usize>>> {
    if size == 0 {
        return Err(Error::InvalidConfig("batch size must be at least 1".into()));
    }
    Ok((0..n).collect::<Vec<_>>().chunks(size).map(<[usize]>::to_vec).collect())
}

/// A tensor's values as f64, whatever its float type.
pub(crate) fn to_f64(data: burn::tensor::TensorData) -> Result<Vec<f64>> {
    data.convert::<f64>().into_vec::<f64>().map_err(|e| Error::InvalidInput(format!("reading model outputs: {e:?}")))
}
