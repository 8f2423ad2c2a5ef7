//! Two-sample tests and multiple-testing correction, each matching one function of R's `stats` package:
//!
//! - [`welch_t_test`]: `t.test(x, y)` (Welch, unequal variances, two-sided);
//! - [`wilcoxon_rank_sum`]: `wilcox.test(x, y)` with its defaults (exact p for small samples without
//!   ties, else the normal approximation with tie and continuity correction);
//! - [`p_adjust_bh`]: `p.adjust(p, method = "BH")`, NaN standing for NA.
//!
//! Inputs are plain slices. Unlike R these functions do not drop missing values: a NaN or infinite
//! observation is an [`Error::InvalidInput`], so a silently shortened group
//! cannot pass unnoticed. Only two-sided alternatives are offered; confidence intervals are left out.
//!
//! ```
//! use gptomics_expr::hypothesis::{p_adjust_bh, welch_t_test, wilcoxon_rank_sum};
//!
//! let (a, b) = ([5.1, 4.9, 6.2, 5.8, 6.0], [6.5, 7.1, 6.8, 7.4]);
//! let t = welch_t_test(&a, &b)?;
//! let w = wilcoxon_rank_sum(&a, &b)?;
//! assert!(t.t < 0.0 && t.p_value < 0.01 && w.exact && w.w == 0.0);
//! let adjusted = p_adjust_bh(&[0.01, f64::NAN, 0.04])?;
//! assert_eq!(adjusted[0], 0.02); // two p-values, not three: the NaN is not counted
//! assert!(adjusted[1].is_nan());
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

pub(crate) mod p_adjust;
mod welch;
mod wilcoxon;

pub(crate) use self::welch::student_t_cdf;
pub use self::{
    p_adjust::p_adjust_bh,
    welch::{TTest, welch_t_test},
    wilcoxon::{RankSumTest, wilcoxon_rank_sum},
};

use crate::{Error, Result};

/// Checks that a group has at least `min` observations, all finite; `what` names it in the error.
pub(crate) fn check_group(method: &str, what: &str, values: &[f64], min: usize) -> Result<()> {
    if values.len() < min {
        return Err(Error::invalid(format!(
            "{method}: {what} has {} observation(s), needs at least {min}",
            values.len()
        )));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(Error::invalid(format!("{method}: {what}[{i}] is {}, not a finite number", values[i])));
    }
    Ok(())
}

/// The arithmetic mean (two passes, as R's `mean`: the second pass corrects the first's rounding).
pub(crate) fn mean(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let m = sum(values.iter().copied()) / n;
    m + sum(values.iter().map(|v| v - m)) / n
}

/// The sample variance with denominator `n - 1` (R's `var`); NaN for fewer than two values.
pub(crate) fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    sum(values.iter().map(|v| (v - m) * (v - m))) / (values.len() as f64 - 1.0)
}

/// A compensated (Neumaier) sum. R accumulates these sums in 80-bit `long double`; plain `f64`
/// summation loses enough bits to show in the extreme tails (a Pearson p-value of 1e-38 moved by 1e-9).
pub(crate) fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut total, mut compensation) = (0.0_f64, 0.0_f64);
    for v in values {
        let t = total + v;
        compensation += if total.abs() >= v.abs() { (total - t) + v } else { (v - t) + total };
        total = t;
    }
    total + compensation
}
