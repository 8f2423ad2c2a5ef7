//! The sample stage: a GPT-2 classifies samples of the main contrast's two groups from their gene
//! sentences (genes ranked by expression relative to their median, Geneformer's rank-value encoding),
//! scored by leave-one-out (or 5-fold) cross-validation with an expression baseline beside it; then a model
//! trained on every sample names the genes its attention weighs most, which are tested for overlap with the
//! DE genes, and its sentence embeddings are projected on their principal components.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use burn::tensor::backend::{AutodiffBackend, Backend};
use gptomics_expr::enrichment::hypergeometric_upper_tail;
use gptomics_gpt2::{Gpt2ForSequenceClassification, Gpt2Model, Pooling};
use gptomics_seqio::counts::CountTable;
use gptomics_tokenize::gene_sentence::RankValueEncoder;
use gptomics_train::attribution::token_attention;
use gptomics_train::baseline::{Features, LogisticRegression, Standardizer};
use gptomics_train::config::{Monitor, TrainConfig};
use gptomics_train::data::Targets;
use gptomics_train::embed::{embeddings, token_embeddings};
use gptomics_train::encode::EncodedSet;
use gptomics_train::metrics::classification_metrics;
use gptomics_train::predict::predict_proba;
use gptomics_train::split::{Fold, stratified_k_fold};
use gptomics_train::task::fit_sequence_model;
use gptomics_train::trainer::{Event, RunOptions};
use serde::{Deserialize, Serialize};

use super::config::Settings;
use super::embedding::{DeClass, GeneEmbedding, gene_pca, sample_pca};
use super::error::{Error, Result};
use super::expression::ExpressionSummary;
use super::inputs::Loaded;
use super::stage::write_atomic;

/// Genes in the attention top list.
const TOP_GENES: usize = 30;
/// Most variable genes (on the training samples) the baseline uses.
const BASELINE_GENES: usize = 500;

/// A gene the sample classifier attends to.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GeneImportance {
    /// Symbol.
    pub name: String,
    /// Mean attention from the pooling token, over samples whose sentence holds the gene (genes in fewer
    /// than half of the sentences are not ranked).
    pub attention: f64,
    /// Whether the gene is DE in the main contrast.
    pub de: bool,
}

/// What the sample stage found.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SampleSummary {
    /// The classes: `[denominator, numerator]` of the main contrast.
    pub classes: [String; 2],
    /// Samples classified.
    pub samples: usize,
    /// `leave-one-out` or `5-fold`.
    pub scheme: String,
    /// Pooled out-of-fold metrics of the language model.
    pub model: BTreeMap<String, f64>,
    /// Pooled out-of-fold metrics of the baseline (L2 logistic regression on standardised log CPM, prior
    /// count 2, of the 500 genes most variable in the training part).
    pub baseline: BTreeMap<String, f64>,
    /// The genes the all-sample model attends to most.
    pub top_genes: Vec<GeneImportance>,
    /// Of `top_genes`, how many are DE.
    pub overlap: usize,
    /// DE genes among the genes that appear in some sentence (the universe of the overlap test).
    pub de_in_universe: usize,
    /// Genes that appear in some sentence.
    pub universe: usize,
    /// Hypergeometric upper-tail p-value of the overlap.
    pub overlap_p: f64,
    /// Variance fraction of the first two principal components of the sample embeddings.
    pub embedding_pca_variance: Vec<f64>,
    /// PCA of the ranked genes' token embeddings, up against down genes.
    pub gene_embedding: GeneEmbedding,
}

