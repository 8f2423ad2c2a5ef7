//! Pearson and Spearman correlation with the p-values of R's `cor.test`.
//!
//! - [`pearson`]: `cor.test(x, y, method = "pearson")`: r, and t with `n - 2` degrees of freedom;
//! - [`spearman`]: `cor.test(x, y, method = "spearman", exact = FALSE)`: rho from average ranks (as
//!   `cor(x, y, method = "spearman")`), R's statistic `S`, and the asymptotic t approximation for the
//!   p-value. R's default for fewer than 1290 values without ties is the exact / Edgeworth series
//!   (AS 89) instead; that is left out, so for small samples without ties p-values differ from
//!   `cor.test`'s default (never from `exact = FALSE`, and never with ties, where R uses the t
//!   approximation too).
//! - [`rank_average`]: R's `rank(x)` (ties get the average of their ranks).
//!
//! ```
//! use gptomics_expr::correlation::{pearson, rank_average, spearman};
//! let (x, y) = ([1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 1.0, 4.0, 3.0, 5.0]);
//! assert!((pearson(&x, &y)?.estimate - 0.8).abs() < 1e-12);
//! assert!((spearman(&x, &y)?.estimate - 0.8).abs() < 1e-12);
//! assert_eq!(rank_average(&[10.0, 30.0, 20.0, 20.0]), [1.0, 4.0, 2.5, 2.5]);
//! # Ok::<(), gptomics_expr::Error>(())
//! ```

use crate::{
    Error, Result,
    hypothesis::{check_group, mean, sum},
};

/// A correlation estimate with its test statistic and two-sided p-value, named as in R's `cor.test`
/// result (`$estimate`, `$statistic`, `$p.value`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Correlation {
    /// Pearson's r or Spearman's rho, in `[-1, 1]`; NaN when either input is constant.
    pub estimate: f64,
    /// For Pearson, `t = sqrt(n - 2) * r / sqrt(1 - r^2)`; for Spearman, R's `S = (n^3 - n)(1 - rho) / 6`.
    pub statistic: f64,
    /// The two-sided p-value of zero correlation (NaN when the estimate is NaN).
    pub p_value: f64,
}

/// Pearson's product-moment correlation and its t-test, as R's `cor.test(x, y)`.
///
/// Needs equal lengths and at least three finite pairs, else [`Error::InvalidInput`]. A constant input
/// has no correlation (R's `cor` warns and returns `NA`): the estimate and p-value are NaN.
///
/// ```
/// use gptomics_expr::correlation::pearson;
/// let r = pearson(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0])?;
/// assert!((r.estimate - 0.8).abs() < 1e-12 && (r.p_value - 0.2).abs() < 1e-12);
/// assert!(pearson(&[1.0, 2.0], &[3.0, 4.0]).is_err());
/// assert!(pearson(&[1.0, 1.0, 1.0], &[3.0, 4.0, 5.0])?.estimate.is_nan());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn pearson(x: &[f64], y: &[f64]) -> Result<Correlation> {
    check_pairs("Pearson correlation", x, y)?;
    let r = correlation(x, y);
    let df = x.len() as f64 - 2.0;
    let t = df.sqrt() * r / (1.0 - r * r).sqrt();
    Ok(Correlation { estimate: r, statistic: t, p_value: two_sided_t(t, df)? })
}

