//! The hypergeometric distribution as R's `nmath` computes it: `dhyper` through Loader's saddle-point
//! binomial density (`dbinom_raw`, with `stirlerr` and `bd0`) and `phyper` by summing the smaller tail
//! with the term ratio, so tiny tail probabilities keep their relative accuracy.
//!
//! Reference: C. Loader (2000), "Fast and accurate computation of binomial probabilities"; R's
//! `src/nmath/{dhyper,phyper,dbinom,stirlerr,bd0}.c`.

use std::f64::consts::PI;

/// `log dhyper(x, r, b, n)`: the log probability of `x` white balls in `n` draws without replacement
/// from an urn of `r` white and `b` black balls; `-inf` outside the support. Arguments are whole numbers.
pub(super) fn ln_dhyper(x: f64, r: f64, b: f64, n: f64) -> f64 {
    if x < 0.0 || x > r || n - x > b || n < x {
        return f64::NEG_INFINITY;
    }
    if n == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    let p = n / (r + b);
    let q = (r + b - n) / (r + b);
    ln_dbinom_raw(x, r, p, q) + ln_dbinom_raw(n - x, b, p, q) - ln_dbinom_raw(n, r + b, p, q)
}

/// R's `phyper(x, r, b, n, lower.tail)`: `P(X <= x)`, or `P(X > x)` when `lower_tail` is false.
pub(super) fn phyper(x: f64, r: f64, b: f64, n: f64, lower_tail: bool) -> f64 {
    let mut x = (x + 1e-7).floor();
    let (mut r, mut b, mut lower_tail) = (r, b, lower_tail);
    if x * (r + b) > n * r {
        // Sum the other tail, the shorter one: swap colours.
        std::mem::swap(&mut r, &mut b);
        x = n - x - 1.0;
        lower_tail = !lower_tail;
    }
    if x < 0.0 {
        return if lower_tail { 0.0 } else { 1.0 };
    }
    if x >= r || x >= n {
        return if lower_tail { 1.0 } else { 0.0 };
    }
    let d = ln_dhyper(x, r, b, n).exp();
    let p = d * pdhyper(x, r, b, n);
    if lower_tail { p } else { 0.5 - p + 0.5 }
}

/// `phyper(x) / dhyper(x)` for the lower tail: `1 + sum` of the term ratios going down from `x`.
fn pdhyper(mut x: f64, r: f64, b: f64, n: f64) -> f64 {
    let (mut sum, mut term) = (0.0_f64, 1.0_f64);
    while x > 0.0 && term >= f64::EPSILON * sum {
        term *= x * (b - n + x) / (n + 1.0 - x) / (r + 1.0 - x);
        sum += term;
        x -= 1.0;
    }
    1.0 + sum
}

/// Loader's `log dbinom_raw(x, n, p, q)` with `q = 1 - p` given separately for accuracy.
fn ln_dbinom_raw(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        if n == 0.0 {
            return 0.0;
        }
        return if p < 0.1 { -bd0(n, n * q) - n * p } else { n * q.ln() };
    }
    if x == n {
        return if q < 0.1 { -bd0(n, n * p) - n * q } else { n * p.ln() };
    }
    if x < 0.0 || x > n {
        return f64::NEG_INFINITY;
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    let lf = (2.0 * PI).ln() + x.ln() + (-x / n).ln_1p();
    lc - 0.5 * lf
}

/// `ln(n!) - ln(sqrt(2 pi n) (n/e)^n)`, the error of Stirling's formula, for whole `n >= 1`.
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        // R's table (`sferr_halves` at whole n), checked against 50-digit arithmetic, rounded to f64.
        const TABLE: [f64; 16] = [
            0.0, // n = 0 never occurs: dbinom_raw handles x = 0 and x = n apart
            0.08106146679532726,
            0.0413406959554093,
            0.02767792568499834,
            0.020790672103765093,
            0.016644691189821193,
            0.013876128823070748,
            0.01189670994589177,
            0.010411265261972096,
            0.009255462182712733,
            0.00833056343336287,
            0.007573675487951841,
            0.00694284010720953,
            0.006408994188004207,
            0.0059513701127588475,
            0.005554733551962801,
        ];
        return TABLE[n as usize];
    }
    let nn = n * n;
    if n > 500.0 {
        (S0 - S1 / nn) / n
    } else if n > 80.0 {
        (S0 - (S1 - S2 / nn) / nn) / n
    } else if n > 35.0 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
    }
}

/// `x ln(x / np) + np - x`, computed without cancellation when `x` is close to `np`.
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let mut v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        if s.abs() < f64::MIN_POSITIVE {
            return s;
        }
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let s1 = s + ej / f64::from(2 * j + 1);
            if s1 == s {
                return s1;
            }
            s = s1;
        }
    }
    x * (x / np).ln() + np - x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_ln_dhyper() -> Result<(), String> {
        // 2 white of 3 draws from 5 white + 5 black: C(5,2) C(5,1) / C(10,3) = 50 / 120.
        let p = ln_dhyper(2.0, 5.0, 5.0, 3.0).exp();
        assert!((p - 50.0 / 120.0).abs() < 1e-15, "{p}");
        assert_eq!(ln_dhyper(4.0, 5.0, 5.0, 3.0), f64::NEG_INFINITY);
        // The probabilities of a support sum to 1.
        let total: f64 = (0..=30).map(|x| ln_dhyper(f64::from(x), 40.0, 400.0, 30.0).exp()).sum();
        assert!((total - 1.0).abs() < 1e-13);
        Ok(())
    }

    #[test]
    fn test_stirlerr() -> Result<(), String> {
        // The table and the series agree where they meet.
        assert!((stirlerr(15.0) - 1.0 / (12.0 * 15.0)).abs() < 1e-6);
        assert!((stirlerr(16.0) - 1.0 / (12.0 * 16.0)).abs() < 1e-6);
        assert!((stirlerr(1.0) - 0.081_061_466_795_327_26).abs() < 1e-16); // R's table
        Ok(())
    }
}