/// Cross-validates the classifier and the baseline, then fits on all samples for the gene and embedding
/// analyses; writes `predictions.tsv`, `attention_genes.tsv`, `plots/embedding_pca.png` and
/// `plots/gene_embedding_pca.png` into `dir`.
pub fn run<B: AutodiffBackend>(
    loaded: &Loaded,
    expression: &ExpressionSummary,
    settings: &Settings,
    dir: &Path,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<SampleSummary> {
    let contrast = &expression.main()?.contrast;
    let column = loaded.levels(&contrast.factor)?;
    let all_samples = loaded.table.samples();
    let (mut members, mut labels) = (Vec::new(), Vec::new());
    for (s, level) in column.iter().enumerate() {
        for (label, wanted) in [(0, &contrast.denominator), (1, &contrast.numerator)] {
            if level == wanted {
                members.push(all_samples[s].clone());
                labels.push(label);
            }
        }
    }
    let table = loaded.table.select_samples(&members)?;
    let n = members.len();
    let (folds, scheme) = if n <= 24 {
        let folds = (0..n).map(|i| Fold { train: (0..n).filter(|&j| j != i).collect(), test: vec![i] }).collect();
        (folds, "leave-one-out")
    } else {
        (stratified_k_fold(&labels, 5, settings.seed)?, "5-fold")
    };
    let classes = [contrast.denominator.clone(), contrast.numerator.clone()];
    let counts: Vec<f64> = table.counts().iter().map(|&c| c as f64).collect();
    let log_cpm = gptomics_expr::normalize::log_cpm(&counts, n, 2.0)?;
    let (mut model_p, mut baseline_p) = (vec![0.0; 2 * n], vec![0.0; 2 * n]);
    for (f, fold) in folds.iter().enumerate() {
        let train_names: Vec<&str> = fold.train.iter().map(|&i| members[i].as_str()).collect();
        let encoder = RankValueEncoder::fit_samples(&table, &train_names)?.with_top_n(Some(settings.sentence_genes));
        let set = sentences(&encoder, &table, &members, &labels, &classes)?;
        let config = sentence_config(settings, f as u64);
        let model = settings.model_spec(set.vocab_size, settings.sentence_genes + 2)?.sequence_model::<B>(
            2,
            config.seed,
            device,
        )?;
        let trained =
            fit_sequence_model(model, &set.subset(&fold.train), None, &config, &RunOptions::default(), device, events)?;
        let p = predict_proba(&trained.model, &set.subset(&fold.test), 8, device)?;
        let q = baseline_proba(&log_cpm, n, &labels, fold)?;
        for (k, &i) in fold.test.iter().enumerate() {
            model_p[2 * i..2 * i + 2].copy_from_slice(&p[2 * k..2 * k + 2]);
            baseline_p[2 * i..2 * i + 2].copy_from_slice(&q[2 * k..2 * k + 2]);
        }
    }
    let model = classification_metrics(&labels, &model_p, 2)?.to_map();
    let baseline = classification_metrics(&labels, &baseline_p, 2)?.to_map();
    let mut text = String::from("sample\tgroup\tmodel_p\tbaseline_p\n");
    for i in 0..n {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            members[i],
            classes[labels[i]],
            model_p[2 * i + 1],
            baseline_p[2 * i + 1]
        ));
    }
    write_atomic(&dir.join("predictions.tsv"), text.as_bytes())?;

    // The all-sample model: attention to genes, and embeddings.
    let encoder = RankValueEncoder::fit(&table)?.with_top_n(Some(settings.sentence_genes));
    let set = sentences(&encoder, &table, &members, &labels, &classes)?;
    let config = sentence_config(settings, folds.len() as u64);
    let initial = settings.model_spec(set.vocab_size, settings.sentence_genes + 2)?.sequence_model::<B>(
        2,
        config.seed,
        device,
    )?;
    let trained = fit_sequence_model(initial, &set, None, &config, &RunOptions::default(), device, events)?;
    let de: BTreeSet<&str> = expression.main()?.up.iter().chain(&expression.main()?.down).map(String::as_str).collect();
    let importance = gene_attention(&trained.model, &set, &encoder, device)?;
    let id_to_name: BTreeMap<&str, &str> =
        loaded.table.genes().iter().map(String::as_str).zip(loaded.gene_names.iter().map(String::as_str)).collect();
    let universe = importance.len();
    let de_in_universe = importance.iter().filter(|(id, _)| de.contains(id.as_str())).count();
    let top_genes: Vec<GeneImportance> = importance
        .iter()
        .take(TOP_GENES)
        .map(|(id, attention)| GeneImportance {
            name: id_to_name.get(id.as_str()).copied().unwrap_or(id).to_string(),
            attention: *attention,
            de: de.contains(id.as_str()),
        })
        .collect();
    let overlap = top_genes.iter().filter(|g| g.de).count();
    let overlap_p =
        hypergeometric_upper_tail(overlap as u64, de_in_universe as u64, top_genes.len() as u64, universe as u64)?;
    let mut text = String::from("gene\tmean_attention\tde\n");
    for (id, attention) in &importance {
        let name = id_to_name.get(id.as_str()).copied().unwrap_or(id);
        text.push_str(&format!("{name}\t{attention}\t{}\n", de.contains(id.as_str())));
    }
    write_atomic(&dir.join("attention_genes.tsv"), text.as_bytes())?;

    let plots = dir.join("plots");
    std::fs::create_dir_all(&plots).map_err(|e| Error::io(&plots, e))?;
    let transformer = &trained.model.transformer;
    let vectors = embeddings(transformer, &set, transformer.config().n_layer, Pooling::Mean, 8, device)?;
    let groups: Vec<&str> = labels.iter().map(|&l| classes[l].as_str()).collect();
    let embedding_pca_variance = sample_pca(&vectors, &members, &groups, &plots.join("embedding_pca.png"))?;
    let gene_embedding = project_genes(&id_to_name, expression, &importance, &encoder, transformer, &plots, device)?;
    Ok(SampleSummary {
        classes,
        samples: n,
        scheme: scheme.into(),
        model,
        baseline,
        top_genes,
        overlap,
        de_in_universe,
        universe,
        overlap_p,
        embedding_pca_variance,
        gene_embedding,
    })
}

