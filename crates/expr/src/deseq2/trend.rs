//! The dispersion–mean trend: DESeq2's `parametricDispersionFit` (α(μ) = a₀ + a₁/μ by an iterated
//! Gamma-family GLM with identity link, as R's `glm()` fits it) and the `mean` fit (a trimmed mean).
//! The local (loess) fit is not implemented; when the parametric fit fails DESeq2 would switch to it, we
//! return an error that suggests `FitType::Mean` instead.

use crate::{Error, Result, rmath};

/// Which trend to fit (DESeq2's `fitType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FitType {
    /// α(μ) = asymptDisp + extraPois / μ (the default).
    #[default]
    Parametric,
    /// One dispersion for all genes: the 0.1 %-trimmed mean of the gene-wise estimates.
    Mean,
}

/// A fitted dispersion trend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DispersionTrend {
    /// α(μ) = `asympt_disp` + `extra_pois` / μ.
    Parametric {
        /// Dispersion at high counts.
        asympt_disp: f64,
        /// Extra-Poisson term.
        extra_pois: f64,
    },
    /// A constant dispersion.
    Mean(f64),
}

impl DispersionTrend {
    /// The trend's dispersion at mean normalised count `mu`.
    pub fn at(&self, mu: f64) -> f64 {
        match *self {
            Self::Parametric { asympt_disp, extra_pois } => asympt_disp + extra_pois / mu,
            Self::Mean(m) => m,
        }
    }

    /// The fit type this trend came from.
    pub fn fit_type(&self) -> FitType {
        match self {
            Self::Parametric { .. } => FitType::Parametric,
            Self::Mean(_) => FitType::Mean,
        }
    }
}

/// Fits the trend to gene-wise estimates (`means` = base means, `disps` = gene-wise dispersions) of the
/// genes DESeq2 uses: those with dispersion above 100 × minDisp (parametric) or 10 × minDisp (mean).
pub(crate) fn fit_trend(fit_type: FitType, means: &[f64], disps: &[f64], min_disp: f64) -> Result<DispersionTrend> {
    let use_for_fit: Vec<usize> = (0..disps.len()).filter(|&i| disps[i] > 100.0 * min_disp).collect();
    if use_for_fit.is_empty() {
        return Err(Error::Numerical {
            method: "dispersion trend",
            reason: "all gene-wise dispersion estimates are within 2 orders of magnitude of the minimum; \
                     the trend cannot be fitted"
                .into(),
        });
    }
    match fit_type {
        FitType::Parametric => {
            let m: Vec<f64> = use_for_fit.iter().map(|&i| means[i]).collect();
            let d: Vec<f64> = use_for_fit.iter().map(|&i| disps[i]).collect();
            parametric(&m, &d)
        }
        FitType::Mean => {
            let kept: Vec<f64> = disps.iter().copied().filter(|&d| d > 10.0 * min_disp && !d.is_nan()).collect();
            Ok(DispersionTrend::Mean(rmath::mean_trimmed(&kept, 0.001)))
        }
    }
}

fn parametric_error(reason: &str) -> Error {
    Error::Numerical {
        method: "parametric dispersion fit",
        reason: format!("{reason}; the trend is not a/x + b here, try the `mean` fit type"),
    }
}

/// `parametricDispersionFit`: refit on the genes whose residual ratio lies in (1e-4, 15) until the
/// coefficients settle.
fn parametric(means: &[f64], disps: &[f64]) -> Result<DispersionTrend> {
    let mut coefs = [0.1, 1.0];
    let mut iter = 0;
    loop {
        let good: Vec<usize> = (0..means.len())
            .filter(|&i| {
                let r = disps[i] / (coefs[0] + coefs[1] / means[i]);
                r > 1e-4 && r < 15.0
            })
            .collect();
        let x: Vec<f64> = good.iter().map(|&i| 1.0 / means[i]).collect();
        let y: Vec<f64> = good.iter().map(|&i| disps[i]).collect();
        let (new, converged) =
            glm_gamma_identity(&x, &y, coefs).ok_or_else(|| parametric_error("the Gamma GLM failed"))?;
        let old = coefs;
        coefs = new;
        if !(coefs[0] > 0.0 && coefs[1] > 0.0) {
            return Err(parametric_error("a coefficient is not positive"));
        }
        let change: f64 = (0..2).map(|k| (coefs[k] / old[k]).ln().powi(2)).sum();
        if change < 1e-6 && converged {
            break;
        }
        iter += 1;
        if iter > 10 {
            return Err(parametric_error("the fit did not converge in 10 rounds"));
        }
    }
    Ok(DispersionTrend::Parametric { asympt_disp: coefs[0], extra_pois: coefs[1] })
}

/// R's `glm.fit` for `y ~ x` with `family = Gamma(link = "identity")`, started at `start`: IRLS with
/// weights 1/μ², convergence when the relative deviance change is below 1e-8 (25 iterations at most),
/// and step halving when a step leaves the valid region μ > 0. Returns the coefficients and whether
/// it converged, or `None` when no valid start exists or the weighted system is singular.
fn glm_gamma_identity(x: &[f64], y: &[f64], start: [f64; 2]) -> Option<([f64; 2], bool)> {
    let n = x.len();
    let eta = |c: [f64; 2]| -> Vec<f64> { x.iter().map(|xi| c[0] + c[1] * xi).collect() };
    let deviance = |mu: &[f64]| -> f64 {
        (0..n).map(|i| -2.0 * ((if y[i] == 0.0 { 1.0 } else { y[i] / mu[i] }).ln() - (y[i] - mu[i]) / mu[i])).sum()
    };
    let valid = |mu: &[f64]| mu.iter().all(|m| m.is_finite() && *m > 0.0);
    let mut coef = start;
    let mut mu = eta(coef);
    if !valid(&mu) {
        return None;
    }
    let mut dev_old = deviance(&mu);
    let mut coef_old = start;
    for _ in 0..25 {
        // z = η + (y − μ) (identity link), w = 1/μ; solve the weighted least squares.
        let mut a = Vec::with_capacity(2 * n);
        let mut b = Vec::with_capacity(n);
        for i in 0..n {
            let w = 1.0 / mu[i];
            a.push(w);
            a.push(w * x[i]);
            b.push(w * y[i]);
        }
        let sol = crate::linalg::least_squares(&a, n, 2, &b)?;
        coef = [sol[0], sol[1]];
        mu = eta(coef);
        let mut dev = deviance(&mu);
        let mut halvings = 0;
        while !dev.is_finite() || !valid(&mu) {
            halvings += 1;
            if halvings > 100 {
                return None;
            }
            coef = [(coef[0] + coef_old[0]) / 2.0, (coef[1] + coef_old[1]) / 2.0];
            mu = eta(coef);
            dev = deviance(&mu);
        }
        if (dev - dev_old).abs() / (dev.abs() + 0.1) < 1e-8 {
            return Some((coef, true));
        }
        dev_old = dev;
        coef_old = coef;
    }
    Some((coef, false))
}
