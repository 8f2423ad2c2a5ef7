//! The promoter stage: a GPT-2 reads promoter windows of the main contrast's up-regulated genes and of
//! unchanged background genes, learns to tell them apart, and its attention (ALRW) points at the sequence
//! it uses; the k-mers of high-attention regions are tested for enrichment. The k-mer baseline is scored
//! on the same split, so the report can say whether the language model adds anything.
//!
//! The background holds up to 20 unchanged genes per up gene: on the demo, ~120 up genes against as many
//! background genes overfit by epoch 4 with near-uniform attention; against 20× the attention found the
//! planted motif (docs/pipeline.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use burn::tensor::backend::AutodiffBackend;
use gptomics_seqio::annotation::{Gene, GeneModels};
use gptomics_seqio::extract::{EdgePolicy, Window, promoter};
use gptomics_seqio::fasta::IndexedReader;
use gptomics_tokenize::from_spec;
use gptomics_train::baseline::BaselineOptions;
use gptomics_train::config::{Monitor, TrainConfig};
use gptomics_train::data::{Dataset, Targets};
use gptomics_train::motifs::{KmerEnrichment, RegionRule};
use gptomics_train::rng::SplitMix64;
use gptomics_train::split::{Fractions, stratified_split};
use gptomics_train::trainer::Event;
use gptomics_train::workflow::{Job, train_and_test};
use serde::{Deserialize, Serialize};

use super::config::Settings;
use super::error::{Error, Result};
use super::expression::ExpressionSummary;
use super::inputs::Loaded;

/// The class names of the promoter model.
pub const CLASSES: [&str; 2] = ["background", "up"];

/// What the promoter stage found.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PromoterSummary {
    /// Up-regulated genes with a promoter (class `up`).
    pub up_genes: usize,
    /// Background genes drawn (class `background`: genes significant in no contrast, up to
    /// [`Settings::background_per_up`] per up gene).
    pub background_genes: usize,
    /// Genes in the held-out test part.
    pub test_genes: usize,
    /// The window, as `-upstream..+downstream` around the TSS.
    pub window: String,
    /// The language model's test metrics.
    pub model: BTreeMap<String, f64>,
    /// The k-mer baseline's test metrics on the same genes.
    pub baseline: BTreeMap<String, f64>,
    /// The most enriched k-mers of the `up` class's high-attention regions.
    pub top_kmers: Vec<KmerEnrichment>,
    /// Seconds of training.
    pub train_seconds: f64,
}

