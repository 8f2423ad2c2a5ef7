//! R's numerical helpers, reproduced where DESeq2's results depend on their exact definition: `median`,
//! `quantile` (type 7), `mean(x, trim =)`, `mad`, `var`, `p.adjust(method = "BH")`, `lowess`, the
//! negative binomial log density and the normal and F distribution tails.

use special::{Error as _, Gamma};
use statrs::distribution::{ContinuousCDF, FisherSnedecor, Normal};

/// `log Γ(x)` for x > 0, as accurate as R's `lgammafn`: below 10 libm's `lgamma`; from 10 up Stirling's
/// series to the x⁻¹³ term (truncation error < 1e-16 relative there), which is what R evaluates too
/// (`lgammacor`) and about four times faster than libm's general routine. The dispersion fits spend most
/// of their time here.
#[inline]
pub(crate) fn lgamma(x: f64) -> f64 {
    if x < 10.0 {
        if x < 3.0 {
            return Gamma::ln_gamma(x).0;
        }
        // Γ(x) = Γ(x + k) / (x (x + 1) … (x + k − 1)): shift into Stirling's range. The result is accurate
        // to a few 1e-15 in absolute terms, which is what sums of log-likelihood terms need.
        let mut product = 1.0;
        let mut shifted = x;
        while shifted < 10.0 {
            product *= shifted;
            shifted += 1.0;
        }
        return stirling(shifted) - product.ln();
    }
    stirling(x)
}

/// Stirling's series for log Γ(x), x ≥ 10.
#[inline]
fn stirling(x: f64) -> f64 {
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    let r = 1.0 / x;
    let r2 = r * r;
    // Bernoulli terms B_2k / (2k (2k − 1) x^(2k−1)), k = 1..7.
    let series = r
        * (1.0 / 12.0
            - r2 * (1.0 / 360.0
                - r2 * (1.0 / 1260.0
                    - r2 * (1.0 / 1680.0 - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0 - r2 * (1.0 / 156.0)))))));
    (x - 0.5) * x.ln() - x + HALF_LN_2PI + series
}

/// The digamma function ψ(x).
#[inline]
pub(crate) fn digamma(x: f64) -> f64 {
    x.digamma()
}

/// The trigamma function ψ′(x).
pub(crate) fn trigamma(x: f64) -> f64 {
    x.trigamma()
}

/// `dnbinom(x, size, mu = mu, log = TRUE)` for a count `x`.
pub(crate) fn dnbinom_mu_log(x: f64, size: f64, mu: f64) -> f64 {
    if x == 0.0 {
        // R's form for x = 0, accurate both for size << mu and size >> mu.
        return size * if size < mu { (size / (size + mu)).ln() } else { (-mu / (size + mu)).ln_1p() };
    }
    dnbinom_constant(x, size) + size * (size / (size + mu)).ln() + x * (mu / (size + mu)).ln()
}

/// The part of [`dnbinom_mu_log`] (x > 0) that does not depend on the mean: lgamma(x + size) −
/// lgamma(size) − lgamma(x + 1). Fits that vary only the mean compute it once.
#[inline]
pub(crate) fn dnbinom_constant(x: f64, size: f64) -> f64 {
    lgamma(x + size) - lgamma(size) - lgamma(x + 1.0)
}

/// Upper tail of the standard normal, `pnorm(z, lower.tail = FALSE)`.
pub(crate) fn pnorm_upper(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    // libm's erfc is within an ulp; statrs' is off by up to 1e-10 relative in the tails.
    0.5 * (z / std::f64::consts::SQRT_2).compl_error()
}

