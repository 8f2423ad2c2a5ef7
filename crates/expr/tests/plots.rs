//! Every plot written as PNG and SVG from realistic synthetic results: files exist, are non-empty and
//! have the right signature. Set `GPTOMICS_KEEP_PLOTS=DIR` to keep the pictures in DIR for a look.

use std::path::{Path, PathBuf};

use gptomics_expr::{gene_sets, pca, plots};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Xorshift uniform numbers in (0, 1), deterministic.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        (-2.0 * self.uniform().ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()
    }
}

/// Synthetic DESeq2-like results for `n` genes: (base mean, lfc, p, padj, gene-wise, fitted, final).
struct Results {
    base_mean: Vec<f64>,
    lfc: Vec<f64>,
    p: Vec<f64>,
    padj: Vec<f64>,
    gene_wise: Vec<f64>,
    fitted: Vec<f64>,
    final_dispersion: Vec<f64>,
}

fn results(n: usize) -> Results {
    use special::Error as _;
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut r = Results {
        base_mean: vec![],
        lfc: vec![],
        p: vec![],
        padj: vec![],
        gene_wise: vec![],
        fitted: vec![],
        final_dispersion: vec![],
    };
    for i in 0..n {
        let mean = 10f64.powf(5.0 * rng.uniform());
        let se = 0.15 + 2.0 / mean.sqrt();
        let truth =
            if i % 20 == 0 { (if i % 40 == 0 { 1.0 } else { -1.0 }) * (1.5 + 2.0 * rng.uniform()) } else { 0.0 };
        let lfc = truth + se * rng.normal();
        let z = lfc / se;
        let fitted = 0.02 + 3.0 / mean;
        let gene_wise = fitted * (0.6 * rng.normal()).exp();
        r.base_mean.push(if i % 97 == 0 { 0.0 } else { mean });
        r.lfc.push(if i % 97 == 0 { f64::NAN } else { lfc });
        r.p.push(if i % 97 == 0 { f64::NAN } else { (z.abs() / std::f64::consts::SQRT_2).compl_error() });
        r.gene_wise.push(gene_wise);
        r.fitted.push(fitted);
        r.final_dispersion.push((gene_wise * fitted).sqrt());
    }
    r.padj = gptomics_expr::hypothesis::p_adjust_bh(&r.p).map_err(|e| e.to_string()).unwrap_or_default();
    r
}

/// Checks both files of `stem` and copies them to `GPTOMICS_KEEP_PLOTS` when set.
fn check_written(dir: &Path, stem: &str) -> TestResult {
    for extension in ["png", "svg"] {
        let path = dir.join(format!("{stem}.{extension}"));
        let bytes = std::fs::read(&path)?;
        assert!(bytes.len() > 1000, "{} is only {} bytes", path.display(), bytes.len());
        match extension {
            "png" => assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n"),
            _ => assert!(String::from_utf8_lossy(&bytes[..200]).contains("<svg"), "{}", path.display()),
        }
        if let Some(keep) = std::env::var_os("GPTOMICS_KEEP_PLOTS") {
            std::fs::create_dir_all(&keep)?;
            std::fs::copy(&path, PathBuf::from(keep).join(path.file_name().unwrap_or_default()))?;
        }
    }
    Ok(())
}

#[test]
fn test_volcano_and_ma_plots() -> TestResult {
    let dir = tempfile::tempdir()?;
    let r = results(3000);
    assert!(r.padj.iter().filter(|p| **p < 0.05).count() > 50, "the synthetic data have hits");
    for extension in ["png", "svg"] {
        let path = dir.path().join(format!("volcano.{extension}"));
        plots::volcano_plot(&path, &r.lfc, &r.p, &r.padj, &plots::VolcanoOptions::default())?;
        let path = dir.path().join(format!("ma.{extension}"));
        plots::ma_plot(&path, &r.base_mean, &r.lfc, &r.padj, &plots::MaOptions::default())?;
    }
    check_written(dir.path(), "volcano")?;
    check_written(dir.path(), "ma")?;
    // Bad input: mismatched lengths, unknown format.
    let short = &r.p[..10];
    assert!(plots::volcano_plot(dir.path().join("v.png"), &r.lfc, short, &r.padj, &Default::default()).is_err());
    let e = plots::ma_plot(dir.path().join("ma.jpg"), &r.base_mean, &r.lfc, &r.padj, &Default::default());
    assert!(matches!(e, Err(gptomics_expr::Error::Plot { .. })));
    Ok(())
}

