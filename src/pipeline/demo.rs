//! Two simulated RNA-seq cohorts with a known answer, and a synthetic genome whose promoters explain it.
//!
//! The demo runs the whole pipeline offline, on data whose truth is known, so every finding can be
//! checked. The cohorts are shaped like two GEO series:
//!
//! | cohort | after | conditions (samples) |
//! |---|---|---|
//! | `mouse_hippocampus` | GSE264537 | `control` (`CTRL_i`), `epilepsy` (`EPI_i`), `epilepsy_kd` (`EPI_KD_i`) |
//! | `zebrafish` | GSE275235 | `wild_type` (`WT_i`), `mutant` (`MUT_i`), `mutant_treated` (`MUT_TRT_i`) |
//!
//! `epilepsy_kd` is epilepsy on a ketogenic diet.
//!
//! # Count model
//!
//! Counts follow the model DESeq2 fits, so its estimates can be compared with the truth:
//!
//! - **Base means** `mu_g` (normalised counts in the control group) are log-normal, median 300, sdlog 1.5
//!   (a typical bulk RNA-seq spread over four orders of magnitude), floored at 1.
//! - **Dispersions** follow DESeq2's parametric trend `alpha_g = (0.03 + 1.5 / mu_g) * e^(0.3 z)`, `z`
//!   standard normal: the asymptotic dispersion and the Poisson-like rise at low counts seen in brain
//!   tissue, with gene-wise scatter around the trend.
//! - **Size factors** `s_j` are log-normal (sdlog 0.2, about ±20 % sequencing depth), rescaled to geometric
//!   mean 1 as DESeq2 reports them.
//! - **Counts** are negative binomial, `K_gj ~ NB(mean = s_j mu_g 2^lfc_g(condition_j), dispersion = alpha_g)`,
//!   drawn exactly as a gamma–Poisson mixture (Marsaglia–Tsang gamma; Poisson by inversion below a mean of
//!   10, by Hörmann's PTRS rejection above), with no normal approximation even for large means.
//!
//! # Planted effects
//!
//! Log2 fold changes are against the control group; [`DemoCohort::contrasts`] lists, per gene, the true
//! `disease / control`, `treated / disease` and `treated / control` fold changes (0 for null genes).
//!
//! - **Mouse markers** are the real symbols of [`gptomics_expr::gene_sets`]: the 14 reactive-astrocyte
//!   genes are up in epilepsy (log2FC uniform in 1.5..2.5), and the diet reverses most of it
//!   (`epilepsy_kd` keeps 20 % of the effect); the excitatory and inhibitory neuron markers are unchanged.
//! - **Zebrafish markers**: excitatory markers are up in the mutant (log2FC 1.25..1.75), inhibitory markers
//!   down (−1.75..−1.25), an excitatory/inhibitory imbalance; treatment restores 80 % of both.
//! - **Other genes**: 10 % of them are planted differentially expressed in disease: half up, half down,
//!   |log2FC| uniform in 1..2.5. The treatment partially reverses the up genes (keeps 30 %) and leaves the
//!   down genes as they are. The rest are null. With 5 replicates these effects are large enough for
//!   DESeq2 to find nearly all of them at a 5 % false discovery rate.
//! - Markers get base means of at least 200 and planted genes at least 50 (the log-normal above,
//!   truncated), so none is lost to low counts.
//!
//! # Genome
//!
//! [`genome()`] lays every gene on one of four contigs of random sequence (42 % GC): at least 1,000 bp of
//! intergenic sequence on either side, and a two-exon transcript on a random strand (exon 1 of 200–600
//! bp, an intron of 300–1,500 bp, exon 2 of 500–1,200 bp). The up-regulated genes
//! ([`DemoCohort::motif_genes`]: the astrocyte markers in mouse, the excitatory markers in zebrafish, and
//! every planted up gene) carry [`MOTIF`] once or twice between −200 and +50 of their TSS, read in their
//! own orientation; the background is scrubbed so that the motif occurs nowhere else, on either strand. A
//! motif-discovery method should find it as the sequence that explains the up-regulation.
//!
//! Everything is a function of [`DemoOptions::seed`]: the same options give the same bytes on every run
//! (on one platform: the floating-point `ln`/`exp` of the system maths library decide the last bits).

