//! The Wilcoxon rank-sum (Mann–Whitney U) test, R's `wilcox.test(x, y)` with its defaults.

use special::Error as _;

use super::check_group;
use crate::{Result, correlation::rank_average};

/// Below this size in both groups, and without ties, the p-value is exact (R's `exact = NULL` rule).
const EXACT_BELOW: usize = 50;

/// The result of [`wilcoxon_rank_sum`], with R's names: `wilcox.test(x, y)$statistic` (`W`) and
/// `$p.value`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RankSumTest {
    /// R's `W`: the rank sum of `x` minus `n_x (n_x + 1) / 2`, which is the Mann–Whitney U of `x` (the
    /// number of pairs with `x_i > y_j`, ties counting one half).
    pub w: f64,
    /// The two-sided p-value.
    pub p_value: f64,
    /// Whether `p_value` is exact (both groups under 50 values and no ties) rather than the normal
    /// approximation with tie and continuity correction.
    pub exact: bool,
}

/// The two-sided Wilcoxon rank-sum test of `x` against `y`, exactly as R's `wilcox.test(x, y)`.
///
/// With fewer than 50 values in each group and no tied values, the p-value is exact: twice the
/// smaller tail of the null distribution of `W`, capped at 1 (the distribution is counted in 128-bit
/// integers, so it is exact up to the final division). Otherwise it is the normal approximation with
/// R's tie correction of the variance and continuity correction of 0.5. When every value is tied the
/// variance is zero and the p-value is NaN, as in R.
///
/// Each group needs at least one value, all finite, else [`Error::InvalidInput`](crate::Error::InvalidInput) (R drops `NA`s; this
/// function refuses them).
///
/// ```
/// use gptomics_expr::hypothesis::wilcoxon_rank_sum;
/// // R: wilcox.test(c(11, 12, 13, 14), c(1, 2, 3)) gives W = 12, p-value = 0.05714
/// let r = wilcoxon_rank_sum(&[11.0, 12.0, 13.0, 14.0], &[1.0, 2.0, 3.0])?;
/// assert_eq!((r.w, r.exact), (12.0, true));
/// assert!((r.p_value - 2.0 / 35.0).abs() < 1e-15);
/// assert!(wilcoxon_rank_sum(&[1.0, 2.0], &[2.0, 3.0])?.exact == false); // a tie
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn wilcoxon_rank_sum(x: &[f64], y: &[f64]) -> Result<RankSumTest> {
    const METHOD: &str = "Wilcoxon rank-sum test";
    check_group(METHOD, "x", x, 1)?;
    check_group(METHOD, "y", y, 1)?;
    let all: Vec<f64> = x.iter().chain(y).copied().collect();
    let ranks = rank_average(&all);
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let w = ranks[..x.len()].iter().sum::<f64>() - nx * (nx + 1.0) / 2.0;
    let tie_sizes = tie_sizes(&all);
    let ties = tie_sizes.iter().any(|&t| t > 1);
    if x.len() < EXACT_BELOW && y.len() < EXACT_BELOW && !ties {
        // W is a whole number here (no ties), so the cast is exact.
        let w_int = w.round() as usize;
        let (m, n) = (x.len(), y.len());
        let lower = if w > nx * ny / 2.0 { m * n - w_int } else { w_int };
        let p = u_distribution_lower_tail(m, n, lower);
        return Ok(RankSumTest { w, p_value: (2.0 * p).min(1.0), exact: true });
    }
    let z = w - nx * ny / 2.0;
    let n = nx + ny;
    let tie_sum: f64 = tie_sizes.iter().map(|&t| (t as f64).powi(3) - t as f64).sum();
    let sigma = ((nx * ny / 12.0) * ((n + 1.0) - tie_sum / (n * (n - 1.0)))).sqrt();
    let correction = 0.5 * z.signum() * f64::from(u8::from(z != 0.0));
    let z = (z - correction) / sigma;
    // 2 min(pnorm(z), pnorm(z, lower.tail = FALSE)) = 2 pnorm(-|z|) = erfc(|z| / sqrt 2). libm's erfc
    // is within an ulp; statrs' normal tail is off by up to 1e-10 here.
    let p_value = (z.abs() / std::f64::consts::SQRT_2).compl_error();
    Ok(RankSumTest { w, p_value, exact: false })
}

/// The sizes of the groups of equal values (1 for a value that is not tied).
fn tie_sizes(values: &[f64]) -> Vec<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.chunk_by(|a, b| a == b).map(<[f64]>::len).collect()
}

/// `P(U <= q)` for the Mann–Whitney U of samples of sizes `m` and `n` under the null (R's
/// `pwilcox(q, m, n)`).
///
/// The counts of each U are the coefficients of the Gaussian binomial `[m + n choose m]_q`, built as
/// the product over `i = 1..=m` of `(1 - q^(n+i)) / (1 - q^i)`; every intermediate polynomial has integer
/// coefficients below `C(m + n, m)`, at most about 2.5e28 for `m, n < 50`, so `i128` holds them exactly.
fn u_distribution_lower_tail(m: usize, n: usize, q: usize) -> f64 {
    let degree = m * n;
    let mut c = vec![0i128; degree + 1];
    c[0] = 1;
    for i in 1..=m {
        // Multiply by (1 - x^(n+i)), from the top so each coefficient reads the old value.
        for k in (n + i..=degree).rev() {
            c[k] -= c[k - n - i];
        }
        // Divide by (1 - x^i): a running sum with stride i.
        for k in i..=degree {
            c[k] += c[k - i];
        }
    }
    let total: i128 = c.iter().sum();
    let below: i128 = c.iter().take(q.min(degree) + 1).sum();
    below as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_u_distribution_lower_tail() -> Result<()> {
        // m = n = 2: U in {0, 1, 2, 2, 3, 4} over the 6 splits.
        assert_eq!(u_distribution_lower_tail(2, 2, 0), 1.0 / 6.0);
        assert_eq!(u_distribution_lower_tail(2, 2, 2), 4.0 / 6.0);
        assert_eq!(u_distribution_lower_tail(2, 2, 4), 1.0);
        // The largest sizes the exact test uses: C(98, 49) outcomes, none lost.
        assert_eq!(u_distribution_lower_tail(49, 49, 49 * 49), 1.0);
        let p0 = u_distribution_lower_tail(49, 49, 0);
        assert_eq!(p0, 1.0 / 25_477_612_258_980_856_902_730_428_600.0); // 1 / C(98, 49)
        Ok(())
    }

    #[test]
    fn test_wilcoxon_rank_sum() -> Result<()> {
        // All values tied: zero variance, NaN p-value (as R).
        let r = wilcoxon_rank_sum(&[1.0, 1.0], &[1.0, 1.0, 1.0])?;
        assert!(!r.exact && r.p_value.is_nan() && r.w == 3.0);
        // One value each, no ties: exact, p = 1.
        let r = wilcoxon_rank_sum(&[1.0], &[2.0])?;
        assert_eq!((r.w, r.p_value, r.exact), (0.0, 1.0, true));
        assert!(wilcoxon_rank_sum(&[], &[1.0]).is_err());
        assert!(wilcoxon_rank_sum(&[1.0], &[]).is_err());
        assert!(wilcoxon_rank_sum(&[f64::NAN], &[1.0]).is_err());
        Ok(())
    }
}