#[test]
fn test_dispersion_plot() -> TestResult {
    let dir = tempfile::tempdir()?;
    let r = results(3000);
    for extension in ["png", "svg"] {
        let path = dir.path().join(format!("dispersion.{extension}"));
        plots::dispersion_plot(&path, &r.base_mean, &r.gene_wise, &r.fitted, &r.final_dispersion, &Default::default())?;
    }
    check_written(dir.path(), "dispersion")?;
    let nothing = [f64::NAN; 3];
    assert!(
        plots::dispersion_plot(dir.path().join("d.png"), &[0.0; 3], &nothing, &nothing, &nothing, &Default::default())
            .is_err()
    );
    Ok(())
}

#[test]
fn test_pca_and_score_plots() -> TestResult {
    let dir = tempfile::tempdir()?;
    // 300 genes x 12 samples in three groups of four, on a log scale.
    let (n_genes, n_samples) = (300, 12);
    let groups: Vec<&str> = (0..n_samples).map(|j| ["control", "LPS", "MCAO"][j / 4]).collect();
    let samples: Vec<String> = (0..n_samples).map(|j| format!("{}_{}", groups[j], j % 4 + 1)).collect();
    let mut rng = Rng(7);
    let mut values = Vec::with_capacity(n_genes * n_samples);
    let mut genes: Vec<String> = (0..n_genes).map(|g| format!("gene{g}")).collect();
    for g in 0..n_genes {
        let base = 4.0 + 6.0 * rng.uniform();
        let effects = [0.0, if g % 5 == 0 { 2.0 } else { 0.0 }, if g % 7 == 0 { -1.5 } else { 0.0 }];
        for group in groups.iter().take(n_samples) {
            let k = ["control", "LPS", "MCAO"].iter().position(|n| n == group).unwrap_or(0);
            values.push(base + effects[k] + 0.3 * rng.normal());
        }
    }
    let reactive = gene_sets::astrocyte_reactivity(gene_sets::Species::Mouse)?;
    for (g, name) in reactive.genes.iter().enumerate() {
        genes[g * 5] = name.clone(); // LPS-responsive rows carry the markers
    }
    let result = pca::pca(&values, n_samples, &pca::PcaOptions::default())?;
    let score = gene_sets::score_gene_set(&values, n_samples, &genes, &reactive, gene_sets::Matching::Exact)?;
    assert!(score.missing.is_empty());
    for extension in ["png", "svg"] {
        let path = dir.path().join(format!("pca.{extension}"));
        plots::pca_plot(&path, &result, &samples, &groups, &plots::PcaPlotOptions::default())?;
        let path = dir.path().join(format!("score.{extension}"));
        let options = plots::ScorePlotOptions { title: "Astrocyte reactivity".into(), ..Default::default() };
        plots::score_plot(&path, &score.scores, &groups, &options)?;
    }
    check_written(dir.path(), "pca")?;
    check_written(dir.path(), "score")?;
    let far = plots::PcaPlotOptions { components: (0, 20), ..Default::default() };
    assert!(plots::pca_plot(dir.path().join("p.png"), &result, &samples, &groups, &far).is_err());
    assert!(plots::pca_plot(dir.path().join("p.png"), &result, &samples[1..], &groups, &Default::default()).is_err());
    assert!(plots::score_plot(dir.path().join("s.png"), &[f64::NAN], &["a"], &Default::default()).is_err());
    Ok(())
}
