//! Embedding PCA of the all-sample gene-sentence model (the step 5): samples as their mean-pooled
//! last-layer states, genes as their token embeddings (rows of `wte`: what the model learned about each
//! gene whatever its rank). The gene projection is tested for what the classifier should have learned: a
//! gene up in the numerator group sits high in that group's sentences and a down gene in the other's, so
//! training pushes their embeddings apart; a rank-sum test of up against down genes on PC1 and on PC2
//! (Bonferroni over the two) says whether it did. The model saw these genes in training, so this
//! describes the fitted model; it is not a held-out test.

use std::path::Path;

use gptomics_expr::hypothesis::wilcoxon_rank_sum;
use gptomics_expr::pca::{Pca, PcaOptions, pca};
use gptomics_expr::plots::{PcaPlotOptions, pca_plot};
use serde::{Deserialize, Serialize};

use super::error::Result;

/// A gene's class in the main contrast, as the gene plot colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeClass {
    /// Significantly up in the numerator group.
    Up,
    /// Significantly down.
    Down,
    /// Neither.
    Unchanged,
}

impl DeClass {
    fn label(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
            Self::Unchanged => "unchanged",
        }
    }
}

/// Fewest genes for a PCA with two components (centring leaves `n - 1`).
const MIN_GENES: usize = 3;

/// What the gene-embedding PCA found.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GeneEmbedding {
    /// Genes projected (those the attention ranking covers: in at least half of the sentences).
    pub genes: usize,
    /// Of them, up and down in the main contrast.
    pub up: usize,
    /// See `up`.
    pub down: usize,
    /// Variance fraction of the first two components; empty, and no plot drawn, with fewer than three
    /// genes.
    pub variance: Vec<f64>,
    /// Up against down genes on PC1 and PC2 (empty when either class has fewer than two genes).
    pub separation: Vec<ComponentTest>,
}

/// A two-sided Wilcoxon rank-sum test of up against down genes' scores on one component.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ComponentTest {
    /// 1-based component.
    pub component: usize,
    /// Median score of the up genes minus that of the down genes (the sign of a PC is arbitrary; its
    /// size is in the component's units).
    pub median_difference: f64,
    /// Rank-sum p-value, Bonferroni-adjusted over the components tested.
    pub p_adjusted: f64,
}

impl GeneEmbedding {
    /// The smallest adjusted p-value, if any component was tested.
    pub fn best(&self) -> Option<&ComponentTest> {
        self.separation.iter().min_by(|a, b| a.p_adjusted.total_cmp(&b.p_adjusted))
    }
}

/// Projects the sample vectors, draws `path` coloured by group, and returns the first two components'
/// variance fractions.
pub fn sample_pca(vectors: &[Vec<f64>], samples: &[String], groups: &[&str], path: &Path) -> Result<Vec<f64>> {
    let pcs = project(vectors)?;
    let options = PcaPlotOptions {
        title: "Sample embeddings (gene-sentence GPT-2, mean pooled)".into(),
        ..PcaPlotOptions::default()
    };
    pca_plot(path, &pcs, samples, groups, &options)?;
    Ok(variance(&pcs))
}

