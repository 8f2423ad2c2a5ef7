//! The expression stage: size factors and library QC, sample PCA, DESeq2 for each contrast, and marker
//! gene-set scores compared between each contrast's groups.

use std::fmt::Write as _;
use std::path::Path;

use gptomics_expr::deseq2::{self, Contrast, DeseqFit, DeseqOptions, DeseqResults, ResultsOptions};
use gptomics_expr::gene_sets::{GeneSetScore, Matching, compare_scores, score_gene_set};
use gptomics_expr::pca::{PcaOptions, pca};
use gptomics_expr::plots::{
    DispersionOptions, MaOptions, PcaPlotOptions, ScorePlotOptions, VolcanoOptions, dispersion_plot, ma_plot, pca_plot,
    score_plot, volcano_plot,
};
use serde::{Deserialize, Serialize};

use super::config::ContrastSpec;
use super::error::Result;
use super::inputs::Loaded;
use super::stage::write_atomic;

/// One sample's library QC.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SampleQc {
    /// The sample.
    pub sample: String,
    /// Its level of the main contrast's factor.
    pub group: String,
    /// Total counts.
    pub library_size: u64,
    /// DESeq2's median-of-ratios size factor.
    pub size_factor: f64,
}

/// A gene in a top list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TopGene {
    /// Table ID.
    pub id: String,
    /// Symbol.
    pub name: String,
    /// DESeq2's log2 fold change.
    pub log2_fold_change: f64,
    /// Adjusted p-value.
    pub padj: f64,
}

/// One contrast's DE results, summarised (the full table is `de_<name>.tsv`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContrastResult {
    /// The contrast.
    pub contrast: ContrastSpec,
    /// Genes with an adjusted p-value (not all-zero, not filtered out).
    pub tested: usize,
    /// IDs of genes up at `padj < alpha`.
    pub up: Vec<String>,
    /// IDs of genes down at `padj < alpha`.
    pub down: Vec<String>,
    /// IDs of tested genes (an adjusted p-value exists) with `padj >= alpha`: the promoter stage's
    /// background pool.
    pub unchanged: Vec<String>,
    /// The 15 genes with the smallest adjusted p-values.
    pub top: Vec<TopGene>,
}

/// A set score's comparison between a contrast's two groups.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SetComparison {
    /// The contrast whose groups are compared.
    pub contrast: String,
    /// Mean score of the numerator group minus the denominator group (z units).
    pub mean_difference: f64,
    /// Welch's t.
    pub welch_t: f64,
    /// Welch's two-sided p-value.
    pub welch_p: f64,
    /// Mann–Whitney two-sided p-value.
    pub rank_sum_p: f64,
}

/// A marker set's per-sample score and its group comparisons.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SetResult {
    /// The set (`excitatory_minus_inhibitory` is the E/I balance: the difference of the two scores).
    pub name: String,
    /// Set genes used; missing and constant ones are listed in `gene_sets.tsv`.
    pub used: Vec<String>,
    /// Set genes not in the table.
    pub missing: Vec<String>,
    /// Mean score per group, in group order.
    pub group_means: Vec<(String, f64)>,
    /// One comparison per contrast.
    pub comparisons: Vec<SetComparison>,
}

/// What the expression stage found.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExpressionSummary {
    /// Per-sample QC.
    pub samples: Vec<SampleQc>,
    /// Fraction of variance on PC1 and PC2 of the VST (500 most variable genes).
    pub pca_variance: Vec<f64>,
    /// Per contrast.
    pub contrasts: Vec<ContrastResult>,
    /// Per marker set.
    pub sets: Vec<SetResult>,
    /// Things the reader should know (sets that could not be scored, ...).
    pub notes: Vec<String>,
}

impl ExpressionSummary {
    /// The main (first) contrast's results.
    pub fn main(&self) -> Result<&ContrastResult> {
        self.contrasts.first().ok_or_else(|| super::error::Error::input("no contrast was tested"))
    }
}

