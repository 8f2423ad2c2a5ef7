//! Volcano plot: log2 fold change against -log10 p-value.

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DOWN, DrawResult, FONT_FAMILY, Figure, NEUTRAL, UP, padded_range, render, same_lengths, text};
use crate::Result;

/// Settings of [`volcano_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct VolcanoOptions {
    /// A gene is significant when its adjusted p-value is below `alpha` (default 0.05)...
    pub alpha: f64,
    /// ... and its absolute log2 fold change is at least this (default 1, a doubling).
    pub lfc_threshold: f64,
    /// The title (default "Volcano plot").
    pub title: String,
    /// Width and height in pixels (default 900 × 700).
    pub size: (u32, u32),
}

impl Default for VolcanoOptions {
    fn default() -> Self {
        Self { alpha: 0.05, lfc_threshold: 1.0, title: "Volcano plot".into(), size: (900, 700) }
    }
}

/// Draws a volcano plot to `path` (`.png` or `.svg`): each gene at (log2 fold change, -log10 p-value),
/// coloured up (orange) or down (blue) when `p_adjusted < alpha` and `|lfc| >= lfc_threshold`, grey
/// otherwise, with dashed lines at `±lfc_threshold` and counts in the legend.
///
/// The three slices run over the same genes (else [`Error::InvalidInput`](crate::Error::InvalidInput));
/// NaN marks NA, as DESeq2 writes it: genes with NaN fold change or p-value are not drawn, and a NaN
/// adjusted p-value (independent filtering) counts as not significant. A p-value of 0 is drawn at the
/// top of the axis. Drawing or writing failures are [`Error::Plot`](crate::Error::Plot).
///
/// ```
/// use gptomics_expr::plots::{VolcanoOptions, volcano_plot};
/// let path = std::env::temp_dir().join(format!("volcano-doc-{}.svg", std::process::id()));
/// volcano_plot(&path, &[2.5, -0.2, -3.0], &[1e-8, 0.5, 1e-4], &[1e-6, 0.9, f64::NAN], &VolcanoOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn volcano_plot(
    path: impl AsRef<Path>,
    log2_fold_change: &[f64],
    p_value: &[f64],
    p_adjusted: &[f64],
    options: &VolcanoOptions,
) -> Result<()> {
    same_lengths(
        "volcano_plot",
        &[("log2_fold_change", log2_fold_change.len()), ("p_value", p_value.len()), ("p_adjusted", p_adjusted.len())],
    )?;
    let mut points = Vec::with_capacity(p_value.len()); // (lfc, -log10 p, class)
    for ((&lfc, &p), &padj) in log2_fold_change.iter().zip(p_value).zip(p_adjusted) {
        if !lfc.is_finite() || p.is_nan() {
            continue;
        }
        let significant = padj < options.alpha && lfc.abs() >= options.lfc_threshold;
        let class = match (significant, lfc > 0.0) {
            (true, true) => Class::Up,
            (true, false) => Class::Down,
            (false, _) => Class::Neutral,
        };
        points.push((lfc, -p.log10(), class));
    }
    let y_cap = padded_range(points.iter().map(|p| p.1), 0.0).map_or(1.0, |r| r.1.max(1.0));
    for point in &mut points {
        point.1 = point.1.min(y_cap); // p = 0: at the top
    }
    render(path.as_ref(), &Volcano { points, options })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Neutral,
    Down,
    Up,
}

struct Volcano<'a> {
    points: Vec<(f64, f64, Class)>,
    options: &'a VolcanoOptions,
}

impl Figure for Volcano<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let t = self.options.lfc_threshold;
        let (x0, x1) = padded_range(self.points.iter().map(|p| p.0).chain([-t, t]), 0.05).unwrap_or((-1.0, 1.0));
        let x = x0.abs().max(x1.abs()); // symmetric around 0
        let (_, y1) = padded_range(self.points.iter().map(|p| p.1).chain([0.0]), 0.05).unwrap_or((0.0, 1.0));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 28))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(-x..x, 0.0..y1)
            .map_err(text)?;
        chart
            .configure_mesh()
            .x_desc(format!("log2 fold change (coloured: padj < {}, |log2FC| \u{2265} {t})", self.options.alpha))
            .y_desc("-log10 p-value")
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        for class in [Class::Neutral, Class::Down, Class::Up] {
            let (colour, name) = match class {
                Class::Neutral => (NEUTRAL, "not significant"),
                Class::Down => (DOWN, "down"),
                Class::Up => (UP, "up"),
            };
            let selected: Vec<(f64, f64)> =
                self.points.iter().filter(|p| p.2 == class).map(|&(lfc, y, _)| (lfc, y)).collect();
            let label = format!("{name} ({})", selected.len());
            chart
                .draw_series(selected.into_iter().map(|xy| Circle::new(xy, 3, colour.mix(0.7).filled())))
                .map_err(text)?
                .label(label)
                .legend(move |(lx, ly)| Circle::new((lx + 10, ly), 4, colour.filled()));
        }
        for edge in [-t, t] {
            let line = DashedLineSeries::new([(edge, 0.0), (edge, y1)], 6, 4, BLACK.mix(0.5).into());
            chart.draw_series(line).map_err(text)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperMiddle) // the top centre of a volcano is empty
            .label_font((FONT_FAMILY, 16))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(text)
    }
}
