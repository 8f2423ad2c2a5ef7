//! Fisher's exact test of a 2 × 2 table, R's `fisher.test(x)` (two-sided).

use super::hypergeometric::ln_dhyper;
use crate::{Error, Result};

/// R's relative tolerance for "as or less probable than the observed table" (`1 + 10^-7`): tables whose
/// probability equals the observed one up to rounding must count as equal.
const REL_ERR: f64 = 1.0 + 1e-7;
/// The most tables (values of the first cell) enumerated: beyond this the margins are in the millions
/// and the normal approximation is exact for any purpose.
const MAX_SUPPORT: f64 = 1e7;
/// Bisection steps on the log odds ratio: far more than the 2^-52 resolution needs.
const MAX_BISECTIONS: usize = 2000;

/// The result of [`fisher_exact`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FisherTest {
    /// The two-sided p-value: the total probability, given the margins, of the tables at most as likely
    /// as the observed one (`fisher.test(x)$p.value`).
    pub p_value: f64,
    /// The conditional maximum-likelihood odds ratio (`fisher.test(x)$estimate`): 0 or infinity when the
    /// observed count is at the edge of its support. Solved to full precision; R's `uniroot` stops at a
    /// tolerance of about 1e-4, so R's printed estimate can differ from this in the fourth digit.
    pub odds_ratio: f64,
    /// The sample odds ratio `(a d) / (b c)`: infinite when `b c = 0 < a d`, NaN when both are 0.
    pub sample_odds_ratio: f64,
}

/// Fisher's exact test of independence in the 2 × 2 table `[[a, b], [c, d]]` (rows first, R's
/// `fisher.test(matrix(c(a, c, b, d), 2))`), two-sided as R.
///
/// Tables with an empty row or column are accepted, as in R: the support has one table, `p = 1`. Margins
/// allowing more than 10 million tables are an [`Error::InvalidInput`] (the enumeration would not fit).
///
/// ```
/// use gptomics_expr::enrichment::fisher_exact;
/// // Fisher's tea-tasting table: R gives p = 0.4857 and odds ratio 6.408309.
/// let r = fisher_exact([[3, 1], [1, 3]])?;
/// assert!((r.p_value - 17.0 / 35.0).abs() < 1e-12);
/// assert!((r.odds_ratio - 6.408_319_658_199_674).abs() < 1e-9);
/// assert_eq!(r.sample_odds_ratio, 9.0);
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn fisher_exact(table: [[u64; 2]; 2]) -> Result<FisherTest> {
    let [[a, b], [c, d]] = table.map(|row| row.map(|v| v as f64));
    let (m, n, k) = (a + c, b + d, a + b); // first column, second column, first row
    let (lo, hi) = ((k - n).max(0.0), k.min(m));
    if hi - lo > MAX_SUPPORT {
        return Err(Error::invalid(format!(
            "fisher_exact: {} possible tables given the margins of {table:?}; above {MAX_SUPPORT} use a chi-squared test",
            hi - lo + 1.0
        )));
    }
    let support: Vec<f64> = (0..=(hi - lo) as u64).map(|i| lo + i as f64).collect();
    let log_density: Vec<f64> = support.iter().map(|&x| ln_dhyper(x, m, n, k)).collect();
    let observed = (a - lo) as usize;

    let density = conditional_density(&log_density, &support, 0.0);
    let threshold = density[observed] * REL_ERR;
    let p_value = density.iter().filter(|&&p| p <= threshold).sum::<f64>();

    let odds_ratio = if a == lo {
        0.0
    } else if a == hi {
        f64::INFINITY
    } else {
        conditional_mle(&log_density, &support, a).exp()
    };
    let sample_odds_ratio = (a * d) / (b * c);
    Ok(FisherTest { p_value: p_value.min(1.0), odds_ratio, sample_odds_ratio })
}

/// The probabilities of the support under the non-central hypergeometric with log odds ratio
/// `log_ncp`, normalised (R's `dnhyper`).
fn conditional_density(log_density: &[f64], support: &[f64], log_ncp: f64) -> Vec<f64> {
    let logs: Vec<f64> = log_density.iter().zip(support).map(|(l, x)| l + log_ncp * x).collect();
    let max = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let d: Vec<f64> = logs.iter().map(|l| (l - max).exp()).collect();
    let total: f64 = d.iter().sum();
    d.iter().map(|v| v / total).collect()
}

/// The log odds ratio whose conditional mean of the first cell is `observed` (strictly inside the
/// support): the mean increases with the log odds ratio, so bisection finds it.
fn conditional_mle(log_density: &[f64], support: &[f64], observed: f64) -> f64 {
    let mean = |t: f64| {
        let d = conditional_density(log_density, support, t);
        d.iter().zip(support).map(|(p, x)| p * x).sum::<f64>()
    };
    let (mut low, mut high) = (-1.0_f64, 1.0_f64);
    while mean(low) > observed && low > -1e4 {
        low *= 2.0;
    }
    while mean(high) < observed && high < 1e4 {
        high *= 2.0;
    }
    for _ in 0..MAX_BISECTIONS {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break; // adjacent doubles: as precise as it gets
        }
        if mean(mid) < observed {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_fisher_exact() -> Result<()> {
        // Empty margins: one possible table.
        let r = fisher_exact([[0, 3], [0, 4]])?;
        assert_eq!((r.p_value, r.odds_ratio), (1.0, 0.0));
        assert!(fisher_exact([[0, 0], [0, 0]])?.sample_odds_ratio.is_nan());
        // Transposing the table changes nothing; swapping rows inverts the odds ratio.
        let (t, u) = (fisher_exact([[10, 2], [3, 15]])?, fisher_exact([[10, 3], [2, 15]])?);
        assert!((t.p_value - u.p_value).abs() < 1e-12 * t.p_value);
        assert!((t.odds_ratio - u.odds_ratio).abs() < 1e-9 * t.odds_ratio);
        let swapped = fisher_exact([[3, 15], [10, 2]])?;
        assert!((swapped.odds_ratio * t.odds_ratio - 1.0).abs() < 1e-9);
        // An observed count at the top of its support: infinite odds ratio.
        assert_eq!(fisher_exact([[1, 0], [0, 1]])?.odds_ratio, f64::INFINITY);
        assert!(fisher_exact([[u64::MAX / 4, 1], [1, u64::MAX / 4]]).is_err());
        Ok(())
    }
}