/// Training settings of the sentence classifier: a handful of sentences, so a fixed number of epochs and
/// no validation part (every sample is needed for training or testing).
fn sentence_config(settings: &Settings, salt: u64) -> TrainConfig {
    let base = TrainConfig::for_start(settings.weights.is_some());
    TrainConfig {
        max_epochs: settings.sentence_epochs,
        learning_rate: if settings.weights.is_none() && settings.preset == "motif" { 1e-3 } else { base.learning_rate },
        batch_size: 4,
        grad_accum: 1,
        patience: None,
        monitor: Monitor::loss(),
        seed: settings.seed.wrapping_add(salt),
        ..base
    }
}

/// Every member's gene sentence, with its class.
fn sentences(
    encoder: &RankValueEncoder,
    table: &CountTable,
    members: &[String],
    labels: &[usize],
    classes: &[String; 2],
) -> Result<EncodedSet> {
    let mut ids = Vec::with_capacity(members.len());
    let mut offsets = Vec::with_capacity(members.len());
    for sample in members {
        let encoding = encoder.encode_sample(table, sample)?;
        offsets.push((0..encoding.len()).map(|i| (i, i + 1)).collect());
        ids.push(encoding.ids().to_vec());
    }
    let pad_id =
        encoder.special_tokens().pad_id().ok_or_else(|| Error::input("the gene vocabulary has no padding token"))?;
    Ok(EncodedSet {
        lengths: ids.iter().map(Vec::len).collect(),
        ids,
        offsets,
        names: members.to_vec(),
        targets: Targets::Classes { names: classes.to_vec(), labels: labels.to_vec() },
        pad_id,
        vocab_size: encoder.vocab().len(),
    })
}