/// Spearman's rank correlation with the asymptotic t approximation for its p-value, as R's
/// `cor.test(x, y, method = "spearman", exact = FALSE)`; see the [module documentation](self) for how
/// that differs from R's default.
///
/// Needs equal lengths and at least three finite pairs, else [`Error::InvalidInput`]; a constant input
/// gives NaN.
///
/// ```
/// use gptomics_expr::correlation::spearman;
/// let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[10.0, 20.0, 30.0, 40.0])?;
/// assert!((r.estimate - 0.9486832980505138).abs() < 1e-12);
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn spearman(x: &[f64], y: &[f64]) -> Result<Correlation> {
    check_pairs("Spearman correlation", x, y)?;
    let rho = correlation(&rank_average(x), &rank_average(y));
    let n = x.len() as f64;
    // R's arithmetic: S from rho, then rho again from S, then t on n - 2 degrees of freedom.
    let s = (n.powi(3) - n) * (1.0 - rho) / 6.0;
    let r = 1.0 - s / ((n * (n * n - 1.0)) / 6.0);
    let t = r / ((1.0 - r * r) / (n - 2.0)).sqrt();
    // `min` would turn a NaN (constant input) into 1; `p <= 1` already holds for a number.
    let p_value = two_sided_t(t, n - 2.0)?;
    Ok(Correlation { estimate: rho, statistic: s, p_value })
}

/// The ranks of `values`, 1 for the smallest, ties sharing the average of their ranks: R's `rank(x)`
/// (`ties.method = "average"`).
///
/// NaN sorts above every number (R would keep `NA` in place); the tests in this crate reject NaN before
/// ranking.
///
/// ```
/// use gptomics_expr::correlation::rank_average;
/// assert_eq!(rank_average(&[3.0, 1.0, 3.0, 2.0, 3.0]), [4.0, 1.0, 4.0, 2.0, 4.0]);
/// assert!(rank_average(&[]).is_empty());
/// ```
pub fn rank_average(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) hold ranks start+1..=end; their average:
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's r of two equally long slices, clamped to `[-1, 1]` as R's `cor` does.
fn correlation(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let dx: Vec<f64> = x.iter().map(|a| a - mx).collect();
    let dy: Vec<f64> = y.iter().map(|b| b - my).collect();
    let sxy = sum(dx.iter().zip(&dy).map(|(a, b)| a * b));
    let sxx = sum(dx.iter().map(|a| a * a));
    let syy = sum(dy.iter().map(|b| b * b));
    if sxx == 0.0 || syy == 0.0 {
        return f64::NAN;
    }
    // R's order of operations (src/library/stats/src/cov.c): covariance over standard deviations.
    let n1 = x.len() as f64 - 1.0;
    (sxy / n1 / ((sxx / n1).sqrt() * (syy / n1).sqrt())).clamp(-1.0, 1.0)
}

/// `2 * pt(-|t|, df)`, NaN for a NaN `t`.
fn two_sided_t(t: f64, df: f64) -> Result<f64> {
    if t.is_nan() {
        return Ok(f64::NAN);
    }
    Ok(2.0 * crate::hypothesis::student_t_cdf(-t.abs(), df)?)
}

/// Equal lengths, at least three pairs, all finite.
fn check_pairs(method: &str, x: &[f64], y: &[f64]) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::invalid(format!("{method}: x has {} values but y has {}", x.len(), y.len())));
    }
    check_group(method, "x", x, 3)?;
    check_group(method, "y", y, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_pearson() -> Result<()> {
        let r = pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0])?;
        assert_eq!((r.estimate, r.p_value), (1.0, 0.0));
        let r = pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0])?;
        assert_eq!((r.estimate, r.p_value), (-1.0, 0.0));
        assert!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]).is_err());
        assert!(pearson(&[1.0, 2.0, f64::NAN], &[1.0, 2.0, 3.0]).is_err());
        Ok(())
    }

    #[test]
    fn test_spearman() -> Result<()> {
        // Monotone but not linear: rho = 1.
        let r = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 8.0, 27.0, 64.0])?;
        assert_eq!((r.estimate, r.statistic, r.p_value), (1.0, 0.0, 0.0));
        assert!(spearman(&[5.0; 4], &[1.0, 2.0, 3.0, 4.0])?.p_value.is_nan());
        assert!(spearman(&[], &[]).is_err());
        Ok(())
    }

    #[test]
    fn test_rank_average() -> Result<()> {
        assert_eq!(rank_average(&[2.0, 2.0]), [1.5, 1.5]);
        assert_eq!(rank_average(&[-1.0, f64::NAN, 0.0]), [1.0, 3.0, 2.0]);
        Ok(())
    }
}
