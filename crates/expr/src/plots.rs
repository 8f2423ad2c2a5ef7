//! Diagnostic and result plots of an expression analysis, written as PNG or SVG by file extension.
//!
//! - [`volcano_plot`]: log2 fold change against -log10 p, coloured by adjusted p and fold change;
//! - [`ma_plot`]: log2 fold change against log10 mean expression (DESeq2's `plotMA`);
//! - [`pca_plot`]: sample PCA coloured by group with % variance on the axes (DESeq2's `plotPCA`);
//! - [`dispersion_plot`]: gene-wise, fitted and final dispersions against the mean, log-log
//!   (DESeq2's `plotDispEsts`);
//! - [`score_plot`]: a per-sample score (gene-set score) by group, box and points;
//! - [`line_plot`]: named lines against a shared x axis (training curves, attention profiles).
//!
//! Inputs are plain slices with NaN for NA, so results from any source (this crate's DESeq2, R's
//! `write.csv` output read back) can be drawn. Text uses DejaVu Sans embedded in the crate (see
//! `assets/LICENSE.DejaVu`): nothing depends on the fonts installed on the machine. Styling is fixed
//! and plain; the plots are for looking at results, not for publication layouts.
//!
//! ```
//! use gptomics_expr::plots::{VolcanoOptions, volcano_plot};
//! let dir = std::env::temp_dir();
//! let (lfc, p, padj) = ([3.1, -0.4, -2.2, 0.1], [1e-12, 0.3, 1e-6, 0.9], [1e-10, 0.6, 1e-5, 0.9]);
//! for name in ["volcano-mod.png", "volcano-mod.svg"] {
//!     let path = dir.join(format!("{}-{name}", std::process::id()));
//!     volcano_plot(&path, &lfc, &p, &padj, &VolcanoOptions::default())?;
//!     assert!(std::fs::metadata(&path)?.len() > 0);
//!     std::fs::remove_file(&path)?;
//! }
//! assert!(volcano_plot(dir.join("v.pdf"), &lfc, &p, &padj, &VolcanoOptions::default()).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dispersion;
mod lines;
mod ma;
mod pca;
mod render;
mod score;
mod volcano;

pub use self::{
    dispersion::{DispersionOptions, dispersion_plot},
    lines::{LinePlotOptions, LineSeries, line_plot},
    ma::{MaOptions, ma_plot},
    pca::{PcaPlotOptions, pca_plot},
    score::{ScorePlotOptions, score_plot},
    volcano::{VolcanoOptions, volcano_plot},
};
