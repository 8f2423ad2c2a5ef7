//! MA plot: log2 fold change against mean expression, as DESeq2's `plotMA`.

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DOWN, DrawResult, FONT_FAMILY, Figure, NEUTRAL, padded_range, render, same_lengths, text};
use crate::Result;

/// Settings of [`ma_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct MaOptions {
    /// Genes with an adjusted p-value below `alpha` are coloured (default 0.1, `plotMA`'s default).
    pub alpha: f64,
    /// The title (default "MA plot").
    pub title: String,
    /// Width and height in pixels (default 900 × 700).
    pub size: (u32, u32),
}

impl Default for MaOptions {
    fn default() -> Self {
        Self { alpha: 0.1, title: "MA plot".into(), size: (900, 700) }
    }
}

/// Draws an MA plot to `path` (`.png` or `.svg`): each gene at (log10 mean of normalised counts,
/// log2 fold change), blue when `p_adjusted < alpha`, with a line at 0.
///
/// As DESeq2's `plotMA`, genes with a base mean of 0 (or NaN) are left out, as are NaN fold changes; a
/// NaN adjusted p-value is not significant. The slices run over the same genes, else
/// [`Error::InvalidInput`](crate::Error::InvalidInput); drawing failures are
/// [`Error::Plot`](crate::Error::Plot).
///
/// ```
/// use gptomics_expr::plots::{MaOptions, ma_plot};
/// let path = std::env::temp_dir().join(format!("ma-doc-{}.svg", std::process::id()));
/// ma_plot(&path, &[10.0, 2500.0, 0.0], &[1.5, -0.1, f64::NAN], &[0.01, 0.8, f64::NAN], &MaOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ma_plot(
    path: impl AsRef<Path>,
    base_mean: &[f64],
    log2_fold_change: &[f64],
    p_adjusted: &[f64],
    options: &MaOptions,
) -> Result<()> {
    same_lengths(
        "ma_plot",
        &[
            ("base_mean", base_mean.len()),
            ("log2_fold_change", log2_fold_change.len()),
            ("p_adjusted", p_adjusted.len()),
        ],
    )?;
    let points = base_mean
        .iter()
        .zip(log2_fold_change)
        .zip(p_adjusted)
        .filter(|((m, lfc), _)| **m > 0.0 && m.is_finite() && lfc.is_finite())
        .map(|((m, lfc), padj)| (m.log10(), *lfc, *padj < options.alpha))
        .collect();
    render(path.as_ref(), &Ma { points, options })
}

struct Ma<'a> {
    points: Vec<(f64, f64, bool)>, // (log10 base mean, lfc, significant)
    options: &'a MaOptions,
}

impl Figure for Ma<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let (x0, x1) = padded_range(self.points.iter().map(|p| p.0), 0.03).unwrap_or((0.0, 1.0));
        let (y0, y1) = padded_range(self.points.iter().map(|p| p.1).chain([-1.0, 1.0]), 0.05).unwrap_or((-1.0, 1.0));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 28))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(text)?;
        chart
            .configure_mesh()
            .x_desc("log10 mean of normalised counts")
            .y_desc("log2 fold change")
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        for significant in [false, true] {
            let (colour, name) =
                if significant { (DOWN, format!("padj < {}", self.options.alpha)) } else { (NEUTRAL, "other".into()) };
            let selected: Vec<(f64, f64)> =
                self.points.iter().filter(|p| p.2 == significant).map(|&(x, y, _)| (x, y)).collect();
            let label = format!("{name} ({})", selected.len());
            chart
                .draw_series(selected.into_iter().map(|xy| Circle::new(xy, 2, colour.mix(0.7).filled())))
                .map_err(text)?
                .label(label)
                .legend(move |(lx, ly)| Circle::new((lx + 10, ly), 4, colour.filled()));
        }
        chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], BLACK.mix(0.6))).map_err(text)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font((FONT_FAMILY, 16))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(text)
    }
}
