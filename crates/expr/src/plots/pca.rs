//! Sample PCA scatter, as DESeq2's `plotPCA`: PC scores coloured by group, % variance on the axes.

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DrawResult, FONT_FAMILY, Figure, PALETTE, padded_range, render, text};
use crate::{Error, Result, pca::Pca};

/// Settings of [`pca_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct PcaPlotOptions {
    /// The components on the x and y axes, 0-based (default `(0, 1)`: PC1 against PC2).
    pub components: (usize, usize),
    /// Whether to write each sample's name beside its point (default true).
    pub label_samples: bool,
    /// The title (default "Sample PCA").
    pub title: String,
    /// Width and height in pixels (default 900 × 700).
    pub size: (u32, u32),
}

impl Default for PcaPlotOptions {
    fn default() -> Self {
        Self { components: (0, 1), label_samples: true, title: "Sample PCA".into(), size: (900, 700) }
    }
}

/// Draws the samples of a [`Pca`] to `path` (`.png` or `.svg`): one point per sample, coloured by its
/// group (groups in order of first appearance, in the legend), axes labelled with each component's
/// percentage of variance, as DESeq2's `plotPCA`.
///
/// `samples` and `groups` name and group the samples in the order of the PCA's columns; a length
/// mismatch or a component the PCA does not have is an [`Error::InvalidInput`]; drawing failures are
/// [`Error::Plot`].
///
/// ```
/// use gptomics_expr::{pca::{PcaOptions, pca}, plots::{PcaPlotOptions, pca_plot}};
/// let values = [1.0, 1.2, 5.0, 5.1, 2.0, 2.6, 2.0, 1.9, 3.0, 3.3, 3.1, 2.8];
/// let result = pca(&values, 4, &PcaOptions::default())?;
/// let path = std::env::temp_dir().join(format!("pca-doc-{}.svg", std::process::id()));
/// pca_plot(&path, &result, &["a1", "a2", "b1", "b2"], &["A", "A", "B", "B"], &PcaPlotOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pca_plot<S: AsRef<str>, G: AsRef<str>>(
    path: impl AsRef<Path>,
    pca: &Pca,
    samples: &[S],
    groups: &[G],
    options: &PcaPlotOptions,
) -> Result<()> {
    let (cx, cy) = options.components;
    let (Some(xs), Some(ys)) = (pca.scores.get(cx), pca.scores.get(cy)) else {
        return Err(Error::invalid(format!(
            "pca_plot: components ({cx}, {cy}) requested but the PCA has {}",
            pca.scores.len()
        )));
    };
    if samples.len() != xs.len() || groups.len() != xs.len() {
        return Err(Error::invalid(format!(
            "pca_plot: {} samples in the PCA but {} names and {} groups",
            xs.len(),
            samples.len(),
            groups.len()
        )));
    }
    let mut group_names: Vec<String> = Vec::new();
    let mut points = Vec::with_capacity(xs.len());
    for (i, group) in groups.iter().enumerate() {
        let group = group.as_ref();
        let g = match group_names.iter().position(|n| n == group) {
            Some(g) => g,
            None => {
                group_names.push(group.to_string());
                group_names.len() - 1
            }
        };
        points.push((xs[i], ys[i], g, samples[i].as_ref().to_string()));
    }
    let percent = |c: usize| pca.percent_variance.get(c).copied().unwrap_or(f64::NAN);
    let axes =
        (format!("PC{}: {:.0}% variance", cx + 1, percent(cx)), format!("PC{}: {:.0}% variance", cy + 1, percent(cy)));
    render(path.as_ref(), &PcaFigure { points, group_names, axes, options })
}

struct PcaFigure<'a> {
    points: Vec<(f64, f64, usize, String)>, // (x, y, group, sample)
    group_names: Vec<String>,
    axes: (String, String),
    options: &'a PcaPlotOptions,
}

impl Figure for PcaFigure<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let (x0, x1) = padded_range(self.points.iter().map(|p| p.0), 0.12).unwrap_or((-1.0, 1.0));
        let (y0, y1) = padded_range(self.points.iter().map(|p| p.1), 0.12).unwrap_or((-1.0, 1.0));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 28))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(text)?;
        chart
            .configure_mesh()
            .x_desc(&self.axes.0)
            .y_desc(&self.axes.1)
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        for (g, name) in self.group_names.iter().enumerate() {
            let colour = PALETTE[g % PALETTE.len()];
            let members = self.points.iter().filter(|p| p.2 == g);
            chart
                .draw_series(members.map(|p| Circle::new((p.0, p.1), 7, colour.filled())))
                .map_err(text)?
                .label(name.as_str())
                .legend(move |(lx, ly)| Circle::new((lx + 10, ly), 6, colour.filled()));
        }
        if self.options.label_samples {
            let grey = BLACK.mix(0.8);
            let style = TextStyle::from((FONT_FAMILY, 15).into_font()).color(&grey);
            let labels = self
                .points
                .iter()
                .map(|p| EmptyElement::at((p.0, p.1)) + Text::new(p.3.clone(), (9, -7), style.clone()));
            chart.draw_series(labels).map_err(text)?;
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
