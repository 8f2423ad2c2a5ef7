//! Line plot of one or more named series against a shared x axis: training curves (loss and metrics
//! against step) and per-position profiles (mean attention along a sequence).

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DrawResult, FONT_FAMILY, Figure, PALETTE, padded_range, render, text};
use crate::{Error, Result};

/// One named line: `(x, y)` points, drawn in order; non-finite points are skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    /// The legend label.
    pub name: String,
    /// The points.
    pub points: Vec<(f64, f64)>,
}

/// Settings of [`line_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct LinePlotOptions {
    /// The title.
    pub title: String,
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
    /// Width and height in pixels (default 900 × 600).
    pub size: (u32, u32),
}

impl Default for LinePlotOptions {
    fn default() -> Self {
        Self { title: String::new(), x_label: "x".into(), y_label: "y".into(), size: (900, 600) }
    }
}

/// Draws `series` as coloured lines with a legend to `path` (`.png` or `.svg`). A series with a single
/// point is drawn as a dot. With no finite point at all the plot is an [`Error::InvalidInput`].
///
/// ```
/// use gptomics_expr::plots::{LinePlotOptions, LineSeries, line_plot};
/// let train = LineSeries { name: "train loss".into(), points: vec![(1.0, 0.9), (2.0, 0.6), (3.0, 0.5)] };
/// let valid = LineSeries { name: "validation loss".into(), points: vec![(3.0, 0.55)] };
/// let path = std::env::temp_dir().join(format!("lines-doc-{}.png", std::process::id()));
/// line_plot(&path, &[train, valid], &LinePlotOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn line_plot(path: impl AsRef<Path>, series: &[LineSeries], options: &LinePlotOptions) -> Result<()> {
    let series: Vec<LineSeries> = series
        .iter()
        .map(|s| LineSeries {
            name: s.name.clone(),
            points: s.points.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect(),
        })
        .collect();
    if series.iter().all(|s| s.points.is_empty()) {
        return Err(Error::invalid("line_plot: no finite point to draw"));
    }
    render(path.as_ref(), &Lines { series, options })
}

struct Lines<'a> {
    series: Vec<LineSeries>,
    options: &'a LinePlotOptions,
}

impl Figure for Lines<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let points = || self.series.iter().flat_map(|s| s.points.iter());
        let (x0, x1) = padded_range(points().map(|p| p.0), 0.02).unwrap_or((0.0, 1.0));
        let (y0, y1) = padded_range(points().map(|p| p.1), 0.05).unwrap_or((0.0, 1.0));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 26))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(text)?;
        chart
            .configure_mesh()
            .x_desc(&self.options.x_label)
            .y_desc(&self.options.y_label)
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        for (i, s) in self.series.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let drawn = if s.points.len() == 1 {
                chart.draw_series(s.points.iter().map(|&xy| Circle::new(xy, 4, colour.filled()))).map_err(text)?
            } else {
                chart
                    .draw_series(plotters::series::LineSeries::new(s.points.iter().copied(), colour.stroke_width(2)))
                    .map_err(text)?
            };
            drawn
                .label(s.name.as_str())
                .legend(move |(lx, ly)| PathElement::new([(lx, ly), (lx + 20, ly)], colour.stroke_width(3)));
        }
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
