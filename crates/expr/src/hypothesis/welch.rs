//! Welch's two-sample t-test, R's `t.test(x, y)` (`var.equal = FALSE`, two-sided).

use statrs::distribution::{ContinuousCDF, StudentsT};

use super::{check_group, mean, variance};
use crate::{Error, Result};

/// The result of [`welch_t_test`], with R's names: `t.test(x, y)$statistic`, `$parameter`, `$p.value`
/// and `$estimate`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TTest {
    /// The t statistic, `(mean_x - mean_y) / se`: positive when `x` is larger on average.
    pub t: f64,
    /// The Welch–Satterthwaite degrees of freedom (not an integer in general).
    pub df: f64,
    /// The two-sided p-value, `2 * pt(-|t|, df)`.
    pub p_value: f64,
    /// The mean of `x`.
    pub mean_x: f64,
    /// The mean of `y`.
    pub mean_y: f64,
}

/// Welch's t-test of equal means for two independent groups with possibly unequal variances, as R's
/// `t.test(x, y)`.
///
/// Each group needs at least two finite values, else [`Error::InvalidInput`]. When both groups are
/// constant (R stops with "data are essentially constant": the standard error is below
/// `10 * f64::EPSILON * max(|mean_x|, |mean_y|)`) the test is undefined and `t`, `df` and `p_value` are
/// NaN, so a loop over genes carries on; the means are still given.
///
/// ```
/// use gptomics_expr::hypothesis::welch_t_test;
/// // R: t.test(c(1, 3), c(2, 7)) gives t = -0.92848, df = 1.312
/// let r = welch_t_test(&[1.0, 3.0], &[2.0, 7.0])?;
/// assert!((r.t - -0.928_476_690_885_259_4).abs() < 1e-12 && (r.df - 1.312_012_480_499_219_7).abs() < 1e-12);
/// assert!(welch_t_test(&[1.0], &[2.0, 3.0]).is_err());
/// assert!(welch_t_test(&[2.0, 2.0], &[5.0, 5.0])?.p_value.is_nan());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn welch_t_test(x: &[f64], y: &[f64]) -> Result<TTest> {
    const METHOD: &str = "Welch t-test";
    check_group(METHOD, "x", x, 2)?;
    check_group(METHOD, "y", y, 2)?;
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let (mean_x, mean_y) = (mean(x), mean(y));
    // The same operations as R, so the results agree to the last bits.
    let se_x = (variance(x) / nx).sqrt();
    let se_y = (variance(y) / ny).sqrt();
    let se = (se_x.powi(2) + se_y.powi(2)).sqrt();
    let df = se.powi(4) / (se_x.powi(4) / (nx - 1.0) + se_y.powi(4) / (ny - 1.0));
    if se < 10.0 * f64::EPSILON * mean_x.abs().max(mean_y.abs()) || se == 0.0 {
        return Ok(TTest { t: f64::NAN, df: f64::NAN, p_value: f64::NAN, mean_x, mean_y });
    }
    let t = (mean_x - mean_y) / se;
    let p_value = 2.0 * student_t_cdf(-t.abs(), df)?;
    Ok(TTest { t, df, p_value, mean_x, mean_y })
}

/// The lower tail of Student's t with `df` degrees of freedom, `pt(t, df)`.
pub(crate) fn student_t_cdf(t: f64, df: f64) -> Result<f64> {
    let dist = StudentsT::new(0.0, 1.0, df)
        .map_err(|e| Error::Numerical { method: "Student t distribution", reason: format!("df {df}: {e}") })?;
    Ok(dist.cdf(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_welch_t_test() -> Result<()> {
        // Symmetric groups: t = 0, p = 1.
        let r = welch_t_test(&[1.0, 2.0, 3.0], &[0.0, 2.0, 4.0])?;
        assert_eq!((r.t, r.p_value), (0.0, 1.0));
        // Swapping the groups flips t and keeps p.
        let (a, b) = ([1.0, 2.0, 4.0], [3.0, 5.0, 9.0, 7.0]);
        let (ab, ba) = (welch_t_test(&a, &b)?, welch_t_test(&b, &a)?);
        assert_eq!((ab.t, ab.p_value, ab.df), (-ba.t, ba.p_value, ba.df));
        // One constant group is fine; two are not a test.
        assert!(welch_t_test(&[2.0, 2.0], &[1.0, 3.0])?.p_value.is_finite());
        assert!(welch_t_test(&[2.0, 2.0], &[3.0, 3.0])?.t.is_nan());
        Ok(())
    }

    #[test]
    fn test_welch_t_test_bad_input() -> Result<()> {
        assert!(welch_t_test(&[], &[1.0, 2.0]).is_err());
        assert!(welch_t_test(&[1.0, 2.0], &[1.0]).is_err());
        let e = welch_t_test(&[1.0, f64::NAN], &[1.0, 2.0]).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("Welch t-test: x[1] is NaN, not a finite number"));
        assert!(welch_t_test(&[1.0, 2.0], &[f64::INFINITY, 2.0]).is_err());
        Ok(())
    }
}
