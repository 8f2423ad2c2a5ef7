//! The standard figures of a DESeq2 run: volcano, MA, dispersion fit and sample PCA of the VST.

use std::path::{Path, PathBuf};

use super::{DeseqFit, DeseqResults};
use crate::design::Variable;
use crate::pca::{PcaOptions, pca};
use crate::plots::{
    DispersionOptions, MaOptions, PcaPlotOptions, VolcanoOptions, dispersion_plot, ma_plot, pca_plot, volcano_plot,
};
use crate::{Error, Result};

/// Writes `volcano`, `ma`, `dispersion` and `pca` as PNG and SVG into `dir` (created if missing) and
/// returns the paths. Points are coloured at `alpha`; the volcano marks `lfc_threshold`. The PCA uses the
/// VST with the design's trend (DESeq2's `vst(dds, blind = FALSE)` + `plotPCA`, 500 most variable genes),
/// samples coloured by the design's last factor.
///
/// # Errors
/// [`Error::Io`] when the folder cannot be made, [`Error::Plot`] when drawing fails.
pub fn write_plots(
    fit: &DeseqFit,
    results: &DeseqResults,
    dir: &Path,
    alpha: f64,
    lfc_threshold: f64,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io { file: dir.display().to_string(), source })?;
    let vst = fit.vst();
    let n = fit.counts().n_samples();
    let pcs = pca(&vst, n, &PcaOptions::default())?;
    let groups: Vec<String> = match fit.design.variables().iter().rev().find(|v| matches!(v, Variable::Factor { .. })) {
        Some(Variable::Factor { levels, values, .. }) => values.iter().map(|&v| levels[v].clone()).collect(),
        _ => vec!["all".to_string(); n],
    };
    let mut written = Vec::new();
    for ext in ["png", "svg"] {
        let path = |name: &str| dir.join(format!("{name}.{ext}"));
        let title = |what: &str| format!("{what}: {}", results.description);
        volcano_plot(
            path("volcano"),
            &results.log2_fold_change,
            &results.pvalue,
            &results.padj,
            &VolcanoOptions { alpha, lfc_threshold, title: title("Volcano"), ..VolcanoOptions::default() },
        )?;
        ma_plot(
            path("ma"),
            &results.base_mean,
            &results.log2_fold_change,
            &results.padj,
            &MaOptions { alpha, title: title("MA"), ..MaOptions::default() },
        )?;
        dispersion_plot(
            path("dispersion"),
            fit.base_means(),
            fit.gene_wise_dispersions(),
            fit.fitted_dispersions(),
            fit.dispersions(),
            &DispersionOptions::default(),
        )?;
        pca_plot(path("pca"), &pcs, fit.counts().samples(), &groups, &PcaPlotOptions::default())?;
        written.extend(["volcano", "ma", "dispersion", "pca"].map(path));
    }
    Ok(written)
}
