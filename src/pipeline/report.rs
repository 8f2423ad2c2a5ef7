//! `report.md`: every finding with its number, test and p-value, the figures beside them, and a plain
//! statement wherever a language model does not beat its baseline.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::config::Settings;
use super::embedding::GeneEmbedding;
use super::{CohortReport, promoters::CLASSES};

/// The baseline must be beaten by more than this much ROC-AUC before the report credits the model.
const AUC_MARGIN: f64 = 0.01;

/// The report's Markdown. Figure links are relative to the output folder and only name files that exist
/// under `out` when `out` is given.
pub fn markdown(reports: &[CohortReport], settings: &Settings) -> String {
    let mut md = String::from("# gptomics epilepsy pipeline report\n\n");
    md.push_str(
        "Pipeline of arXiv 2510.00392 rebuilt stage by stage: DESeq2 differential expression, marker gene-set \
         scores, a GPT-2 on promoter sequences with attention motifs, and a GPT-2 classifier of samples from \
         gene sentences, each beside a non-neural baseline. Tables are in each cohort's folder.\n\n",
    );
    md.push_str("## Findings\n\n");
    for r in reports {
        for line in findings(r, settings) {
            let _ = writeln!(md, "- **{}**: {line}", r.name);
        }
    }
    md.push('\n');
    for r in reports {
        cohort_section(&mut md, r, settings);
    }
    md.push_str("## Settings\n\n");
    let _ = writeln!(
        md,
        "alpha {}; promoter window -{}..+{} around the TSS; tokenizer `{}`; model `{}`{}; {} genes per gene \
         sentence; seed {}.\n",
        settings.alpha,
        settings.promoter_upstream,
        settings.promoter_downstream,
        settings.tokenizer,
        settings.preset,
        settings.weights.as_ref().map(|w| format!(" from `{}`", w.display())).unwrap_or_default(),
        settings.sentence_genes,
        settings.seed
    );
    md
}

fn p(value: f64) -> String {
    if value.is_nan() {
        "NA".into()
    } else if value < 1e-3 {
        format!("{value:.2e}")
    } else {
        format!("{value:.3}")
    }
}

fn metric(map: &BTreeMap<String, f64>, name: &str) -> f64 {
    map.get(name).copied().unwrap_or(f64::NAN)
}

/// One line per finding, each with its number and test.
fn findings(r: &CohortReport, settings: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    for c in &r.expression.contrasts {
        out.push(format!(
            "{}: {} genes up and {} down at padj < {} of {} tested (DESeq2 Wald test, BH)",
            c.contrast.name(),
            c.up.len(),
            c.down.len(),
            settings.alpha,
            c.tested
        ));
    }
    // Significant set differences each get a line; the rest are counted (all are in the section's table).
    let mut not_significant = 0;
    for set in &r.expression.sets {
        for c in &set.comparisons {
            // NaN p-values (too few samples) count as not significant.
            let significant = c.welch_p < settings.alpha;
            if !significant {
                not_significant += 1;
                continue;
            }
            out.push(format!(
                "{} score differs in {}: Δ = {:+.2} z (Welch t = {:.2}, p = {}; Mann–Whitney p = {})",
                set.name,
                c.contrast,
                c.mean_difference,
                c.welch_t,
                p(c.welch_p),
                p(c.rank_sum_p)
            ));
        }
    }
    if not_significant > 0 {
        out.push(format!(
            "{not_significant} other marker-set comparison(s) not significant at Welch p < {} (table below)",
            settings.alpha
        ));
    }
    if let Some(pr) = &r.promoters {
        let (m, b) = (metric(&pr.model, "roc_auc"), metric(&pr.baseline, "roc_auc"));
        let verdict = if m > b + AUC_MARGIN { "beats" } else { "adds nothing over" };
        out.push(format!(
            "promoter GPT-2 separates up-regulated from background promoters with ROC-AUC {m:.3} (accuracy {:.3}, \
             {} test genes); it {verdict} the k-mer baseline (ROC-AUC {b:.3})",
            metric(&pr.model, "accuracy"),
            pr.test_genes
        ));
        if let Some(top) = pr.top_kmers.first() {
            out.push(format!(
                "top attention k-mer of up-regulated promoters: {} (in {}/{} up vs {}/{} background; Fisher p = {}, \
                 BH q = {})",
                top.kmer,
                top.in_class,
                top.class_total,
                top.in_other,
                top.other_total,
                p(top.p_value),
                p(top.p_adjusted)
            ));
        }
    }
    if let Some(s) = &r.samples {
        let (m, b) = (metric(&s.model, "roc_auc"), metric(&s.baseline, "roc_auc"));
        let verdict = if m > b + AUC_MARGIN { "beats" } else { "adds nothing over" };
        out.push(format!(
            "gene-sentence GPT-2 classifies {} vs {} with {} ROC-AUC {m:.3}, F1 {:.3} ({} samples); it {verdict} \
             the expression baseline (ROC-AUC {b:.3}, F1 {:.3}); with this few samples both figures are coarse",
            s.classes[1],
            s.classes[0],
            s.scheme,
            metric(&s.model, "f1"),
            s.samples,
            metric(&s.baseline, "f1")
        ));
        out.push(format!(
            "{} of the {} genes the classifier attends to most are DE ({} DE among {} genes seen; hypergeometric \
             p = {})",
            s.overlap,
            s.top_genes.len(),
            s.de_in_universe,
            s.universe,
            p(s.overlap_p)
        ));
        out.push(gene_embedding_finding(&s.gene_embedding, settings.alpha));
    }
    if let Some(t) = &r.truth {
        for d in &t.de {
            out.push(format!(
                "demo truth, {}: recall {:.3} of {} planted DE genes, false discovery proportion {:.3}",
                d.contrast, d.recall, d.planted, d.false_discovery
            ));
        }
        for (statement, difference, holds) in &t.sets {
            out.push(format!(
                "demo truth: {statement}: {} (Δ = {difference:+.2})",
                if *holds { "recovered" } else { "NOT recovered" }
            ));
        }
        if r.promoters.is_some() {
            out.push(match t.motif_rank {
                Some(rank) => format!(
                    "demo truth: the planted motif's k-mers are significantly enriched in attention regions (first \
                     at rank {rank}, BH q < {})",
                    settings.alpha
                ),
                None => "demo truth: the planted motif is NOT among the significantly enriched attention k-mers".into(),
            });
        }
    }
    out.extend(r.notes.iter().cloned());
    out.extend(r.expression.notes.iter().cloned());
    out
}