/// Mean attention per gene (table ID) over the sentences holding it, highest first.
fn gene_attention<B: Backend>(
    model: &Gpt2ForSequenceClassification<B>,
    set: &EncodedSet,
    encoder: &RankValueEncoder,
    device: &B::Device,
) -> Result<Vec<(String, f64)>> {
    let scores = token_attention(model, set, 8, device)?;
    let mut sums: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
    for (ids, scores) in set.ids.iter().zip(&scores) {
        for (&id, &score) in ids.iter().zip(scores) {
            let entry = sums.entry(id).or_insert((0.0, 0));
            entry.0 += score;
            entry.1 += 1;
        }
    }
    let vocab = encoder.vocab();
    let genes: BTreeSet<&str> = encoder.genes().iter().map(String::as_str).collect();
    // A gene in one or two sentences could top the list on a single attention value: require half of them.
    let least = set.len().div_ceil(2);
    let mut out: Vec<(String, f64)> = sums
        .into_iter()
        .filter(|&(_, (_, count))| count >= least)
        .filter_map(|(id, (sum, count))| {
            let token = vocab.id_to_token(id)?;
            genes.contains(token).then(|| (token.to_string(), sum / count as f64))
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// The gene-embedding PCA over the genes `importance` ranks (table IDs), drawn as
/// `plots/gene_embedding_pca.png`.
fn project_genes<B: Backend>(
    id_to_name: &BTreeMap<&str, &str>,
    expression: &ExpressionSummary,
    importance: &[(String, f64)],
    encoder: &RankValueEncoder,
    transformer: &Gpt2Model<B>,
    plots: &Path,
    device: &B::Device,
) -> Result<GeneEmbedding> {
    let main = expression.main()?;
    let (up, down): (BTreeSet<&str>, BTreeSet<&str>) =
        (main.up.iter().map(String::as_str).collect(), main.down.iter().map(String::as_str).collect());
    let ids: Vec<String> = importance.iter().map(|(id, _)| id.clone()).collect();
    let tokens = encoder.vocab().genes_to_ids(&ids)?;
    let vectors = token_embeddings(transformer, &tokens, device)?;
    let names: Vec<String> =
        ids.iter().map(|id| id_to_name.get(id.as_str()).copied().unwrap_or(id).to_string()).collect();
    let classes: Vec<DeClass> = ids
        .iter()
        .map(|id| match (up.contains(id.as_str()), down.contains(id.as_str())) {
            (true, _) => DeClass::Up,
            (_, true) => DeClass::Down,
            _ => DeClass::Unchanged,
        })
        .collect();
    gene_pca(&vectors, &names, &classes, &plots.join("gene_embedding_pca.png"))
}

/// Baseline class probabilities for a fold's test samples: edgeR's log CPM (`log_cpm`, gene-major over the
/// classified samples; per sample, so it leaks nothing across folds), the most variable genes of the
/// training samples, standardised on them, L2 logistic regression (C = 1).
fn baseline_proba(log_cpm: &[f64], n_samples: usize, labels: &[usize], fold: &Fold) -> Result<Vec<f64>> {
    let value = |g: usize, s: usize| log_cpm[g * n_samples + s];
    let mut variance: Vec<(usize, f64)> = (0..log_cpm.len() / n_samples)
        .map(|g| {
            let v: Vec<f64> = fold.train.iter().map(|&s| value(g, s)).collect();
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            (g, v.iter().map(|x| (x - mean).powi(2)).sum::<f64>())
        })
        .collect();
    variance.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let chosen: Vec<usize> = variance.iter().take(BASELINE_GENES).map(|&(g, _)| g).collect();
    let features = |rows: &[usize]| {
        let values = rows.iter().flat_map(|&s| chosen.iter().map(move |&g| value(g, s))).collect();
        Features::new(rows.len(), chosen.len(), values)
    };
    let mut train = features(&fold.train)?;
    let mut test = features(&fold.test)?;
    let scaler = Standardizer::fit(&train)?;
    scaler.transform(&mut train)?;
    scaler.transform(&mut test)?;
    let train_labels: Vec<usize> = fold.train.iter().map(|&i| labels[i]).collect();
    let model = LogisticRegression::fit(&train, &train_labels, 2, 1.0)?;
    Ok(model.predict_proba(&test)?)
}