/// Runs DESeq2 and the set scores, writing tables and plots into `dir`.
pub fn run(loaded: &Loaded, contrasts: &[ContrastSpec], alpha: f64, dir: &Path) -> Result<ExpressionSummary> {
    let fit = deseq2::run(&loaded.counts, &loaded.design, &DeseqOptions::default())?;
    let samples = loaded.counts.samples();
    let groups = &loaded.groups;
    let library = loaded.table.library_sizes();
    let qc: Vec<SampleQc> = (0..samples.len())
        .map(|s| SampleQc {
            sample: samples[s].clone(),
            group: groups[s].clone(),
            library_size: library[s],
            size_factor: fit.size_factors()[s],
        })
        .collect();
    let mut text = String::from("sample\tgroup\tlibrary_size\tsize_factor\n");
    for q in &qc {
        let _ = writeln!(text, "{}\t{}\t{}\t{}", q.sample, q.group, q.library_size, q.size_factor);
    }
    write_atomic(&dir.join("samples_qc.tsv"), text.as_bytes())?;

    let vst = fit.vst();
    let pcs = pca(&vst, samples.len(), &PcaOptions::default())?;
    let total: f64 = pcs.sdev.iter().map(|s| s * s).sum();
    let pca_variance = pcs.sdev.iter().take(2).map(|s| s * s / total).collect();
    let plots = dir.join("plots");
    std::fs::create_dir_all(&plots).map_err(|e| super::error::Error::io(&plots, e))?;
    pca_plot(plots.join("pca_samples.png"), &pcs, samples, groups, &PcaPlotOptions::default())?;
    dispersion_plot(
        plots.join("dispersion.png"),
        fit.base_means(),
        fit.gene_wise_dispersions(),
        fit.fitted_dispersions(),
        fit.dispersions(),
        &DispersionOptions::default(),
    )?;

    let mut results = Vec::new();
    for contrast in contrasts {
        let options = ResultsOptions {
            alpha,
            ..ResultsOptions::new(Contrast::levels(&contrast.factor, &contrast.numerator, &contrast.denominator))
        };
        let table = fit.results(&options)?;
        write_de_table(&dir.join(format!("de_{}.tsv", contrast.name())), &table, &loaded.gene_names)?;
        contrast_plots(&table, &plots.join(contrast.name()), alpha)?;
        results.push(summarize(contrast, &table, &loaded.gene_names, alpha));
    }
    let (sets, notes) = score_sets(loaded, &fit, &vst, contrasts, groups, &plots)?;
    write_set_tables(dir, &sets, samples, groups)?;
    Ok(ExpressionSummary {
        samples: qc,
        pca_variance,
        contrasts: results,
        sets: sets.iter().map(|(r, _)| r.clone()).collect(),
        notes,
    })
}

/// Volcano and MA plots of one contrast, PNG and SVG (`deseq2::write_plots` would also redraw the
/// contrast-independent PCA and dispersion figures, drawn once in [`run`]).
fn contrast_plots(table: &DeseqResults, dir: &Path, alpha: f64) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| super::error::Error::io(dir, e))?;
    for ext in ["png", "svg"] {
        let options = VolcanoOptions { alpha, title: format!("Volcano: {}", table.description), ..Default::default() };
        volcano_plot(
            dir.join(format!("volcano.{ext}")),
            &table.log2_fold_change,
            &table.pvalue,
            &table.padj,
            &options,
        )?;
        let options = MaOptions { alpha, title: format!("MA: {}", table.description), ..Default::default() };
        ma_plot(dir.join(format!("ma.{ext}")), &table.base_mean, &table.log2_fold_change, &table.padj, &options)?;
    }
    Ok(())
}

/// The DE table with gene symbols: `gene_id, gene_name, baseMean, log2FoldChange, lfcSE, stat, pvalue, padj`.
fn write_de_table(path: &Path, table: &DeseqResults, names: &[String]) -> Result<()> {
    let na = |v: f64| if v.is_nan() { "NA".to_string() } else { v.to_string() };
    let mut text = String::from("gene_id\tgene_name\tbaseMean\tlog2FoldChange\tlfcSE\tstat\tpvalue\tpadj\n");
    for (g, (id, name)) in table.genes.iter().zip(names).enumerate() {
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            id,
            name,
            na(table.base_mean[g]),
            na(table.log2_fold_change[g]),
            na(table.lfc_se[g]),
            na(table.stat[g]),
            na(table.pvalue[g]),
            na(table.padj[g])
        );
    }
    write_atomic(path, text.as_bytes())
}

fn summarize(contrast: &ContrastSpec, table: &DeseqResults, names: &[String], alpha: f64) -> ContrastResult {
    let significant = |g: usize| table.padj[g] < alpha;
    let n = table.genes.len();
    let up = (0..n).filter(|&g| significant(g) && table.log2_fold_change[g] > 0.0).map(|g| table.genes[g].clone());
    let down = (0..n).filter(|&g| significant(g) && table.log2_fold_change[g] < 0.0).map(|g| table.genes[g].clone());
    let mut order: Vec<usize> = (0..n).filter(|&g| !table.padj[g].is_nan()).collect();
    order.sort_by(|&a, &b| table.padj[a].total_cmp(&table.padj[b]).then(a.cmp(&b)));
    ContrastResult {
        contrast: contrast.clone(),
        tested: order.len(),
        up: up.collect(),
        down: down.collect(),
        unchanged: (0..n).filter(|&g| table.padj[g] >= alpha).map(|g| table.genes[g].clone()).collect(),
        top: order
            .iter()
            .take(15)
            .map(|&g| TopGene {
                id: table.genes[g].clone(),
                name: names[g].clone(),
                log2_fold_change: table.log2_fold_change[g],
                padj: table.padj[g],
            })
            .collect(),
    }
}

