//! The simulated cohorts: design, planted effects and negative binomial counts (model in [`super`]).

use gptomics_expr::gene_sets::{Species, astrocyte_reactivity, excitatory_markers, inhibitory_markers};
use gptomics_train::rng::SplitMix64;

use super::{DemoCohort, DemoOptions, Organism, PlantedContrast, nb};

/// Median and log-scale spread of the base means (normalised counts).
const BASE_MEDIAN: f64 = 300.0;
const BASE_SDLOG: f64 = 1.5;
/// Floor of the base means: a gene below one read per sample is absent, not expressed.
const BASE_FLOOR: f64 = 1.0;
/// Least base mean of markers and of planted genes, so that their effects are not lost to Poisson noise.
const MARKER_MIN_MEAN: f64 = 200.0;
const PLANTED_MIN_MEAN: f64 = 50.0;
/// DESeq2's parametric dispersion trend `a0 + a1 / mean`, and the gene-wise scatter around it.
const DISPERSION_A0: f64 = 0.03;
const DISPERSION_A1: f64 = 1.5;
const DISPERSION_SDLOG: f64 = 0.3;
/// Spread of sequencing depth between samples.
const SIZE_FACTOR_SDLOG: f64 = 0.2;
/// Share of the non-marker genes planted differentially expressed in disease.
const PLANTED_FRACTION: f64 = 0.10;

/// Independent random streams, so that changing one part (say, the count draws) leaves the others as
/// they were.
#[derive(Clone, Copy)]
enum Stream {
    Layout = 1,
    Means = 2,
    Effects = 3,
    Dispersions = 4,
    SizeFactors = 5,
    Counts = 6,
}

/// A gene's planted log2 fold changes against control, and whether its promoter carries the motif.
#[derive(Clone, Copy, Debug, Default)]
struct Effect {
    disease: f64,
    treated: f64,
    motif: bool,
}

/// One group of marker genes and how it behaves in disease and under treatment.
struct MarkerSet {
    genes: Vec<String>,
    /// Disease log2FC range (`(0, 0)` for unchanged markers).
    range: (f64, f64),
    /// The share of the disease effect that remains under treatment.
    kept: f64,
    motif: bool,
}

