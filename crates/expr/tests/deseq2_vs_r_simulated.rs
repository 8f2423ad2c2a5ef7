//! Our DESeq2 against R DESeq2 1.38.3 on simulated cohorts made by `scripts/make_deseq2_fixture.R`
//! (committed under `tests/fixtures/deseq2_r1383`): hundreds of genes, so independent filtering runs its
//! lowess fit; few replicates per cell (Cook's filtering), eight per group (outlier replacement and
//! refit), a three-level factor contrasted between non-reference levels, a thresholded test, all-zero
//! genes, a numeric covariate and an interaction. Every gene and column: relative error ≤ 1e-3 (absolute
//! 1e-6 near zero), same NA pattern.

use std::path::{Path, PathBuf};

use gptomics_expr::deseq2::{self, Contrast, CountMatrix, DeseqFit, DeseqOptions, ResultsOptions};
use gptomics_expr::design::{Design, DesignOptions};
use gptomics_seqio::counts::{CountTable, CountTableOptions};
use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};

mod r_reference;
use r_reference::{assert_close, read_r_csv, report};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deseq2_r1383").join(name)
}

fn fit_case(case: &str, formula: &str) -> DeseqFit {
    let table =
        CountTable::from_path(fixture(&format!("{case}_counts.csv")), &CountTableOptions::default()).expect("counts");
    let sheet =
        SampleSheet::from_path(fixture(&format!("{case}_samples.csv")), &SampleSheetOptions::default()).expect("sheet");
    let counts = CountMatrix::from_table(&table).expect("matrix");
    let design = Design::from_formula(formula, &sheet, counts.samples(), &DesignOptions::default()).expect("design");
    let fit = deseq2::run(&counts, &design, &DeseqOptions::default()).expect("DESeq");
    let sf = read_r_csv(&fixture(&format!("{case}_size_factors.csv")));
    for (i, row) in sf.values.iter().enumerate() {
        assert_close(&format!("{case} size factor {}", sf.rows[i]), fit.size_factors()[i], row[0]);
    }
    let disp = read_r_csv(&fixture(&format!("{case}_dispersions.csv")));
    for (g, row) in disp.values.iter().enumerate() {
        assert_close(&format!("{case} dispGeneEst {}", disp.rows[g]), fit.gene_wise_dispersions()[g], row[0]);
        assert_close(&format!("{case} dispFit {}", disp.rows[g]), fit.fitted_dispersions()[g], row[1]);
        assert_close(&format!("{case} dispersion {}", disp.rows[g]), fit.dispersions()[g], row[2]);
    }
    fit
}

fn compare(fit: &DeseqFit, options: &ResultsOptions, file: &str) {
    let res = fit.results(options).expect("results");
    let r = read_r_csv(&fixture(file));
    assert_eq!(r.rows, res.genes);
    for (g, gene) in r.rows.iter().enumerate() {
        let ours = [res.base_mean[g], res.log2_fold_change[g], res.lfc_se[g], res.stat[g], res.pvalue[g], res.padj[g]];
        for (c, col) in r.columns.iter().enumerate() {
            assert_close(&format!("{file} {gene} {col}"), ours[c], r.values[g][c]);
        }
    }
}

#[test]
fn test_cohort_three_levels_batch_cooks_filtering() {
    let fit = fit_case("cohort", "~ batch + condition");
    compare(&fit, &ResultsOptions::new(Contrast::levels("condition", "epi", "ctrl")), "cohort_res_epi_vs_ctrl.csv");
    compare(&fit, &ResultsOptions::new(Contrast::levels("condition", "kd", "epi")), "cohort_res_kd_vs_epi.csv");
    let thresholded =
        ResultsOptions { lfc_threshold: 1.0, ..ResultsOptions::new(Contrast::levels("condition", "kd", "epi")) };
    compare(&fit, &thresholded, "cohort_res_kd_vs_epi_lfc1.csv");
    compare(&fit, &ResultsOptions::new(Contrast::Coefficient("batch_b2_vs_b1".into())), "cohort_res_batch.csv");
    report("cohort");
}

#[test]
fn test_outlier_replacement() {
    let fit = fit_case("replace", "~ condition");
    assert!(fit.replaced().iter().filter(|&&r| r).count() >= 3, "planted outliers are replaced");
    compare(&fit, &ResultsOptions::new(Contrast::levels("condition", "B", "A")), "replace_res_B_vs_A.csv");
    report("replace");
}

#[test]
fn test_numeric_covariate() {
    let fit = fit_case("covariate", "~ age + group");
    compare(&fit, &ResultsOptions::new(Contrast::Coefficient("age".into())), "covariate_res_age.csv");
    report("covariate");
}

#[test]
fn test_interaction() {
    let fit = fit_case("interaction", "~ group + treat + group:treat");
    compare(
        &fit,
        &ResultsOptions::new(Contrast::Coefficient("groupY.treatyes".into())),
        "interaction_res_interaction.csv",
    );
    compare(&fit, &ResultsOptions::new(Contrast::levels("treat", "yes", "no")), "interaction_res_treat_in_X.csv");
    report("interaction");
}
