//! A per-sample score (such as a gene-set score) by group: a box per group with every sample on it.

use std::path::Path;

use plotters::{coord::Shift, prelude::*};

use super::render::{DrawResult, FONT_FAMILY, Figure, PALETTE, padded_range, render, text};
use crate::{Error, Result};

/// Settings of [`score_plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct ScorePlotOptions {
    /// The y-axis description (default "score (mean z)").
    pub y_label: String,
    /// The title (default "Gene-set score by group").
    pub title: String,
    /// Width and height in pixels (default 700 × 600).
    pub size: (u32, u32),
}

impl Default for ScorePlotOptions {
    fn default() -> Self {
        Self { y_label: "score (mean z)".into(), title: "Gene-set score by group".into(), size: (700, 600) }
    }
}

/// Draws `scores` by group to `path` (`.png` or `.svg`): per group (in order of first appearance) a box
/// from the first to the third quartile with the median, whiskers to the extremes, and each sample as a
/// point spread sideways so that equal scores stay visible.
///
/// `scores` and `groups` run over the same samples, and the scores must be finite, else
/// [`Error::InvalidInput`]; drawing failures are [`Error::Plot`].
///
/// ```
/// use gptomics_expr::plots::{ScorePlotOptions, score_plot};
/// let path = std::env::temp_dir().join(format!("score-doc-{}.svg", std::process::id()));
/// score_plot(&path, &[0.5, 0.8, -0.6, -0.7], &["KO", "KO", "WT", "WT"], &ScorePlotOptions::default())?;
/// assert!(std::fs::metadata(&path)?.len() > 0);
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_plot<G: AsRef<str>>(
    path: impl AsRef<Path>,
    scores: &[f64],
    groups: &[G],
    options: &ScorePlotOptions,
) -> Result<()> {
    if scores.len() != groups.len() || scores.is_empty() {
        return Err(Error::invalid(format!("score_plot: {} scores for {} groups labels", scores.len(), groups.len())));
    }
    if let Some(i) = scores.iter().position(|s| !s.is_finite()) {
        return Err(Error::invalid(format!("score_plot: score {i} is {}, not a finite number", scores[i])));
    }
    let mut names: Vec<String> = Vec::new();
    let mut members: Vec<Vec<f64>> = Vec::new();
    for (&s, group) in scores.iter().zip(groups) {
        let group = group.as_ref();
        match names.iter().position(|n| n == group) {
            Some(g) => members[g].push(s),
            None => {
                names.push(group.to_string());
                members.push(vec![s]);
            }
        }
    }
    render(path.as_ref(), &ScoreFigure { names, members, options })
}

/// The `q` quantile of sorted values by linear interpolation (R's default, type 7).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

struct ScoreFigure<'a> {
    names: Vec<String>,
    members: Vec<Vec<f64>>,
    options: &'a ScorePlotOptions,
}

impl Figure for ScoreFigure<'_> {
    fn size(&self) -> (u32, u32) {
        self.options.size
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        let n = self.names.len();
        let (y0, y1) = padded_range(self.members.iter().flatten().copied(), 0.08).unwrap_or((-1.0, 1.0));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.options.title, (FONT_FAMILY, 26))
            .margin(15)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, y0..y1)
            .map_err(text)?;
        let names = &self.names;
        let group_label = |x: &f64| {
            let i = x.round();
            if (x - i).abs() < 1e-9 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .x_labels(n.max(1) * 2 + 1)
            .x_label_formatter(&group_label)
            .disable_x_mesh()
            .y_desc(&self.options.y_label)
            .label_style((FONT_FAMILY, 16))
            .axis_desc_style((FONT_FAMILY, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(text)?;
        for (g, values) in self.members.iter().enumerate() {
            let colour = PALETTE[g % PALETTE.len()];
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let x = g as f64;
            let (q1, median, q3) = (quantile(&sorted, 0.25), quantile(&sorted, 0.5), quantile(&sorted, 0.75));
            let (low, high) = (sorted[0], sorted[sorted.len() - 1]);
            let line = BLACK.mix(0.7).stroke_width(2);
            chart
                .draw_series([Rectangle::new([(x - 0.25, q1), (x + 0.25, q3)], colour.mix(0.15).filled())])
                .map_err(text)?;
            chart.draw_series([Rectangle::new([(x - 0.25, q1), (x + 0.25, q3)], line)]).map_err(text)?;
            let segments = [
                [(x - 0.25, median), (x + 0.25, median)],
                [(x, q3), (x, high)],
                [(x, q1), (x, low)],
                [(x - 0.1, high), (x + 0.1, high)],
                [(x - 0.1, low), (x + 0.1, low)],
            ];
            chart.draw_series(segments.map(|s| PathElement::new(s, line))).map_err(text)?;
            // A fixed, repeating sideways offset: reproducible pictures, no random numbers.
            let points = values.iter().enumerate().map(|(i, &v)| {
                let jitter = ((i * 7) % 11) as f64 / 10.0 - 0.5;
                Circle::new((x + 0.3 * jitter, v), 5, colour.filled())
            });
            chart.draw_series(points).map_err(text)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_quantile() -> Result<()> {
        // R: quantile(c(1, 2, 4, 8), c(0.25, 0.5, 0.75)) is 1.75 3.00 5.00
        let sorted = [1.0, 2.0, 4.0, 8.0];
        assert_eq!([0.25, 0.5, 0.75].map(|q| quantile(&sorted, q)), [1.75, 3.0, 5.0]);
        assert_eq!(quantile(&[3.0], 0.5), 3.0);
        Ok(())
    }
}