/// Quantile of the F distribution, `qf(p, df1, df2)`; NaN when the degrees of freedom are not positive.
pub(crate) fn qf(p: f64, df1: f64, df2: f64) -> f64 {
    match FisherSnedecor::new(df1, df2) {
        Ok(f) => f.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// The standard normal quantile, `qnorm(p)`.
#[allow(dead_code)]
pub(crate) fn qnorm(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p)
}

/// R's `median` (mean of the two middle values for even n); NaN for an empty slice.
pub(crate) fn median(values: &[f64]) -> f64 {
    median_in_place(&mut values.to_vec())
}

/// [`median`] of values the caller no longer needs in order: they are partly reordered. Selection finds
/// the middle values in linear time, and they are the same values a full sort would put there (size
/// factors take one median per sample over all genes).
pub(crate) fn median_in_place(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    let (_, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return upper;
    }
    // The lower middle value is the largest of those before the upper one.
    let lower = values[..n / 2].iter().copied().max_by(f64::total_cmp).unwrap_or(upper);
    (lower + upper) / 2.0
}

/// R's `quantile(x, probs, type = 7)` for already sorted values.
pub(crate) fn quantile_sorted(sorted: &[f64], prob: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * prob;
    // R nudges h by a few ulps so that exact grid points are not lost to rounding.
    let lo = (h + 4.0 * f64::EPSILON).floor().max(0.0) as usize;
    let lo = lo.min(n - 1);
    let hi = (lo + 1).min(n - 1);
    let frac = h - lo as f64;
    if frac.abs() < 4.0 * f64::EPSILON { sorted[lo] } else { sorted[lo] + frac * (sorted[hi] - sorted[lo]) }
}

/// R's `mean(x, trim = trim)`: drops `floor(n * trim)` values from each end (the median when trim ≥ 0.5).
pub(crate) fn mean_trimmed(values: &[f64], trim: f64) -> f64 {
    mean_trimmed_in_place(&mut values.to_vec(), trim)
}

/// [`mean_trimmed`] of values the caller no longer needs in order: they are left sorted when trimming,
/// partly reordered for the median. The kept values are summed in sorted order either way, so the result
/// does not depend on the order they came in.
pub(crate) fn mean_trimmed_in_place(values: &mut [f64], trim: f64) -> f64 {
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if trim <= 0.0 {
        return values.iter().sum::<f64>() / n as f64;
    }
    if trim >= 0.5 {
        return median_in_place(values);
    }
    let lo = (n as f64 * trim).floor() as usize;
    // Values equal under total_cmp have the same bits, so an unstable sort gives the same sequence (and
    // the same sum) as a stable one.
    values.sort_unstable_by(f64::total_cmp);
    let kept = &values[lo..n - lo];
    kept.iter().sum::<f64>() / kept.len() as f64
}

/// R's `mad(x)`: 1.4826 × the median absolute deviation from the median.
pub(crate) fn mad(values: &[f64]) -> f64 {
    let m = median(values);
    let dev: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
    1.4826 * median(&dev)
}

/// R's `var(x)` (denominator n − 1).
pub(crate) fn var(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)
}

/// R's `lowess(x, y, f, iter = 3, delta = 0.01 * diff(range(x)))`: the fitted values at `x`, which must be
/// sorted increasingly. A port of `clowess` from R's `stats/src/lowess.c`, kept 1-based like the original so
/// the two can be read side by side.
pub(crate) fn lowess(x: &[f64], y: &[f64], f: f64) -> Vec<f64> {
    let n = x.len();
    if n < 2 {
        return y.to_vec();
    }
    let delta = 0.01 * (x[n - 1] - x[0]);
    let nsteps = 3;
    // 1-based views: index 0 is unused.
    let x1: Vec<f64> = std::iter::once(0.0).chain(x.iter().copied()).collect();
    let y1: Vec<f64> = std::iter::once(0.0).chain(y.iter().copied()).collect();
    let mut ys = vec![0.0; n + 1];
    let mut rw = vec![0.0; n + 1];
    let mut res = vec![0.0; n + 1];
    let ns = ((f * n as f64 + 1e-7) as usize).clamp(2, n);
    let mut iter = 1;
    while iter <= nsteps + 1 {
        let mut nleft = 1;
        let mut nright = ns;
        let mut last = 0;
        let mut i = 1;
        loop {
            if nright < n {
                let d1 = x1[i] - x1[nleft];
                let d2 = x1[nright + 1] - x1[i];
                if d1 > d2 {
                    nleft += 1;
                    nright += 1;
                    continue;
                }
            }
            let fit = lowest(&x1, &y1, n, x1[i], nleft, nright, &mut res, iter > 1, &rw);
            ys[i] = fit.unwrap_or(y1[i]);
            if last + 1 < i {
                let denom = x1[i] - x1[last];
                for j in last + 1..i {
                    let alpha = (x1[j] - x1[last]) / denom;
                    ys[j] = alpha * ys[i] + (1.0 - alpha) * ys[last];
                }
            }
            last = i;
            let cut = x1[last] + delta;
            i = last + 1;
            while i <= n {
                if x1[i] > cut {
                    break;
                }
                if x1[i] == x1[last] {
                    ys[i] = ys[last];
                    last = i;
                }
                i += 1;
            }
            i = (last + 1).max(i - 1);
            if last >= n {
                break;
            }
        }
        // Residuals and robustness weights live 0-based in the C code from here on.
        let resid: Vec<f64> = (1..=n).map(|k| y1[k] - ys[k]).collect();
        let sc = resid.iter().map(|r| r.abs()).sum::<f64>() / n as f64;
        if iter > nsteps {
            break;
        }
        let mut sorted: Vec<f64> = resid.iter().map(|r| r.abs()).collect();
        sorted.sort_by(f64::total_cmp);
        let m1 = n / 2;
        let cmad = if n.is_multiple_of(2) { 3.0 * (sorted[m1] + sorted[n - m1 - 1]) } else { 6.0 * sorted[m1] };
        if cmad < 1e-7 * sc {
            break;
        }
        let (c9, c1) = (0.999 * cmad, 0.001 * cmad);
        for k in 0..n {
            let r = resid[k].abs();
            rw[k + 1] = if r <= c1 {
                1.0
            } else if r <= c9 {
                (1.0 - (r / cmad).powi(2)).powi(2)
            } else {
                0.0
            };
        }
        iter += 1;
    }
    ys[1..].to_vec()
}

