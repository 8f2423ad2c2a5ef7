//! Dispersion plot, as DESeq2's `plotDispEsts`: gene-wise, fitted and final dispersions against the
//! mean of normalised counts, log-log.

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DrawResult, FONT_FAMILY, Figure, padded_range, render, same_lengths, text};
use crate::{Error, Result};

/// Settings of [`dispersion_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct DispersionOptions {
    /// The title (default "Dispersion estimates").
    pub title: String,
    /// Width and height in pixels (default 900 × 700).
    pub size: (u32, u32),
}

impl Default for DispersionOptions {
    fn default() -> Self {
        Self { title: "Dispersion estimates".into(), size: (900, 700) }
    }
}

/// Draws DESeq2's dispersion diagnostic to `path` (`.png` or `.svg`): gene-wise estimates (black),
/// final (maximum a posteriori) dispersions (blue) and the fitted trend (red line), against the mean of
/// normalised counts, both axes log10.
///
/// The four slices run over the same genes, else [`Error::InvalidInput`]. Values that a log axis cannot
/// show (zero, negative, NaN: DESeq2's `NA` for all-zero genes) are left out of their series; when no
/// gene is left at all, that is an [`Error::InvalidInput`] too. Drawing failures are [`Error::Plot`].
///
/// ```
/// use gptomics_expr::plots::{DispersionOptions, dispersion_plot};
/// let mean = [5.0, 50.0, 500.0, 5000.0];
/// let fitted: Vec<f64> = mean.iter().map(|m| 0.01 + 2.0 / m).collect();
/// let path = std::env::temp_dir().join(format!("disp-doc-{}.svg", std::process::id()));
/// dispersion_plot(&path, &mean, &[0.9, 0.02, 0.05, 0.004], &fitted, &[0.5, 0.04, 0.03, 0.01], &DispersionOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn dispersion_plot(
    path: impl AsRef<Path>,
    mean: &[f64],
    gene_wise: &[f64],
    fitted: &[f64],
    final_dispersion: &[f64],
    options: &DispersionOptions,
) -> Result<()> {
    same_lengths(
        "dispersion_plot",
        &[
            ("mean", mean.len()),
            ("gene_wise", gene_wise.len()),
            ("fitted", fitted.len()),
            ("final_dispersion", final_dispersion.len()),
        ],
    )?;
    let positive = |v: f64| v > 0.0 && v.is_finite();
    let series = |values: &[f64]| -> Vec<(f64, f64)> {
        mean.iter().zip(values).filter(|(m, v)| positive(**m) && positive(**v)).map(|(m, v)| (*m, *v)).collect()
    };
    let mut fitted = series(fitted);
    fitted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let figure =
        Dispersion { gene_wise: series(gene_wise), fitted, final_dispersion: series(final_dispersion), options };
    if figure.gene_wise.is_empty() && figure.fitted.is_empty() && figure.final_dispersion.is_empty() {
        return Err(Error::invalid("dispersion_plot: no gene has a positive mean and dispersion to draw"));
    }
    render(path.as_ref(), &figure)
}

struct Dispersion<'a> {
    gene_wise: Vec<(f64, f64)>,
    fitted: Vec<(f64, f64)>, // sorted by mean
    final_dispersion: Vec<(f64, f64)>,
    options: &'a DispersionOptions,
}

impl Figure for Dispersion<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let all = || self.gene_wise.iter().chain(&self.fitted).chain(&self.final_dispersion);
        // Padding in log10 units, then back: log axes need positive bounds.
        let (x0, x1) = padded_range(all().map(|p| p.0.log10()), 0.03).unwrap_or((0.0, 1.0));
        let (y0, y1) = padded_range(all().map(|p| p.1.log10()), 0.05).unwrap_or((-2.0, 0.0));
        let (x0, x1, y0, y1) = (10f64.powf(x0), 10f64.powf(x1), 10f64.powf(y0), 10f64.powf(y1));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 28))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())
            .map_err(text)?;
        chart
            .configure_mesh()
            .x_desc("mean of normalised counts")
            .y_desc("dispersion")
            .x_label_formatter(&|v| format!("{v:.0e}"))
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        let fit_colour = RGBColor(220, 30, 30);
        let final_colour = RGBColor(30, 90, 220);
        chart
            .draw_series(self.gene_wise.iter().map(|&xy| Circle::new(xy, 2, BLACK.mix(0.6).filled())))
            .map_err(text)?
            .label("gene-wise estimate")
            .legend(|(lx, ly)| Circle::new((lx + 10, ly), 4, BLACK.filled()));
        chart
            .draw_series(self.final_dispersion.iter().map(|&xy| Circle::new(xy, 2, final_colour.mix(0.7).filled())))
            .map_err(text)?
            .label("final")
            .legend(move |(lx, ly)| Circle::new((lx + 10, ly), 4, final_colour.filled()));
        chart
            .draw_series(LineSeries::new(self.fitted.iter().copied(), fit_colour.stroke_width(3)))
            .map_err(text)?
            .label("fitted trend")
            .legend(move |(lx, ly)| PathElement::new([(lx, ly), (lx + 20, ly)], fit_colour.stroke_width(3)));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .label_font((FONT_FAMILY, 16))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(text)
    }
}