mod cohort;
mod files;
mod genome;
pub(crate) mod nb;

use std::path::PathBuf;

pub use self::{cohort::cohort, files::write, genome::genome};

/// The planted promoter motif: an AP-1 site (`TGACTCA`, bound by Fos/Jun) joined to a STAT3 site
/// (`TTCCnGGAA`, here `TTCCGGAA`), the two factors that drive astrocyte reactivity (Ben Haim et al. 2015,
/// J Neurosci 35:2817; Escartin et al. 2021, Nat Neurosci 24:312). 15 bp, not its own reverse complement,
/// so its orientation is recoverable.
pub const MOTIF: &[u8] = b"TGACTCATTCCGGAA";

/// How large a demo to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// The seed every random draw derives from.
    pub seed: u64,
    /// Samples per condition (three conditions); at least 1 is generated.
    pub replicates: usize,
    /// Genes in each cohort, markers included; raised to the number of markers if smaller.
    pub genes: usize,
}

impl Default for DemoOptions {
    /// Seed 20251001, 5 replicates (as in both GEO series), 2,000 genes (a fast but realistic test).
    fn default() -> Self {
        Self { seed: 20_251_001, replicates: 5, genes: 2000 }
    }
}

/// Which simulated cohort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Organism {
    /// Mouse hippocampus, control / epilepsy / epilepsy on a ketogenic diet (after GSE264537).
    Mouse,
    /// Zebrafish, wild type / mutant / treated mutant (after GSE275235).
    Zebrafish,
}

/// The true log2 fold changes of one comparison of two conditions.
#[derive(Clone, Debug, PartialEq)]
pub struct PlantedContrast {
    /// The condition in the numerator (e.g. `epilepsy`).
    pub numerator: String,
    /// The condition in the denominator (e.g. `control`).
    pub denominator: String,
    /// Per gene, in [`DemoCohort::gene_ids`] order: the true log2 fold change, exactly 0.0 for null genes.
    pub log2_fold_change: Vec<f64>,
}

/// A simulated cohort: counts, sample design and the truth they were drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCohort {
    /// The organism simulated.
    pub organism: Organism,
    /// `mouse_hippocampus` or `zebrafish`.
    pub name: String,
    /// Ensembl-style gene ids (`SIMMUSG00000000001`, `SIMDARG00000000001`).
    pub gene_ids: Vec<String>,
    /// Gene symbols: the real ones for markers, `Sim0001` (mouse) / `sim0001` (zebrafish) for the rest.
    pub gene_names: Vec<String>,
    /// Sample names, grouped by condition (`CTRL_1`…, `EPI_1`…, `EPI_KD_1`…).
    pub samples: Vec<String>,
    /// Per sample, its condition.
    pub conditions: Vec<String>,
    /// Raw counts, gene-major: `counts[g * samples.len() + s]`.
    pub counts: Vec<u64>,
    /// The truth for `disease / control`, `treated / disease` and `treated / control`, in that order.
    pub contrasts: Vec<PlantedContrast>,
    /// Indices of the genes whose promoter carries [`MOTIF`] (the up-regulated ones), ascending.
    pub motif_genes: Vec<usize>,
}

/// A synthetic genome and its annotation, as the bytes of the files [`write()`] saves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoGenome {
    /// FASTA text, 60 bases a line.
    pub fasta: Vec<u8>,
    /// GTF text (Ensembl style: `gene`, `transcript` and `exon` lines, 1-based inclusive coordinates).
    pub gtf: String,
}

/// Where [`write()`] put the demo's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFiles {
    /// `counts.csv`: GEO style, `ID,<samples…>,Gene.name`.
    pub counts: PathBuf,
    /// `metadata.csv`: `sample,condition,replicate`.
    pub metadata: PathBuf,
    /// `genome.fa`.
    pub genome: PathBuf,
    /// `genes.gtf`.
    pub gtf: PathBuf,
}
