//! Exact samplers for the count model: normal, log-normal, gamma, Poisson and negative binomial, all
//! driven by [`SplitMix64`] so the demo is reproducible.
//!
//! The negative binomial is drawn as its gamma–Poisson mixture, `K ~ Poisson(G)` with
//! `G ~ Gamma(shape 1/alpha, scale mean * alpha)`, which has mean `mean` and variance
//! `mean + alpha * mean^2`, DESeq2's parametrisation. Every step is exact in distribution: normal
//! approximations would distort the tails that differential-expression tests are judged on.

use gptomics_train::rng::SplitMix64;

/// Below this mean, Poisson draws invert the CDF (at most ~30 steps); above it, PTRS is faster and its
/// constants are valid (Hörmann 1993 derives them for means of 10 and more).
const INVERSION_LIMIT: f64 = 10.0;

/// A uniform draw in `(0, 1]`, safe to take the logarithm of.
fn open_uniform(rng: &mut SplitMix64) -> f64 {
    1.0 - rng.next_f64()
}

/// A standard normal draw (Box–Muller, exact).
pub(crate) fn standard_normal(rng: &mut SplitMix64) -> f64 {
    let radius = (-2.0 * open_uniform(rng).ln()).sqrt();
    radius * (std::f64::consts::TAU * rng.next_f64()).cos()
}

/// A log-normal draw with the given median and log-scale standard deviation.
pub(super) fn log_normal(rng: &mut SplitMix64, median: f64, sdlog: f64) -> f64 {
    median * (sdlog * standard_normal(rng)).exp()
}

/// A draw from `Gamma(shape, 1)`, `shape > 0` (Marsaglia & Tsang 2000, ACM TOMS 26:363). Shapes below 1
/// use their boost: `Gamma(a) = Gamma(a + 1) * U^(1/a)`.
pub(super) fn gamma(rng: &mut SplitMix64, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(rng, shape + 1.0) * open_uniform(rng).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = standard_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = open_uniform(rng);
        // The squeeze accepts ~98 % of draws without a logarithm; the log test is the exact one.
        if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

/// A Poisson draw with mean `lambda` (0 for `lambda <= 0` or NaN).
pub(super) fn poisson(rng: &mut SplitMix64, lambda: f64) -> u64 {
    if lambda.is_nan() || lambda <= 0.0 {
        0
    } else if lambda < INVERSION_LIMIT {
        poisson_inversion(rng, lambda)
    } else {
        poisson_ptrs(rng, lambda)
    }
}

/// Sequential search of the CDF.
fn poisson_inversion(rng: &mut SplitMix64, lambda: f64) -> u64 {
    let u = rng.next_f64();
    let (mut k, mut p) = (0u64, (-lambda).exp());
    let mut cdf = p;
    // The cap only guards against rounding leaving `cdf` a hair below `u`; P(K > 200 | lambda < 10) < 1e-150.
    while u >= cdf && k < 200 {
        k += 1;
        p *= lambda / k as f64;
        cdf += p;
    }
    k
}

/// Hörmann's transformed rejection with squeeze (PTRS; Hörmann 1993, Insurance Math Econ 12:39), as in
/// NumPy: exact, about 1.1 uniform pairs per draw.
fn poisson_ptrs(rng: &mut SplitMix64, lambda: f64) -> u64 {
    let log_lambda = lambda.ln();
    let b = 0.931 + 2.53 * lambda.sqrt();
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let v_r = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.next_f64() - 0.5;
        let v = rng.next_f64();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
        if us >= 0.07 && v <= v_r {
            return k as u64;
        }
        // `us == 0` makes `k` NaN (or infinite): reject it with the negative ones.
        if k.is_nan() || k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + inv_alpha.ln() - (a / (us * us) + b).ln() <= -lambda + k * log_lambda - ln_factorial(k) {
            return k as u64;
        }
    }
}

/// `ln(k!)` for a whole `k >= 0`: summed below 10, Stirling's series (to `k^-7`, error below 1e-12)
/// above.
fn ln_factorial(k: f64) -> f64 {
    if k < 10.0 {
        return (2..=k as u64).map(|i| (i as f64).ln()).sum();
    }
    let (k2, half_ln_tau) = (k * k, 0.5 * std::f64::consts::TAU.ln());
    let series = (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * k2)) / k2) / k2) / k;
    (k + 0.5) * k.ln() - k + half_ln_tau + series
}

/// A negative binomial draw with the given mean and dispersion `alpha` (variance `mean + alpha mean²`);
/// `alpha <= 0` is Poisson.
pub(super) fn negative_binomial(rng: &mut SplitMix64, mean: f64, alpha: f64) -> u64 {
    if alpha <= 0.0 || mean <= 0.0 {
        return poisson(rng, mean);
    }
    let rate = gamma(rng, 1.0 / alpha) * mean * alpha;
    poisson(rng, rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sample mean and variance of `n` draws.
    fn moments(n: usize, mut draw: impl FnMut() -> f64) -> (f64, f64) {
        let xs: Vec<f64> = (0..n).map(|_| draw()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        (mean, var)
    }

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance * expected
    }

    #[test]
    fn test_ln_factorial() {
        let mut exact = 0.0;
        for k in 1..200u64 {
            exact += (k as f64).ln();
            assert!((ln_factorial(k as f64) - exact).abs() < 1e-9 * exact.max(1.0), "k = {k}");
        }
        assert_eq!(ln_factorial(0.0), 0.0);
    }

    #[test]
    fn test_poisson_moments() {
        let mut rng = SplitMix64::new(1);
        for lambda in [0.3, 4.0, 9.99, 10.0, 37.0, 5000.0] {
            let (mean, var) = moments(40_000, || poisson(&mut rng, lambda) as f64);
            assert!(close(mean, lambda, 0.03), "lambda {lambda}: mean {mean}");
            assert!(close(var, lambda, 0.06), "lambda {lambda}: variance {var}");
        }
        assert_eq!(poisson(&mut rng, 0.0), 0);
        assert_eq!(poisson(&mut rng, f64::NAN), 0);
    }

    #[test]
    fn test_poisson_ptrs_probabilities() {
        // P(K = 12 | lambda = 12) = e^-12 12^12 / 12! = 0.114384.
        let mut rng = SplitMix64::new(2);
        let n = 100_000;
        let hits = (0..n).filter(|_| poisson(&mut rng, 12.0) == 12).count();
        assert!((hits as f64 / n as f64 - 0.114_384).abs() < 0.005, "{hits}");
    }

    #[test]
    fn test_gamma_moments() {
        let mut rng = SplitMix64::new(3);
        for shape in [0.3, 1.0, 2.5, 40.0] {
            let (mean, var) = moments(40_000, || gamma(&mut rng, shape));
            assert!(close(mean, shape, 0.03), "shape {shape}: mean {mean}");
            assert!(close(var, shape, 0.08), "shape {shape}: variance {var}");
        }
    }

    #[test]
    fn test_negative_binomial_moments() {
        let mut rng = SplitMix64::new(4);
        for (mu, alpha) in [(3.0, 1.5), (100.0, 0.1), (20_000.0, 0.03)] {
            let (mean, var) = moments(40_000, || negative_binomial(&mut rng, mu, alpha) as f64);
            assert!(close(mean, mu, 0.03), "mu {mu}: mean {mean}");
            assert!(close(var, mu + alpha * mu * mu, 0.08), "mu {mu}: variance {var}");
        }
    }
}