type ScoredSet = (SetResult, Vec<f64>);

/// Scores each marker set on the VST (mean z-score of its genes), adds the E/I balance when both neuron sets
/// exist, compares each contrast's groups and draws one plot per set.
fn score_sets(
    loaded: &Loaded,
    fit: &DeseqFit,
    vst: &[f64],
    contrasts: &[ContrastSpec],
    groups: &[String],
    plots: &Path,
) -> Result<(Vec<ScoredSet>, Vec<String>)> {
    let n = fit.counts().n_samples();
    let mut scored: Vec<(GeneSetScore, Vec<f64>)> = Vec::new();
    let mut notes = Vec::new();
    for set in &loaded.markers {
        match score_gene_set(vst, n, &loaded.gene_names, set, Matching::Exact) {
            Ok(score) => {
                let values = score.scores.clone();
                scored.push((score, values));
            }
            Err(e) => notes.push(format!("marker set `{}` not scored: {e}", set.name)),
        }
    }
    let find = |name: &str| scored.iter().position(|(s, _)| s.name == name);
    if let (Some(e), Some(i)) = (find("excitatory"), find("inhibitory")) {
        let balance: Vec<f64> = scored[e].1.iter().zip(&scored[i].1).map(|(a, b)| a - b).collect();
        let mut used = scored[e].0.used.clone();
        used.extend(scored[i].0.used.iter().cloned());
        let mut missing = scored[e].0.missing.clone();
        missing.extend(scored[i].0.missing.iter().cloned());
        let score = GeneSetScore {
            name: "excitatory_minus_inhibitory".into(),
            scores: balance.clone(),
            used,
            missing,
            constant: Vec::new(),
        };
        scored.push((score, balance));
    }
    let mut levels: Vec<String> = Vec::new();
    for g in groups {
        if !levels.contains(g) {
            levels.push(g.clone());
        }
    }
    let mut out = Vec::new();
    for (score, values) in scored {
        let group_means = levels
            .iter()
            .map(|level| {
                let v: Vec<f64> = (0..n).filter(|&s| &groups[s] == level).map(|s| values[s]).collect();
                (level.clone(), v.iter().sum::<f64>() / v.len().max(1) as f64)
            })
            .collect();
        let mut comparisons = Vec::new();
        for contrast in contrasts {
            let column = loaded.levels(&contrast.factor)?;
            let pick =
                |level: &str| -> Vec<f64> { (0..n).filter(|&s| column[s] == level).map(|s| values[s]).collect() };
            let c = compare_scores(&pick(&contrast.numerator), &pick(&contrast.denominator))?;
            comparisons.push(SetComparison {
                contrast: contrast.name(),
                mean_difference: c.mean_difference,
                welch_t: c.welch.t,
                welch_p: c.welch.p_value,
                rank_sum_p: c.rank_sum.p_value,
            });
        }
        let options = ScorePlotOptions {
            title: format!("{} score by group", score.name),
            y_label: "mean z-score of the set's genes (VST)".into(),
            ..ScorePlotOptions::default()
        };
        score_plot(plots.join(format!("score_{}.png", score.name)), &values, groups, &options)?;
        out.push((
            SetResult { name: score.name, used: score.used, missing: score.missing, group_means, comparisons },
            values,
        ));
    }
    Ok((out, notes))
}

/// `gene_set_scores.tsv` (sample × set) and `gene_set_tests.tsv` (set × contrast).
fn write_set_tables(dir: &Path, sets: &[ScoredSet], samples: &[String], groups: &[String]) -> Result<()> {
    let mut scores = String::from("sample\tgroup");
    for (set, _) in sets {
        let _ = write!(scores, "\t{}", set.name);
    }
    scores.push('\n');
    for (s, sample) in samples.iter().enumerate() {
        let _ = write!(scores, "{sample}\t{}", groups[s]);
        for (_, values) in sets {
            let _ = write!(scores, "\t{}", values[s]);
        }
        scores.push('\n');
    }
    write_atomic(&dir.join("gene_set_scores.tsv"), scores.as_bytes())?;
    let mut tests = String::from("set\tcontrast\tmean_difference\twelch_t\twelch_p\trank_sum_p\tgenes_used\n");
    for (set, _) in sets {
        for c in &set.comparisons {
            let _ = writeln!(
                tests,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                set.name,
                c.contrast,
                c.mean_difference,
                c.welch_t,
                c.welch_p,
                c.rank_sum_p,
                set.used.join(",")
            );
        }
    }
    write_atomic(&dir.join("gene_set_tests.tsv"), tests.as_bytes())
}
