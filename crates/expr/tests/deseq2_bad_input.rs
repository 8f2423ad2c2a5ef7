//! Bad input to the DESeq2 path: each case gives a typed error that names what is wrong, or DESeq2's
//! documented outcome.

use std::io::Write;

use gptomics_expr::Error;
use gptomics_expr::deseq2::{self, Contrast, CountMatrix, DeseqOptions, FitType, InputOptions, ResultsOptions};
use gptomics_expr::design::{Design, DesignOptions};
use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};

fn sheet(text: &str) -> SampleSheet {
    SampleSheet::from_reader(text.as_bytes(), "samples.csv", &SampleSheetOptions::default()).expect("sheet")
}

fn names(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i}")).collect()
}

/// Six samples, A A A B B B, and `genes` genes of varied counts.
fn counts(genes: usize) -> CountMatrix {
    let values: Vec<u64> = (0..genes * 6).map(|i| 5 + (i as u64 * 7919) % 41).collect();
    CountMatrix::new(names("g", genes), names("s", 6), &values).expect("counts")
}

const SHEET: &str = "sample,condition,batch\ns1,A,x\ns2,A,y\ns3,A,x\ns4,B,y\ns5,B,x\ns6,B,y\n";

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::File::create(&path).and_then(|mut f| f.write_all(text.as_bytes())).expect("write");
    path
}

#[test]
fn test_non_integer_and_negative_counts() {
    let err = CountMatrix::from_f64(names("g", 1), names("s", 2), vec![1.0, 2.5]).unwrap_err();
    assert!(matches!(&err, Error::InvalidInput(m) if m.contains("`g1`") && m.contains("`s2`")), "{err}");
    let err = CountMatrix::from_f64(names("g", 1), names("s", 2), vec![-1.0, 2.0]).unwrap_err();
    assert!(matches!(&err, Error::InvalidInput(m) if m.contains("`s1`")), "{err}");
    // From files: the table reader names file and line.
    let dir = tempfile::tempdir().expect("tempdir");
    let counts = write_temp(&dir, "counts.csv", "gene,s1,s2\ng1,3,4.5\n");
    let samples = write_temp(&dir, "samples.csv", "sample,condition\ns1,A\ns2,B\n");
    let err = deseq2::read_inputs(&counts, &samples, &InputOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("counts.csv") && text.contains(":2"), "{text}");
    let counts = write_temp(&dir, "neg.csv", "gene,s1,s2\ng1,3,-4\n");
    let err = deseq2::read_inputs(&counts, &samples, &InputOptions::default()).unwrap_err();
    assert!(err.to_string().contains("neg.csv"), "{err}");
}

#[test]
fn test_sample_names_differ() {
    let dir = tempfile::tempdir().expect("tempdir");
    let counts = write_temp(&dir, "counts.csv", "gene,s1,s2\ng1,3,4\n");
    let samples = write_temp(&dir, "samples.csv", "sample,condition\ns1,A\ns3,B\n");
    let err = deseq2::read_inputs(&counts, &samples, &InputOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("s3") && text.contains("s2"), "{text}");
}

#[test]
fn test_all_zero_gene_gets_na_results() {
    let mut values: Vec<u64> = (0..20 * 6).map(|i| 5 + (i as u64 * 7919) % 41).collect();
    values[6..12].fill(0);
    let counts = CountMatrix::new(names("g", 20), names("s", 6), &values).expect("counts");
    let design = Design::from_formula("~ condition", &sheet(SHEET), counts.samples(), &DesignOptions::default())
        .expect("design");
    // These made-up counts have no a/x + b trend, so the mean trend is used.
    let options = DeseqOptions { fit_type: FitType::Mean, ..DeseqOptions::default() };
    let fit = deseq2::run(&counts, &design, &options).expect("fit");
    let res = fit.results(&ResultsOptions::new(Contrast::levels("condition", "B", "A"))).expect("results");
    assert_eq!(res.base_mean[1], 0.0);
    for column in [&res.log2_fold_change, &res.lfc_se, &res.stat, &res.pvalue, &res.padj] {
        assert!(column[1].is_nan());
        assert!(!column[0].is_nan());
    }
}

#[test]
fn test_sample_of_all_zeros() {
    let mut values: Vec<u64> = (0..20 * 6).map(|i| 5 + (i as u64 * 7919) % 41).collect();
    for g in 0..20 {
        values[g * 6 + 4] = 0;
    }
    let counts = CountMatrix::new(names("g", 20), names("s", 6), &values).expect("counts");
    let err = deseq2::poscounts(&counts).unwrap_err();
    assert!(err.to_string().contains("`s5`"), "{err}");
    // With the default estimator every gene has a zero, and the message says what to do.
    let err = deseq2::median_of_ratios(&counts).unwrap_err();
    assert!(err.to_string().contains("poscounts"), "{err}");
}

#[test]
fn test_factor_with_one_level() {
    let one = "sample,condition\ns1,A\ns2,A\ns3,A\ns4,A\ns5,A\ns6,A\n";
    let err = Design::from_formula("~ condition", &sheet(one), &names("s", 6), &DesignOptions::default()).unwrap_err();
    assert!(matches!(&err, Error::Design { reason, .. } if reason.contains("one level")), "{err}");
}

#[test]
fn test_unknown_contrast_level_and_variable() {
    let c = counts(20);
    let design =
        Design::from_formula("~ condition", &sheet(SHEET), c.samples(), &DesignOptions::default()).expect("design");
    let options = DeseqOptions { fit_type: FitType::Mean, ..DeseqOptions::default() };
    let fit = deseq2::run(&c, &design, &options).expect("fit");
    let err = fit.results(&ResultsOptions::new(Contrast::levels("condition", "C", "A"))).unwrap_err();
    assert!(matches!(&err, Error::Contrast(m) if m.contains("`C`") && m.contains("A, B")), "{err}");
    let err = fit.results(&ResultsOptions::new(Contrast::Coefficient("nope".into()))).unwrap_err();
    assert!(matches!(&err, Error::Contrast(m) if m.contains("condition_B_vs_A")), "{err}");
    let err = Design::from_formula("~ genotype", &sheet(SHEET), c.samples(), &DesignOptions::default()).unwrap_err();
    assert!(err.to_string().contains("genotype"), "{err}");
}

#[test]
fn test_no_replicates() {
    let c = CountMatrix::new(names("g", 3), names("s", 2), &[5, 9, 3, 4, 10, 12]).expect("counts");
    let two = "sample,condition\ns1,A\ns2,B\n";
    let design =
        Design::from_formula("~ condition", &sheet(two), c.samples(), &DesignOptions::default()).expect("design");
    let err = deseq2::run(&c, &design, &DeseqOptions::default()).unwrap_err();
    assert!(err.to_string().contains("no replicates"), "{err}");
}

#[test]
fn test_confounded_design_names_columns() {
    // batch is the same as condition: x x x / y y y.
    let confounded = "sample,condition,batch\ns1,A,x\ns2,A,x\ns3,A,x\ns4,B,y\ns5,B,y\ns6,B,y\n";
    let err =
        Design::from_formula("~ batch + condition", &sheet(confounded), &names("s", 6), &DesignOptions::default())
            .unwrap_err();
    assert!(matches!(&err, Error::Design { reason, .. } if reason.contains("condition_B_vs_A")), "{err}");
}
