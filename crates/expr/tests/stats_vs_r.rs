//! Every statistic of `normalize`, `hypothesis`, `correlation`, `pca`, `enrichment` and `gene_sets`
//! against R on the inputs of `scripts/make_expr_stats_fixture.R` (R 4.2.2, DESeq2 1.38.3, edgeR 3.40.2).
//!
//! Tolerances are relative. `EXACT` (1e-9) applies where we compute R's closed form with R's operations,
//! so only rounding separates us. `LOOSE` (1e-6) is used where the algorithm differs: the Jacobi
//! eigen-decomposition against R's LAPACK SVD (PCA), and root finding for Fisher's conditional MLE.
//! Each test prints the worst relative error it saw per function (`cargo test -- --nocapture`).

use std::collections::HashMap;

use gptomics_expr::{correlation, enrichment, gene_sets, hypothesis, normalize, pca};

const EXACT: f64 = 1e-9;
const LOOSE: f64 = 1e-6;

/// The fixture: `key -> values` (`NA` read as NaN).
struct Fixture(HashMap<String, Vec<f64>>);

impl Fixture {
    fn load() -> Self {
        let text = include_str!("fixtures/stats_reference.tsv");
        let mut map = HashMap::new();
        for line in text.lines() {
            let (key, values) = line.split_once('\t').expect("fixture line has a tab");
            let values = values
                .split(',')
                .map(|v| if v == "NA" { f64::NAN } else { v.parse().expect("fixture number") })
                .collect();
            map.insert(key.to_string(), values);
        }
        Self(map)
    }

    fn get(&self, key: &str) -> &[f64] {
        self.0.get(key).unwrap_or_else(|| panic!("fixture has no key {key}"))
    }

    fn one(&self, key: &str) -> f64 {
        self.get(key)[0]
    }

    /// Input groups named `prefix.*.x` (the names between prefix and `.x`), sorted.
    fn cases(&self, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .0
            .keys()
            .filter_map(|k| k.strip_prefix(prefix)?.strip_suffix(".x").map(str::to_string))
            .filter(|n| !n.contains('.'))
            .collect();
        names.sort();
        names
    }
}

/// Compares values and keeps the worst relative error per function.
#[derive(Default)]
struct Checker(Vec<(String, f64)>);

impl Checker {
    fn close(&mut self, function: &str, what: &str, got: f64, want: f64, tolerance: f64) {
        let error = if got == want || (got.is_nan() && want.is_nan()) {
            0.0
        } else if want == 0.0 {
            got.abs()
        } else {
            ((got - want) / want).abs()
        };
        assert!(error <= tolerance, "{function} {what}: got {got:e}, R {want:e} (relative error {error:e})");
        match self.0.iter_mut().find(|(f, _)| f == function) {
            Some((_, worst)) => *worst = worst.max(error),
            None => self.0.push((function.to_string(), error)),
        }
    }

    fn all_close(&mut self, function: &str, what: &str, got: &[f64], want: &[f64], tolerance: f64) {
        assert_eq!(got.len(), want.len(), "{function} {what}: lengths");
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            self.close(function, &format!("{what}[{i}]"), g, w, tolerance);
        }
    }

    fn report(&self) {
        for (function, worst) in &self.0 {
            println!("{function}: worst relative error {worst:.2e}");
        }
    }
}

