//! Output by file extension (PNG through plotters' bitmap backend, SVG through its SVG backend) and
//! the embedded font that both need.

use std::{fmt::Display, path::Path, sync::OnceLock};

use plotters::{coord::Shift, prelude::*, style::register_font};

use crate::{Error, Result};

/// DejaVu Sans 2.37 (Debian's fonts-dejavu-core), under the Bitstream Vera licence with public-domain
/// DejaVu changes: `assets/LICENSE.DejaVu`. Embedded because plotters' `ab_glyph` text renderer loads no
/// system fonts, so PNGs render the same on a bare CI machine as on a desktop.
static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// The family every plot asks for; [`ensure_font`] registers the embedded font under it.
pub(super) const FONT_FAMILY: &str = "sans-serif";

/// A drawing error as text, for [`Error::Plot`].
pub(super) type DrawResult = std::result::Result<(), String>;

/// Converts any backend or layout error to its message.
pub(super) fn text(e: impl Display) -> String {
    e.to_string()
}

/// Something drawable on any plotters backend.
pub(super) trait Figure {
    /// Width and height in pixels (SVG user units).
    fn size(&self) -> (u32, u32);
    /// Draws onto a white `root`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult;
}

/// Registers the embedded font once per process; `Err` if the font data were rejected.
fn ensure_font() -> std::result::Result<(), String> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FONT_FAMILY, FontStyle::Normal, FONT)
                .map_err(|_| "the embedded DejaVu Sans font could not be loaded".to_string())
        })
        .clone()
}

/// Draws `figure` to `path`, as PNG or SVG by the extension (case-insensitive); any other extension,
/// or a failure to draw or write, is an [`Error::Plot`] naming the file.
pub(super) fn render(path: &Path, figure: &impl Figure) -> Result<()> {
    let file = path.display().to_string();
    let plot_error = |reason: String| Error::Plot { file: file.clone(), reason };
    ensure_font().map_err(plot_error)?;
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let size = figure.size();
    let drawn = match extension.as_deref() {
        Some("png") => draw_on(&BitMapBackend::new(path, size).into_drawing_area(), figure),
        Some("svg") => draw_on(&SVGBackend::new(path, size).into_drawing_area(), figure),
        _ => Err("unsupported format: use a .png or .svg file name".to_string()),
    };
    drawn.map_err(plot_error)
}

fn draw_on<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, figure: &impl Figure) -> DrawResult {
    root.fill(&WHITE).map_err(text)?;
    figure.draw(root)?;
    root.present().map_err(text)
}

/// Okabe–Ito colours (colour-blind safe), without yellow, which is too faint on white; cycled for groups.
pub(super) const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 0, 0),
];

/// Significant and neutral point colours shared by the volcano and MA plots.
pub(super) const UP: RGBColor = RGBColor(213, 94, 0);
pub(super) const DOWN: RGBColor = RGBColor(0, 114, 178);
pub(super) const NEUTRAL: RGBColor = RGBColor(170, 170, 170);

/// The range `[min, max]` of the finite values, widened by `pad` of its width on each side (and to a
/// unit width when all values are equal); `None` without finite values.
pub(super) fn padded_range(values: impl IntoIterator<Item = f64>, pad: f64) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return None;
    }
    let width = if hi > lo { hi - lo } else { 1.0 };
    Some((lo - pad * width, hi + pad * width))
}

/// Checks that every per-gene input has the same length as the first; `names` label them in the error.
pub(super) fn same_lengths(plot: &str, columns: &[(&str, usize)]) -> Result<()> {
    if let Some(&(first, n)) = columns.first()
        && let Some((name, len)) = columns.iter().find(|(_, len)| *len != n)
    {
        return Err(Error::invalid(format!("{plot}: {name} has {len} values but {first} has {n}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_padded_range() -> Result<()> {
        assert_eq!(padded_range([1.0, f64::NAN, 3.0], 0.5), Some((0.0, 4.0)));
        assert_eq!(padded_range([2.0], 0.5), Some((1.5, 2.5)));
        assert_eq!(padded_range([f64::INFINITY], 0.5), None);
        Ok(())
    }

    #[test]
    fn test_same_lengths() -> Result<()> {
        assert!(same_lengths("p", &[("a", 2), ("b", 2)]).is_ok());
        let e = same_lengths("p", &[("a", 2), ("b", 3)]).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("p: b has 3 values but a has 2"));
        Ok(())
    }
}