/// Whether the classifier's gene embeddings set up genes apart from down genes.
fn gene_embedding_finding(g: &GeneEmbedding, alpha: f64) -> String {
    if g.variance.is_empty() {
        return format!("gene embeddings: only {} gene(s) in half of the sentences, too few for a PCA", g.genes);
    }
    let share: Vec<String> = g.variance.iter().map(|v| format!("{:.0} %", 100.0 * v)).collect();
    let head = format!(
        "gene embeddings of the all-sample classifier ({} genes, {} up, {} down; PC1/PC2 {})",
        g.genes,
        g.up,
        g.down,
        share.join(" / ")
    );
    match g.best() {
        None => format!("{head}: too few up or down genes to compare"),
        Some(t) => format!(
            "{head}: up and down genes {} on PC{} (median difference {:+.3}; Wilcoxon rank-sum, Bonferroni p = {})",
            if t.p_adjusted < alpha { "separate" } else { "do not separate" },
            t.component,
            t.median_difference,
            p(t.p_adjusted)
        ),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn figure(md: &mut String, path: &str, alt: &str) {
    let _ = writeln!(md, "![{alt}]({path})\n");
}

fn cohort_section(md: &mut String, r: &CohortReport, settings: &Settings) {
    let name = &r.name;
    let _ = writeln!(md, "## {name}\n\nDesign `{}`.\n", r.design);
    md.push_str("### Samples and QC\n\n| sample | group | library size | size factor |\n|---|---|---:|---:|\n");
    for s in &r.expression.samples {
        let _ = writeln!(md, "| {} | {} | {} | {:.3} |", s.sample, s.group, s.library_size, s.size_factor);
    }
    if !r.fastq.is_empty() {
        md.push_str("\n| FASTQ | reads | mean length | GC % | mean quality |\n|---|---:|---:|---:|---:|\n");
        for f in &r.fastq {
            let opt = |v: Option<f64>| v.map_or("NA".into(), |v| format!("{v:.1}"));
            let _ = writeln!(
                md,
                "| {} | {} | {:.1} | {} | {} |",
                f.file,
                f.reads,
                f.mean_length,
                opt(f.gc_percent),
                opt(f.mean_quality)
            );
        }
    }
    let variance: Vec<String> = r.expression.pca_variance.iter().map(|v| format!("{:.1} %", 100.0 * v)).collect();
    let _ = writeln!(md, "\nSample PCA of the VST (500 most variable genes): PC1 {}.\n", variance.join(", PC2 "));
    figure(md, &format!("{name}/expression/plots/pca_samples.png"), "sample PCA");

    md.push_str("### Differential expression\n\n");
    for c in &r.expression.contrasts {
        let cname = c.contrast.name();
        let _ = writeln!(
            md,
            "#### {cname}\n\n{} up, {} down at padj < {} (`{name}/expression/de_{cname}.tsv`).\n",
            c.up.len(),
            c.down.len(),
            settings.alpha
        );
        md.push_str("| gene | log2 fold change | padj |\n|---|---:|---:|\n");
        for g in c.top.iter().take(10) {
            let _ = writeln!(md, "| {} | {:+.2} | {} |", g.name, g.log2_fold_change, p(g.padj));
        }
        md.push('\n');
        figure(md, &format!("{name}/expression/plots/{cname}/volcano.png"), "volcano");
        figure(md, &format!("{name}/expression/plots/{cname}/ma.png"), "MA plot");
    }

    md.push_str("### Marker gene sets\n\nScore: mean z-score of the set's genes on the VST; groups compared by Welch's t-test and the Mann–Whitney test.\n\n");
    md.push_str("| set | contrast | Δ (z) | Welch t | p | Mann–Whitney p |\n|---|---|---:|---:|---:|---:|\n");
    for set in &r.expression.sets {
        for c in &set.comparisons {
            let _ = writeln!(
                md,
                "| {} | {} | {:+.2} | {:.2} | {} | {} |",
                set.name,
                c.contrast,
                c.mean_difference,
                c.welch_t,
                p(c.welch_p),
                p(c.rank_sum_p)
            );
        }
    }
    md.push('\n');
    for set in &r.expression.sets {
        figure(md, &format!("{name}/expression/plots/score_{}.png", set.name), &set.name);
    }

    if let Some(pr) = &r.promoters {
        let _ = writeln!(
            md,
            "### Promoter language model\n\nPromoters ({} around the TSS) of {} genes up in {} against {} \
             unchanged genes; 25 % of genes held out for testing, the rest split for training and model \
             selection.\n",
            pr.window,
            pr.up_genes,
            r.expression.contrasts.first().map_or_else(String::new, |c| c.contrast.name()),
            pr.background_genes
        );
        metrics_table(md, &pr.model, &pr.baseline, "k-mer baseline");
        let _ = writeln!(
            md,
            "\nK-mers of the `{}` class's high-attention regions (ALRW: > mean, > 10 × min, ≥ 8 bases, ± 4), \
             one-sided Fisher test against background promoters, BH-adjusted:\n",
            CLASSES[1]
        );
        md.push_str("| k-mer | up | background | odds ratio | p | q |\n|---|---:|---:|---:|---:|---:|\n");
        for k in pr.top_kmers.iter().take(10) {
            let _ = writeln!(
                md,
                "| {} | {}/{} | {}/{} | {:.1} | {} | {} |",
                k.kmer,
                k.in_class,
                k.class_total,
                k.in_other,
                k.other_total,
                k.odds_ratio,
                p(k.p_value),
                p(k.p_adjusted)
            );
        }
        md.push('\n');
        figure(md, &format!("{name}/promoters/model/attention_profile.png"), "attention profile");
        figure(md, &format!("{name}/promoters/model/curve.png"), "training curve");
    }
    if let Some(s) = &r.samples {
        let _ = writeln!(
            md,
            "### Sample classifier\n\n{} vs {}, {} samples, {} cross-validation (gene sentences of the {} \
             highest rank-value genes; medians from the training samples only).\n",
            s.classes[1], s.classes[0], s.samples, s.scheme, settings.sentence_genes
        );
        metrics_table(md, &s.model, &s.baseline, "expression baseline");
        let _ = writeln!(
            md,
            "\nGenes the all-sample model attends to most ({} of {} are DE; hypergeometric p = {}):\n",
            s.overlap,
            s.top_genes.len(),
            p(s.overlap_p)
        );
        let names: Vec<String> =
            s.top_genes.iter().map(|g| if g.de { format!("**{}**", g.name) } else { g.name.clone() }).collect();
        let _ = writeln!(md, "{} (DE in bold)\n", names.join(", "));
        figure(md, &format!("{name}/samples/plots/embedding_pca.png"), "embedding PCA");
        let _ = writeln!(md, "{}.\n", capitalized(&gene_embedding_finding(&s.gene_embedding, settings.alpha)));
        // Not drawn with too few genes; `drop_missing_figures` removes the link then.
        figure(md, &format!("{name}/samples/plots/gene_embedding_pca.png"), "gene embedding PCA");
    }
    if let Some(t) = &r.truth {
        md.push_str("### Planted truth (demo)\n\n| contrast | planted | called | recall | false discovery |\n|---|---:|---:|---:|---:|\n");
        for d in &t.de {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.3} | {:.3} |",
                d.contrast, d.planted, d.called, d.recall, d.false_discovery
            );
        }
        md.push('\n');
    }
}

fn metrics_table(md: &mut String, model: &BTreeMap<String, f64>, baseline: &BTreeMap<String, f64>, name: &str) {
    let _ = writeln!(md, "| metric | GPT-2 | {name} |\n|---|---:|---:|");
    for key in ["accuracy", "f1", "mcc", "roc_auc", "pr_auc"] {
        let _ = writeln!(md, "| {key} | {:.3} | {:.3} |", metric(model, key), metric(baseline, key));
    }
}

/// Keeps only figure lines whose file exists under `out` (a stage may not draw every figure).
pub fn drop_missing_figures(markdown: &str, out: &Path) -> String {
    markdown
        .lines()
        .filter(|line| match line.strip_prefix("![").and_then(|rest| rest.split_once("](")) {
            Some((_, path)) => out.join(path.trim_end_matches(')')).exists(),
            None => true,
        })
        .map(|line| format!("{line}\n"))
        .collect()
}