/// Projects the gene vectors, draws `path` coloured by DE class (unlabelled: hundreds of points), and tests
/// up against down genes on the first two components. Fewer than three genes: nothing is projected or drawn.
pub fn gene_pca(vectors: &[Vec<f64>], names: &[String], classes: &[DeClass], path: &Path) -> Result<GeneEmbedding> {
    let count = |class| classes.iter().filter(|&&c| c == class).count();
    let (up, down) = (count(DeClass::Up), count(DeClass::Down));
    if vectors.len() < MIN_GENES {
        // Short sentences over few samples can leave almost no gene in half of them: nothing to project.
        return Ok(GeneEmbedding { genes: vectors.len(), up, down, variance: Vec::new(), separation: Vec::new() });
    }
    let pcs = project(vectors)?;
    let labels: Vec<&str> = classes.iter().map(|c| c.label()).collect();
    let options = PcaPlotOptions {
        title: "Gene embeddings (gene-sentence GPT-2 token embeddings)".into(),
        label_samples: false,
        ..PcaPlotOptions::default()
    };
    pca_plot(path, &pcs, names, &labels, &options)?;
    let mut separation = Vec::new();
    if up >= 2 && down >= 2 {
        let tested = pcs.scores.len().min(2);
        for (k, scores) in pcs.scores.iter().take(tested).enumerate() {
            let pick = |class| -> Vec<f64> {
                scores.iter().zip(classes).filter(|&(_, &c)| c == class).map(|(&s, _)| s).collect()
            };
            let (x, y) = (pick(DeClass::Up), pick(DeClass::Down));
            let test = wilcoxon_rank_sum(&x, &y)?;
            separation.push(ComponentTest {
                component: k + 1,
                median_difference: median(&x) - median(&y),
                p_adjusted: (test.p_value * tested as f64).min(1.0),
            });
        }
    }
    Ok(GeneEmbedding { genes: vectors.len(), up, down, variance: variance(&pcs), separation })
}

/// PCA with the vectors as the observations: `pca` takes features × observations, feature-major.
fn project(vectors: &[Vec<f64>]) -> Result<Pca> {
    let width = vectors.first().map_or(0, Vec::len);
    let matrix: Vec<f64> = (0..width).flat_map(|d| vectors.iter().map(move |v| v[d])).collect();
    Ok(pca(&matrix, vectors.len(), &PcaOptions { ntop: width.max(1), ..PcaOptions::default() })?)
}

fn variance(pcs: &Pca) -> Vec<f64> {
    pcs.percent_variance.iter().take(2).map(|p| p / 100.0).collect()
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) { (sorted[mid - 1] + sorted[mid]) / 2.0 } else { sorted[mid] }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Up genes displaced along one direction, down genes along the opposite, unchanged in between: the
    /// test finds it on PC1; with no displacement it does not.
    #[test]
    fn separation_is_found_only_when_present() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("gptomics-gene-pca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| super::super::error::Error::io(&dir, e))?;
        let mut rng = gptomics_train::rng::SplitMix64::new(9);
        let mut normal = || crate::pipeline::demo::nb::standard_normal(&mut rng);
        let classes: Vec<DeClass> =
            (0..60).map(|i| [DeClass::Up, DeClass::Down, DeClass::Unchanged, DeClass::Unchanged][i % 4]).collect();
        let names: Vec<String> = (0..60).map(|i| format!("g{i}")).collect();
        for shift in [3.0, 0.0] {
            let vectors: Vec<Vec<f64>> = classes
                .iter()
                .map(|c| {
                    let offset = match c {
                        DeClass::Up => shift,
                        DeClass::Down => -shift,
                        DeClass::Unchanged => 0.0,
                    };
                    (0..8).map(|d| normal() + if d == 0 { offset } else { 0.0 }).collect()
                })
                .collect();
            let found = gene_pca(&vectors, &names, &classes, &dir.join("genes.svg"))?;
            assert_eq!((found.genes, found.up, found.down), (60, 15, 15));
            let best = found.best().expect("both classes have genes");
            if shift > 0.0 {
                assert_eq!(best.component, 1);
                assert!(best.p_adjusted < 1e-4, "{best:?}");
            } else {
                assert!(found.separation.iter().all(|t| t.p_adjusted > 0.01), "{:?}", found.separation);
            }
        }
        let few = gene_pca(&[vec![0.0; 8], vec![1.0; 8]], &names[..2], &classes[..2], &dir.join("few.svg"))?;
        assert!(few.variance.is_empty() && few.best().is_none() && !dir.join("few.svg").exists());
        std::fs::remove_dir_all(&dir).ok();
        Ok(())
    }
}
