//! DESeq2's differential expression, reproduced to R's digits: `DESeq()` (size factors, dispersions,
//! negative binomial GLM, Wald test, Cook's distances, outlier replacement) and `results()` (contrasts,
//! thresholded alternative hypotheses, Cook's filtering, independent filtering, Benjamini–Hochberg), plus
//! the variance-stabilising transformation.
//!
//! The reference is R DESeq2 1.38.3 (Debian's `r-bioc-deseq2`), whose numbers equal PyDESeq2's stored
//! DESeq2 1.34 outputs for the single- and multi-factor designs. Each step follows the R/C++ source:
//! the same starting values, line searches, tolerances and fallbacks, so that genes whose estimate depends
//! on where an iteration stops agree too. Deliberate differences, each documented where it lives:
//! - the IRLS fallback maximises the same penalised likelihood by Fisher scoring, not `optim` (L-BFGS-B);
//! - with ≤ 3 residual degrees of freedom the dispersion prior width is not found by DESeq2's seeded
//!   simulation (`estimateDispersionsPriorVar`); the moment estimate, floored at 0.25, is used;
//! - the `local` (loess) dispersion trend and user-supplied normalisation-factor matrices are not offered.
//!
//! ```no_run
//! use gptomics_expr::deseq2::{CountMatrix, DeseqOptions, ResultsOptions, Contrast};
//! use gptomics_expr::design::{Design, DesignOptions};
//! # fn main() -> gptomics_expr::Result<()> {
//! # let (counts, sheet): (CountMatrix, gptomics_seqio::samples::SampleSheet) = todo!();
//! let design = Design::from_formula("~ condition", &sheet, counts.samples(), &DesignOptions::default())?;
//! let fit = gptomics_expr::deseq2::run(&counts, &design, &DeseqOptions::default())?;
//! let contrast = Contrast::levels("condition", "treated", "untreated");
//! let res = fit.results(&ResultsOptions::new(contrast))?;
//! # Ok(()) }
//! ```

mod cooks;
mod counts;
mod dispersion;
mod fit;
mod fit_disp;
mod glm;
mod input;
mod report;
mod results;
mod size_factors;
mod trend;
mod vst;

pub use self::counts::CountMatrix;
pub use self::fit::{DeseqFit, DeseqOptions, run};
pub use self::input::{InputOptions, read_inputs};
pub use self::report::write_plots;
pub use self::results::{AltHypothesis, Contrast, CooksCutoff, DeseqResults, ResultsOptions};
pub use self::size_factors::{SizeFactorType, median_of_ratios, poscounts};
pub use self::trend::{DispersionTrend, FitType};
pub use self::vst::{VstOptions, variance_stabilizing_transformation};