/// Builds the promoter dataset, trains and tests, and writes the model and motif files into `dir`. The inner
/// `Err` is a reason to skip the stage (too few genes), reported as a note rather than failing the run.
pub fn run<B: AutodiffBackend>(
    loaded: &Loaded,
    expression: &ExpressionSummary,
    settings: &Settings,
    dir: &Path,
    device: &B::Device,
    events: &mut dyn FnMut(&Event<'_>),
) -> Result<std::result::Result<PromoterSummary, String>> {
    let Some((fasta, models)) = &loaded.genome else {
        return Err(Error::input("the promoter stage needs --genome and --gtf"));
    };
    let main = expression.main()?;
    let significant: BTreeSet<&str> =
        expression.contrasts.iter().flat_map(|c| c.up.iter().chain(&c.down)).map(String::as_str).collect();
    let ids = loaded.table.genes();
    let gene_of = |g: usize| find_gene(models, &ids[g], &loaded.gene_names[g]);
    // One row per gene model: two table rows that resolve to one model (e.g. by symbol) would put one
    // promoter in both classes or both splits.
    let mut seen = BTreeSet::new();
    let mut pick = |pool: &BTreeSet<&str>, exclude: &BTreeSet<&str>| -> Vec<usize> {
        (0..ids.len())
            .filter(|&g| pool.contains(ids[g].as_str()) && !exclude.contains(ids[g].as_str()))
            .filter(|&g| gene_of(g).is_some_and(|gene| seen.insert(gene.id().to_string())))
            .collect()
    };
    let up = pick(&main.up.iter().map(String::as_str).collect(), &BTreeSet::new());
    // Background: tested genes (an adjusted p-value exists, so expressed enough to be tested) that are
    // significant in no contrast, so the model compares up-regulated with unchanged, not with unexpressed.
    let mut background = pick(&main.unchanged.iter().map(String::as_str).collect(), &significant);
    if up.len() < 10 || background.len() < up.len() {
        return Ok(Err(format!(
            "promoter stage skipped: {} up-regulated and {} unchanged genes with an annotated promoter; it needs \
             at least 10 up and as many unchanged",
            up.len(),
            background.len()
        )));
    }
    SplitMix64::new(settings.seed).shuffle(&mut background);
    background.truncate(up.len() * settings.background_per_up);
    background.sort_unstable();

    let window = Window::new(settings.promoter_upstream, settings.promoter_downstream, EdgePolicy::PadN);
    let mut genome = IndexedReader::from_path(fasta)?;
    let mut data = Dataset {
        ids: Vec::new(),
        sequences: Vec::new(),
        targets: Targets::Classes { names: CLASSES.map(String::from).to_vec(), labels: Vec::new() },
        groups: None,
    };
    let mut labels = Vec::new();
    for (label, genes) in [(0, &background), (1, &up)] {
        for &g in genes {
            let gene = gene_of(g).ok_or_else(|| Error::input(format!("gene {} lost its model", ids[g])))?;
            data.sequences.push(promoter(&mut genome, gene, &window)?.to_ascii_uppercase());
            data.ids.push(loaded.gene_names[g].clone());
            labels.push(label);
        }
    }
    let split = stratified_split(&labels, Fractions { validation: 0.0, test: 0.25 }, settings.seed)?;
    data.targets = Targets::Classes { names: CLASSES.map(String::from).to_vec(), labels };
    let (train, test) = (data.subset(&split.train), data.subset(&split.test));

    let tokenizer = from_spec(&settings.tokenizer)?;
    let sequences: Vec<&[u8]> = data.sequences.iter().map(Vec::as_slice).collect();
    let max_len = tokenizer.encode_batch(&sequences)?.iter().map(|e| e.len()).max().unwrap_or(1);
    let spec = settings.model_spec(tokenizer.vocab_size(), max_len)?;
    let base = TrainConfig::for_start(settings.weights.is_some());
    let config = TrainConfig {
        max_epochs: settings.promoter_epochs(),
        // From scratch, the small `motif` model wants a larger step than the presets' 5e-4 (measured in
        // crates/train/tests/motif_recovery.rs: 2e-3 learns a planted motif in a few epochs).
        learning_rate: if settings.weights.is_none() && settings.preset == "motif" { 2e-3 } else { base.learning_rate },
        batch_size: if settings.weights.is_none() { 32 } else { base.batch_size },
        patience: Some(3),
        monitor: Monitor::loss(),
        seed: settings.seed,
        ..base
    };
    let baseline = BaselineOptions { seed: settings.seed, ..BaselineOptions::default() };
    let model_dir = dir.join("model");
    let job = Job {
        train: &train,
        test: &test,
        tokenizer: tokenizer.as_ref(),
        spec: &spec,
        config: &config,
        truncation: None,
        validation_fraction: 0.15,
        baseline: &baseline,
        out_dir: Some(&model_dir),
        resume: false,
        motifs: Some((RegionRule::default(), 6)),
    };
    let report = train_and_test::<B>(&job, device, events)?;
    Ok(Ok(PromoterSummary {
        up_genes: up.len(),
        background_genes: background.len(),
        test_genes: test.len(),
        window: format!("-{}..+{}", settings.promoter_upstream, settings.promoter_downstream),
        model: report.model,
        baseline: report.baseline,
        top_kmers: report.top_kmers.get(CLASSES[1]).cloned().unwrap_or_default(),
        train_seconds: report.train_seconds,
    }))
}

/// The gene model of a table row: by ID (with or without an Ensembl version suffix), else by symbol.
fn find_gene<'a>(models: &'a GeneModels, id: &str, name: &str) -> Option<&'a Gene> {
    let unversioned = id.split_once('.').map_or(id, |(stem, _)| stem);
    models.get(id).or_else(|| models.get(unversioned)).or_else(|| models.by_name(name).into_iter().next())
}