/// One local weighted linear fit of `clowess` at `xs` over `nleft..=nright` (1-based); `None` when every
/// weight is zero.
#[allow(clippy::too_many_arguments)]
fn lowest(
    x: &[f64],
    y: &[f64],
    n: usize,
    xs: f64,
    nleft: usize,
    nright: usize,
    w: &mut [f64],
    userw: bool,
    rw: &[f64],
) -> Option<f64> {
    let range = x[n] - x[1];
    let h = (xs - x[nleft]).max(x[nright] - xs);
    let (h9, h1) = (0.999 * h, 0.001 * h);
    let mut a = 0.0;
    let mut j = nleft;
    while j <= n {
        w[j] = 0.0;
        let r = (x[j] - xs).abs();
        if r <= h9 {
            w[j] = if r <= h1 { 1.0 } else { (1.0 - (r / h).powi(3)).powi(3) };
            if userw {
                w[j] *= rw[j];
            }
            a += w[j];
        } else if x[j] > xs {
            break;
        }
        j += 1;
    }
    let nrt = j - 1;
    if a <= 0.0 {
        return None;
    }
    for k in nleft..=nrt {
        w[k] /= a;
    }
    if h > 0.0 {
        let a: f64 = (nleft..=nrt).map(|k| w[k] * x[k]).sum();
        let mut b = xs - a;
        let c: f64 = (nleft..=nrt).map(|k| w[k] * (x[k] - a).powi(2)).sum();
        if c.sqrt() > 0.001 * range {
            b /= c;
            for k in nleft..=nrt {
                w[k] *= b * (x[k] - a) + 1.0;
            }
        }
    }
    Some((nleft..=nrt).map(|k| w[k] * y[k]).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_quantile_and_trim() {
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile_sorted(&v, 0.5), 3.0);
        assert!((quantile_sorted(&v, 0.9) - 7.6).abs() < 1e-12);
        assert_eq!(mean_trimmed(&v, 0.2), 3.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[5.0, f64::NAN, 1.0]), 5.0);
        assert!(median(&[]).is_nan());
        // Selection picks what a full sort would, repeated values included.
        let values: Vec<f64> = (0..1001).map(|i| f64::from((i * 7919) % 101) / 3.0).collect();
        for n in [1, 2, 3, 10, 11, 1000, 1001] {
            let mut sorted = values[..n].to_vec();
            sorted.sort_by(f64::total_cmp);
            let expected = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
            assert_eq!(median(&values[..n]).to_bits(), expected.to_bits(), "n = {n}");
        }
        assert!((mad(&[1.0, 2.0, 3.0, 4.0, 100.0]) - 1.4826).abs() < 1e-12);
    }

    #[test]
    fn test_lgamma_against_r() {
        // lgamma() printed by R 4.2.2 with 17 significant digits.
        for (x, r) in [
            (10.0, 12.801_827_480_081_469),
            (10.5, 13.940_625_219_403_763),
            (123.456, 469.605_547_129_929_56),
            (1e8, 1_742_068_066.103_834_9),
            (2.5, 0.284_682_870_472_919_2),
            (3.5, 1.200_973_602_347_074_3),
            (7.25, 7.052_185_450_738_539_5),
        ] {
            let ours = lgamma(x);
            assert!((ours - r).abs() < 1e-14 || ((ours - r) / r).abs() < 2e-15, "lgamma({x}) = {ours}, R {r}");
        }
    }

    #[test]
    fn test_dnbinom() {
        // Values printed by R 4.2.2: dnbinom(3, size = 2, mu = 4, log = TRUE) and
        // dnbinom(0, size = 0.5, mu = 10, log = TRUE).
        assert!((dnbinom_mu_log(3.0, 2.0, 4.0) - (-2.027_325_540_540_82)).abs() < 1e-12);
        assert!((dnbinom_mu_log(0.0, 0.5, 10.0) - (-1.522_261_218_861_71)).abs() < 1e-12);
    }
}