#[test]
fn test_hypothesis_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    let welch_cases = fx.cases("welch.");
    assert_eq!(welch_cases.len(), 4);
    for name in welch_cases {
        let key = |s: &str| format!("welch.{name}.{s}");
        let r = hypothesis::welch_t_test(fx.get(&key("x")), fx.get(&key("y")))?;
        check.close("welch_t_test", &key("t"), r.t, fx.one(&key("t")), EXACT);
        check.close("welch_t_test", &key("df"), r.df, fx.one(&key("df")), EXACT);
        check.close("welch_t_test", &key("p"), r.p_value, fx.one(&key("p")), EXACT);
    }
    let wilcox_cases = fx.cases("wilcox.");
    assert_eq!(wilcox_cases.len(), 7);
    for name in wilcox_cases {
        let key = |s: &str| format!("wilcox.{name}.{s}");
        let r = hypothesis::wilcoxon_rank_sum(fx.get(&key("x")), fx.get(&key("y")))?;
        assert_eq!(r.exact, fx.one(&key("exact")) == 1.0, "{name}: exact");
        check.close("wilcoxon_rank_sum", &key("w"), r.w, fx.one(&key("w")), EXACT);
        check.close("wilcoxon_rank_sum", &key("p"), r.p_value, fx.one(&key("p")), EXACT);
    }
    for name in ["small", "big"] {
        let adjusted = hypothesis::p_adjust_bh(fx.get(&format!("bh.{name}.p")))?;
        check.all_close("p_adjust_bh", name, &adjusted, fx.get(&format!("bh.{name}.adj")), EXACT);
    }
    check.report();
    Ok(())
}

#[test]
fn test_correlation_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    let cases = fx.cases("cor.");
    assert_eq!(cases.len(), 4);
    for name in cases {
        let key = |s: &str| format!("cor.{name}.{s}");
        let (x, y) = (fx.get(&key("x")), fx.get(&key("y")));
        let p = correlation::pearson(x, y)?;
        check.close("pearson", &key("r"), p.estimate, fx.one(&key("pearson.r")), EXACT);
        check.close("pearson", &key("t"), p.statistic, fx.one(&key("pearson.t")), EXACT);
        check.close("pearson", &key("p"), p.p_value, fx.one(&key("pearson.p")), EXACT);
        let s = correlation::spearman(x, y)?;
        check.close("spearman", &key("rho"), s.estimate, fx.one(&key("spearman.rho")), EXACT);
        check.close("spearman", &key("S"), s.statistic, fx.one(&key("spearman.s")), EXACT);
        check.close("spearman", &key("p"), s.p_value, fx.one(&key("spearman.p")), EXACT);
        check.all_close("rank_average", &name, &correlation::rank_average(x), fx.get(&key("rank.x")), 0.0);
    }
    check.report();
    Ok(())
}

#[test]
fn test_normalize_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    let counts = fx.get("cpm.counts");
    let n_samples = fx.one("cpm.n_samples") as usize;
    check.all_close("cpm", "plain", &normalize::cpm(counts, n_samples)?, fx.get("cpm.plain"), EXACT);
    for (prior, key) in [(2.0, "cpm.log_prior2"), (0.5, "cpm.log_prior0.5")] {
        let got = normalize::log_cpm(counts, n_samples, prior)?;
        check.all_close("log_cpm", key, &got, fx.get(key), EXACT);
    }
    let tpm = normalize::tpm(counts, n_samples, fx.get("tpm.lengths"))?;
    check.all_close("tpm", "values", &tpm, fx.get("tpm.values"), EXACT);
    let log = normalize::log2_pseudocount(counts, 1.0)?;
    check.all_close("log2_pseudocount", "values", &log, fx.get("log2p1.values"), EXACT);
    check.report();
    Ok(())
}

