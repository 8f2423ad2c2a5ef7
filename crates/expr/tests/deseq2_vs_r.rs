//! Our DESeq2 against R DESeq2's own outputs for PyDESeq2's synthetic data set (10 genes × 100 samples):
//! every gene and column of each results file, size factors, dispersions and the VST, within relative
//! error 1e-3 (absolute 1e-6 near zero) and with the same NA pattern.

use std::path::Path;

use gptomics_expr::deseq2::{
    self, AltHypothesis, Contrast, CountMatrix, DeseqFit, DeseqOptions, FitType, ResultsOptions, SizeFactorType,
};
use gptomics_expr::design::{Design, DesignOptions};
use gptomics_seqio::counts::{CountTable, CountTableOptions};
use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
use gptomics_testdata as common;

mod r_reference;
use r_reference::{assert_close, read_r_csv, report};

struct Data {
    counts: CountMatrix,
    sheet: SampleSheet,
    dir: std::path::PathBuf,
}

fn data() -> Option<Data> {
    let dir = common::data_file("deseq2")?;
    let table = CountTable::from_path(dir.join("synthetic_counts.csv"), &CountTableOptions::default()).expect("counts");
    let sheet =
        SampleSheet::from_path(dir.join("synthetic_metadata.csv"), &SampleSheetOptions::default()).expect("sheet");
    Some(Data { counts: CountMatrix::from_table(&table).expect("matrix"), sheet, dir })
}

fn fit(data: &Data, formula: &str, options: &DeseqOptions) -> DeseqFit {
    let design =
        Design::from_formula(formula, &data.sheet, data.counts.samples(), &DesignOptions::default()).expect("design");
    deseq2::run(&data.counts, &design, options).expect("DESeq")
}

fn compare_results(fit: &DeseqFit, options: &ResultsOptions, reference: &Path) {
    let res = fit.results(options).expect("results");
    let r = read_r_csv(reference);
    let name = reference.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    assert_eq!(r.rows, res.genes, "{name}: genes");
    for (g, gene) in r.rows.iter().enumerate() {
        for (c, col) in r.columns.iter().enumerate() {
            let ours = match col.as_str() {
                "baseMean" => res.base_mean[g],
                "log2FoldChange" => res.log2_fold_change[g],
                "lfcSE" => res.lfc_se[g],
                "stat" => res.stat[g],
                "pvalue" => res.pvalue[g],
                "padj" => res.padj[g],
                other => panic!("{name}: unexpected column {other}"),
            };
            assert_close(&format!("{name} {gene} {col}"), ours, r.values[g][c]);
        }
    }
}

fn condition_b_vs_a() -> ResultsOptions {
    ResultsOptions::new(Contrast::levels("condition", "B", "A"))
}

#[test]
fn test_single_factor_results_and_alternatives() {
    let Some(data) = data() else { return };
    let fit = fit(&data, "~ condition", &DeseqOptions::default());
    let dir = data.dir.join("single_factor");
    compare_results(&fit, &condition_b_vs_a(), &dir.join("r_test_res.csv"));
    let no_filter = ResultsOptions { independent_filtering: false, ..condition_b_vs_a() };
    compare_results(&fit, &no_filter, &dir.join("r_test_res_no_independent_filtering.csv"));
    for (alt, file) in [
        (AltHypothesis::Greater, "r_test_res_greater.csv"),
        (AltHypothesis::Less, "r_test_res_less.csv"),
        (AltHypothesis::GreaterAbs, "r_test_res_greaterAbs.csv"),
        (AltHypothesis::LessAbs, "r_test_res_lessAbs.csv"),
    ] {
        let options = ResultsOptions { lfc_threshold: 0.5, alt_hypothesis: alt, ..condition_b_vs_a() };
        compare_results(&fit, &options, &dir.join(file));
    }
    report("test_single_factor_results_and_alternatives");
}

#[test]
fn test_single_factor_mean_curve() {
    let Some(data) = data() else { return };
    let options = DeseqOptions { fit_type: FitType::Mean, ..DeseqOptions::default() };
    let fit = fit(&data, "~ condition", &options);
    compare_results(&fit, &condition_b_vs_a(), &data.dir.join("single_factor/r_test_res_mean_curve.csv"));
    report("test_single_factor_mean_curve");
}

#[test]
fn test_multi_factor_results() {
    let Some(data) = data() else { return };
    let fit = fit(&data, "~ group + condition", &DeseqOptions::default());
    compare_results(&fit, &condition_b_vs_a(), &data.dir.join("multi_factor/r_test_res.csv"));
    report("test_multi_factor_results");
}

fn compare_vector(what: &str, ours: &[f64], reference: &Path) {
    let r = read_r_csv(reference);
    assert_eq!(ours.len(), r.rows.len(), "{what}: length");
    for (i, row) in r.values.iter().enumerate() {
        assert_close(&format!("{what} {}", r.rows[i]), ours[i], row[0]);
    }
}

#[test]
fn test_size_factors() {
    let Some(data) = data() else { return };
    let dir = data.dir.join("single_factor");
    let ratio = deseq2::median_of_ratios(&data.counts).expect("ratio");
    compare_vector("ratio size factors", &ratio, &dir.join("r_test_size_factors.csv"));
    compare_vector("ratio size factors (multi)", &ratio, &data.dir.join("multi_factor/r_test_size_factors.csv"));
    let pos = deseq2::poscounts(&data.counts).expect("poscounts");
    compare_vector("poscounts size factors", &pos, &dir.join("r_test_size_factors_poscount.csv"));
    let options = DeseqOptions { size_factor_type: SizeFactorType::Iterate, ..DeseqOptions::default() };
    let iterate = fit(&data, "~ condition", &options).size_factors().to_vec();
    compare_vector("iterative size factors", &iterate, &dir.join("r_iterative_size_factors.csv"));
    report("test_size_factors");
}

#[test]
fn test_dispersions() {
    let Some(data) = data() else { return };
    let single = fit(&data, "~ condition", &DeseqOptions::default());
    compare_vector("dispersions", single.dispersions(), &data.dir.join("single_factor/r_test_dispersions.csv"));
    let multi = fit(&data, "~ group + condition", &DeseqOptions::default());
    compare_vector("dispersions (multi)", multi.dispersions(), &data.dir.join("multi_factor/r_test_dispersions.csv"));
    report("test_dispersions");
}

fn compare_matrix(what: &str, ours: &[f64], reference: &Path) {
    let r = read_r_csv(reference);
    let m = r.columns.len();
    assert_eq!(ours.len(), r.rows.len() * m, "{what}: shape");
    for (g, row) in r.values.iter().enumerate() {
        for (s, v) in row.iter().enumerate() {
            assert_close(&format!("{what} {} {}", r.rows[g], r.columns[s]), ours[g * m + s], *v);
        }
    }
}

#[test]
fn test_vst() {
    let Some(data) = data() else { return };
    let dir = data.dir.join("single_factor");
    let blind = deseq2::variance_stabilizing_transformation(&data.counts, &Default::default()).expect("vst");
    compare_matrix("blind VST", &blind, &dir.join("r_vst.csv"));
    let mean = deseq2::VstOptions { fit_type: FitType::Mean };
    let blind_mean = deseq2::variance_stabilizing_transformation(&data.counts, &mean).expect("vst");
    compare_matrix("blind VST, mean fit", &blind_mean, &dir.join("r_mean_vst.csv"));
    let fit = fit(&data, "~ condition", &DeseqOptions::default());
    compare_matrix("VST with design", &fit.vst(), &dir.join("r_vst_with_design.csv"));
    report("test_vst");
}