/// The conditions (control, disease, treated), their sample prefixes, the cohort's name and id prefixes.
struct Design {
    name: &'static str,
    conditions: [&'static str; 3],
    prefixes: [&'static str; 3],
    gene_prefix: &'static str,
    synthetic_name: &'static str,
}

fn design(organism: Organism) -> Design {
    match organism {
        Organism::Mouse => Design {
            name: "mouse_hippocampus",
            conditions: ["control", "epilepsy", "epilepsy_kd"],
            prefixes: ["CTRL", "EPI", "EPI_KD"],
            gene_prefix: "SIMMUSG",
            synthetic_name: "Sim",
        },
        Organism::Zebrafish => Design {
            name: "zebrafish",
            conditions: ["wild_type", "mutant", "mutant_treated"],
            prefixes: ["WT", "MUT", "MUT_TRT"],
            gene_prefix: "SIMDARG",
            synthetic_name: "sim",
        },
    }
}

fn markers(organism: Organism) -> Vec<MarkerSet> {
    let set = |genes, range, kept, motif| MarkerSet { genes, range, kept, motif };
    match organism {
        Organism::Mouse => vec![
            // Never an error for mouse: only zebrafish lacks the set.
            set(astrocyte_reactivity(Species::Mouse).map(|s| s.genes).unwrap_or_default(), (1.5, 2.5), 0.2, true),
            set(excitatory_markers(Species::Mouse).genes, (0.0, 0.0), 1.0, false),
            set(inhibitory_markers(Species::Mouse).genes, (0.0, 0.0), 1.0, false),
        ],
        Organism::Zebrafish => vec![
            set(excitatory_markers(Species::Zebrafish).genes, (1.25, 1.75), 0.2, true),
            set(inhibitory_markers(Species::Zebrafish).genes, (-1.75, -1.25), 0.2, false),
        ],
    }
}

/// Simulates one cohort; see the [module documentation](super) for the model.
pub fn cohort(organism: Organism, options: &DemoOptions) -> DemoCohort {
    let design = design(organism);
    let markers = markers(organism);
    let n_markers: usize = markers.iter().map(|m| m.genes.len()).sum();
    let n_genes = options.genes.max(n_markers);
    let replicates = options.replicates.max(1);
    let seed = SplitMix64::derive(options.seed, organism as u64 + 1);
    let rng = |stream: Stream| SplitMix64::new(SplitMix64::derive(seed, stream as u64));

    // Which gene plays which part: markers, then planted up, then planted down, at random positions.
    let mut order: Vec<usize> = (0..n_genes).collect();
    rng(Stream::Layout).shuffle(&mut order);
    let width = n_genes.to_string().len().max(4);
    let mut gene_names: Vec<String> = (1..=n_genes).map(|i| format!("{}{i:0width$}", design.synthetic_name)).collect();
    let (mut effects, mut min_mean) = (vec![Effect::default(); n_genes], vec![0.0; n_genes]);
    let mut effect_rng = rng(Stream::Effects);
    let mut slots = order.iter().copied();
    for set in &markers {
        for (gene, name) in slots.by_ref().zip(&set.genes) {
            let disease = uniform(&mut effect_rng, set.range);
            gene_names[gene] = name.clone();
            effects[gene] = Effect { disease, treated: set.kept * disease, motif: set.motif };
            min_mean[gene] = MARKER_MIN_MEAN;
        }
    }
    let n_planted = ((n_genes - n_markers) as f64 * PLANTED_FRACTION).round() as usize;
    for (i, gene) in slots.take(n_planted).enumerate() {
        let up = i < n_planted.div_ceil(2);
        let disease = uniform(&mut effect_rng, (1.0, 2.5)) * if up { 1.0 } else { -1.0 };
        effects[gene] = if up {
            Effect { disease, treated: 0.3 * disease, motif: true }
        } else {
            Effect { disease, treated: disease, motif: false }
        };
        min_mean[gene] = PLANTED_MIN_MEAN;
    }

    let mut mean_rng = rng(Stream::Means);
    let base_means: Vec<f64> = min_mean.iter().map(|&least| base_mean(&mut mean_rng, least)).collect();
    let mut dispersion_rng = rng(Stream::Dispersions);
    let dispersions: Vec<f64> = base_means
        .iter()
        .map(|mu| (DISPERSION_A0 + DISPERSION_A1 / mu) * nb::log_normal(&mut dispersion_rng, 1.0, DISPERSION_SDLOG))
        .collect();
    let size_factors = size_factors(&mut rng(Stream::SizeFactors), 3 * replicates);

    let (mut samples, mut conditions, mut condition_of) = (Vec::new(), Vec::new(), Vec::new());
    for (c, (condition, prefix)) in design.conditions.iter().zip(design.prefixes).enumerate() {
        for r in 1..=replicates {
            samples.push(format!("{prefix}_{r}"));
            conditions.push((*condition).to_string());
            condition_of.push(c);
        }
    }
    let mut count_rng = rng(Stream::Counts);
    let mut counts = Vec::with_capacity(n_genes * samples.len());
    for ((effect, mu), alpha) in effects.iter().zip(&base_means).zip(&dispersions) {
        for (&c, s) in condition_of.iter().zip(&size_factors) {
            let lfc = [0.0, effect.disease, effect.treated][c];
            counts.push(nb::negative_binomial(&mut count_rng, s * mu * lfc.exp2(), *alpha));
        }
    }

    let [control, disease, treated] = design.conditions;
    let contrast = |numerator: &str, denominator: &str, lfc: &dyn Fn(&Effect) -> f64| PlantedContrast {
        numerator: numerator.to_string(),
        denominator: denominator.to_string(),
        log2_fold_change: effects.iter().map(lfc).collect(),
    };
    let contrasts = vec![
        contrast(disease, control, &|e| e.disease),
        contrast(treated, disease, &|e| e.treated - e.disease),
        contrast(treated, control, &|e| e.treated),
    ];
    DemoCohort {
        organism,
        name: design.name.to_string(),
        gene_ids: (1..=n_genes).map(|i| format!("{}{i:011}", design.gene_prefix)).collect(),
        gene_names,
        samples,
        conditions,
        counts,
        contrasts,
        motif_genes: (0..n_genes).filter(|&g| effects[g].motif).collect(),
    }
}

/// A uniform draw in `[low, high)`.
fn uniform(rng: &mut SplitMix64, (low, high): (f64, f64)) -> f64 {
    low + (high - low) * rng.next_f64()
}

/// A base mean from the log-normal, truncated below at `least` (by rejection: at least 12 % of draws
/// pass for the thresholds used) and floored.
fn base_mean(rng: &mut SplitMix64, least: f64) -> f64 {
    loop {
        let mu = nb::log_normal(rng, BASE_MEDIAN, BASE_SDLOG);
        if mu >= least {
            return mu.max(BASE_FLOOR);
        }
    }
}

/// `n` log-normal size factors, rescaled to geometric mean 1.
fn size_factors(rng: &mut SplitMix64, n: usize) -> Vec<f64> {
    let logs: Vec<f64> = (0..n).map(|_| SIZE_FACTOR_SDLOG * nb::standard_normal(rng)).collect();
    let centre = logs.iter().sum::<f64>() / n.max(1) as f64;
    logs.iter().map(|l| (l - centre).exp()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> DemoOptions {
        DemoOptions { genes: 400, ..DemoOptions::default() }
    }

    #[test]
    fn test_cohort_is_deterministic() {
        for organism in [Organism::Mouse, Organism::Zebrafish] {
            assert_eq!(cohort(organism, &small()), cohort(organism, &small()));
        }
        let other = DemoOptions { seed: 1, ..small() };
        assert_ne!(cohort(Organism::Mouse, &small()).counts, cohort(Organism::Mouse, &other).counts);
    }

    #[test]
    fn test_cohort_shape() {
        let mouse = cohort(Organism::Mouse, &small());
        assert_eq!((mouse.gene_ids.len(), mouse.gene_names.len(), mouse.samples.len()), (400, 400, 15));
        assert_eq!(mouse.counts.len(), 400 * 15);
        assert_eq!(mouse.gene_ids[0], "SIMMUSG00000000001");
        assert_eq!(mouse.samples[..6], ["CTRL_1", "CTRL_2", "CTRL_3", "CTRL_4", "CTRL_5", "EPI_1"]);
        assert_eq!(mouse.samples[14], "EPI_KD_5");
        assert_eq!(mouse.conditions[14], "epilepsy_kd");
        let pairs: Vec<_> = mouse.contrasts.iter().map(|c| (c.numerator.as_str(), c.denominator.as_str())).collect();
        assert_eq!(pairs, [("epilepsy", "control"), ("epilepsy_kd", "epilepsy"), ("epilepsy_kd", "control")]);
        let zebrafish = cohort(Organism::Zebrafish, &DemoOptions { replicates: 2, genes: 3, ..small() });
        assert_eq!((zebrafish.gene_ids.len(), zebrafish.samples.len()), (10, 6));
        assert_eq!(zebrafish.samples, ["WT_1", "WT_2", "MUT_1", "MUT_2", "MUT_TRT_1", "MUT_TRT_2"]);
        assert_eq!(zebrafish.gene_ids[0], "SIMDARG00000000001");
    }

    #[test]
    fn test_cohort_planted_effects() {
        let mouse = cohort(Organism::Mouse, &DemoOptions::default());
        let lfc = |name: &str, contrast: usize| {
            let g = mouse.gene_names.iter().position(|n| n == name).expect("marker present");
            mouse.contrasts[contrast].log2_fold_change[g]
        };
        assert!((1.5..2.5).contains(&lfc("Gfap", 0)) && lfc("Gfap", 1) < -1.0);
        assert_eq!((lfc("Gad1", 0), lfc("Slc17a7", 2)), (0.0, 0.0));
        let disease = &mouse.contrasts[0].log2_fold_change;
        let planted = disease.iter().filter(|l| **l != 0.0).count();
        assert_eq!(planted, 14 + (1976.0 * PLANTED_FRACTION).round() as usize);
        assert!(mouse.motif_genes.iter().all(|&g| disease[g] >= 1.0));
        assert_eq!(mouse.motif_genes.len(), 14 + 99);
        // Observed fold changes agree in sign with nearly every planted one.
        let n = mouse.samples.len();
        let mean = |g: usize, from: usize| mouse.counts[g * n + from..g * n + from + 5].iter().sum::<u64>() as f64;
        let agree = (0..disease.len())
            .filter(|&g| disease[g] != 0.0)
            .filter(|&g| ((mean(g, 5) + 1.0) / (mean(g, 0) + 1.0)).log2() * disease[g] > 0.0)
            .count();
        assert!(agree as f64 >= 0.98 * planted as f64, "{agree} of {planted}");

        let zebrafish = cohort(Organism::Zebrafish, &DemoOptions::default());
        let g = zebrafish.gene_names.iter().position(|n| n == "gad1b").expect("marker present");
        let (d, t) = (zebrafish.contrasts[0].log2_fold_change[g], zebrafish.contrasts[2].log2_fold_change[g]);
        assert!(d < -1.0 && (t - 0.2 * d).abs() < 1e-12);
    }
}