#[test]
fn test_pca_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    let values = fx.get("pca.values");
    let n_samples = fx.one("pca.n_samples") as usize;
    for ntop in [15, 500] {
        for scale in [false, true] {
            let key = format!("pca.ntop{ntop}{}", if scale { ".scaled" } else { "" });
            let result = pca::pca(values, n_samples, &pca::PcaOptions { ntop, scale })?;
            let mut selected: Vec<f64> = result.selected_genes.iter().map(|&g| g as f64).collect();
            selected.sort_by(f64::total_cmp);
            assert_eq!(selected, fx.get(&format!("{key}.selected")), "{key}: selected genes");
            // prcomp also returns the n-th component, which centring leaves at zero (1e-15): not compared.
            let k = n_samples - 1;
            assert_eq!(result.scores.len(), k);
            // LOOSE: Jacobi on the Gram matrix against LAPACK's SVD, two different algorithms.
            check.all_close("pca sdev", &key, &result.sdev, &fx.get(&format!("{key}.sdev"))[..k], LOOSE);
            let percent = &fx.get(&format!("{key}.percent"))[..k];
            check.all_close("pca percent_variance", &key, &result.percent_variance, percent, LOOSE);
            let r_scores = fx.get(&format!("{key}.scores"));
            for (c, pc) in result.scores.iter().enumerate() {
                let want = &r_scores[c * n_samples..(c + 1) * n_samples];
                let sign = if pc[0].signum() == want[0].signum() { 1.0 } else { -1.0 };
                let got: Vec<f64> = pc.iter().map(|v| sign * v).collect();
                check.all_close("pca scores (up to sign)", &format!("{key} PC{}", c + 1), &got, want, LOOSE);
            }
        }
    }
    // DESeq2's own plotPCA on the same matrix (ntop = 15): PC1, PC2 and percentVar.
    let result = pca::pca(values, n_samples, &pca::PcaOptions { ntop: 15, scale: false })?;
    for (c, key) in ["pca.plotpca.pc1", "pca.plotpca.pc2"].into_iter().enumerate() {
        let want = fx.get(key);
        let sign = if result.scores[c][0].signum() == want[0].signum() { 1.0 } else { -1.0 };
        let got: Vec<f64> = result.scores[c].iter().map(|v| sign * v).collect();
        check.all_close("pca vs plotPCA", key, &got, want, LOOSE);
    }
    check.all_close(
        "pca vs plotPCA",
        "percentVar",
        &result.percent_variance[..2],
        fx.get("pca.plotpca.percent"),
        LOOSE,
    );
    check.report();
    Ok(())
}

#[test]
fn test_gene_set_score_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    let values = fx.get("score.values");
    let n_samples = fx.one("score.n_samples") as usize;
    let genes: Vec<String> = (1..=values.len() / n_samples).map(|g| format!("g{g}")).collect();
    let set = gene_sets::GeneSet::new("all", genes.iter().cloned());
    let score = gene_sets::score_gene_set(values, n_samples, &genes, &set, gene_sets::Matching::Exact)?;
    check.all_close("score_gene_set", "mean z", &score.scores, fx.get("score.mean_z"), EXACT);
    check.report();
    Ok(())
}

#[test]
fn test_enrichment_vs_r() -> gptomics_expr::Result<()> {
    let fx = Fixture::load();
    let mut check = Checker::default();
    for i in 1..=7 {
        let &[k, set_size, universe, drawn] = fx.get(&format!("phyper.{i}.kKNn")) else { panic!("phyper.{i}") };
        let p = enrichment::hypergeometric_upper_tail(k as u64, set_size as u64, drawn as u64, universe as u64)?;
        check.close("hypergeometric_upper_tail", &format!("case {i}"), p, fx.one(&format!("phyper.{i}.upper")), EXACT);
    }
    let mut n_tables = 0;
    for name in ["tea", "skew", "zero", "big", "flat", "tiny", "lopsided"] {
        let key = |s: &str| format!("fisher.{name}.{s}");
        let &[a, b, c, d] = fx.get(&key("table")) else { panic!("{name}") };
        let r = enrichment::fisher_exact([[a as u64, b as u64], [c as u64, d as u64]])?;
        check.close("fisher_exact p", name, r.p_value, fx.one(&key("p")), EXACT);
        // LOOSE: root finding (our bisection against R's uniroot run to tol = 1e-14).
        check.close("fisher_exact odds_ratio (MLE)", name, r.odds_ratio, fx.one(&key("mle")), LOOSE);
        // fisher.test's own estimate stops at uniroot's default tolerance (~1e-4 on the root's scale).
        check.close("fisher_exact vs fisher.test estimate", name, r.odds_ratio, fx.one(&key("r_estimate")), 1e-3);
        n_tables += 1;
    }
    assert_eq!(n_tables, 7);
    check.report();
    Ok(())
}
