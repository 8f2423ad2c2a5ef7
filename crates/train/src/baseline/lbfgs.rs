//! Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., algorithms 7.4 and 7.5) for
//! the smooth convex objectives of the baseline. A backtracking line search with Armijo's condition, plus
//! an approximate-Wolfe fallback (Hager & Zhang 2005) for the last iterations, where decreases fall
//! below the rounding of the objective and only the gradient still says which way is down. No bounds, no
//! non-convex safeguards beyond skipping curvature pairs with `sᵀy <= 0`.

use std::collections::VecDeque;

use super::linalg::{axpy, dot};

/// Correction pairs kept (scipy's default `maxcor`).
const MEMORY: usize = 10;
/// Armijo's sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;
/// Step halvings (or interpolations) tried before giving up on a direction.
const MAX_BACKTRACKS: usize = 60;

/// Where the minimiser stopped.
pub(super) struct Minimum {
    /// The parameters.
    pub x: Vec<f64>,
    /// Iterations taken.
    pub iterations: usize,
    /// Whether the largest gradient entry fell to the tolerance (else the iteration limit was hit or no
    /// step could decrease the objective).
    pub converged: bool,
}

/// Minimises `f` (which returns the objective and writes its gradient into the second argument) from
/// `x`, until the largest absolute gradient entry is at most `gtol` or `max_iter` iterations.
pub(super) fn minimize(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    mut x: Vec<f64>,
    gtol: f64,
    max_iter: usize,
) -> Minimum {
    let dim = x.len();
    let mut g = vec![0.0; dim];
    let mut fx = f(&x, &mut g);
    let mut pairs: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::with_capacity(MEMORY); // (s, y, 1/sᵀy)
    let (mut x_new, mut g_new) = (vec![0.0; dim], vec![0.0; dim]);
    for iteration in 0..max_iter {
        if max_abs(&g) <= gtol {
            return Minimum { x, iterations: iteration, converged: true };
        }
        let mut d = direction(&g, &pairs);
        let mut slope = dot(&g, &d);
        if slope >= 0.0 || slope.is_nan() {
            // Not a descent direction (rounding in an ill-conditioned memory): restart from the gradient.
            pairs.clear();
            d = g.iter().map(|v| -v).collect();
            slope = -dot(&g, &g);
        }
        // Without curvature information, a first step of unit length (scipy does the same).
        let mut t = if pairs.is_empty() { 1.0 / dot(&d, &d).sqrt().max(1.0) } else { 1.0 };
        let mut accepted = None;
        for _ in 0..MAX_BACKTRACKS {
            x_new.iter_mut().zip(&x).zip(&d).for_each(|((xn, xi), di)| *xn = xi + t * di);
            let f_new = f(&x_new, &mut g_new);
            let armijo = f_new <= fx + ARMIJO * t * slope;
            // Within rounding of fx, accept a step that flattened the directional derivative.
            let approx_wolfe = f_new <= fx + 1e-14 * fx.abs() && dot(&g_new, &d).abs() <= 0.9 * slope.abs();
            if armijo || approx_wolfe {
                accepted = Some(f_new);
                break;
            }
            // Minimum of the quadratic through f(0), f'(0) and f(t), kept within [t/10, t/2].
            let curvature = f_new - fx - slope * t;
            let t_quad = if curvature > 0.0 { -slope * t * t / (2.0 * curvature) } else { t / 2.0 };
            t = t_quad.clamp(t / 10.0, t / 2.0);
        }
        let Some(f_new) = accepted else {
            return Minimum { x, iterations: iteration, converged: false };
        };
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&y, &y) && sy > 0.0 {
            if pairs.len() == MEMORY {
                pairs.pop_front();
            }
            pairs.push_back((s, y, 1.0 / sy));
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        fx = f_new;
    }
    let converged = max_abs(&g) <= gtol;
    Minimum { x, iterations: max_iter, converged }
}

/// `-H g` by the two-loop recursion, `H₀ = (sᵀy / yᵀy) I` from the newest pair.
fn direction(g: &[f64], pairs: &VecDeque<(Vec<f64>, Vec<f64>, f64)>) -> Vec<f64> {
    let mut q = g.to_vec();
    let mut alphas = Vec::with_capacity(pairs.len());
    for (s, y, rho) in pairs.iter().rev() {
        let a = rho * dot(s, &q);
        axpy(-a, y, &mut q);
        alphas.push(a);
    }
    if let Some((_, y, rho)) = pairs.back() {
        let gamma = 1.0 / (rho * dot(y, y));
        q.iter_mut().for_each(|v| *v *= gamma);
    }
    for ((s, y, rho), a) in pairs.iter().zip(alphas.iter().rev()) {
        let b = rho * dot(y, &q);
        axpy(a - b, s, &mut q);
    }
    q.iter_mut().for_each(|v| *v = -*v);
    q
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_minimize_rosenbrock() {
        // Non-convex but smooth, the classic test: minimum 0 at (1, 1).
        let rosenbrock = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (1.0 - x[0], x[1] - x[0] * x[0]);
            g[0] = -2.0 * a - 400.0 * x[0] * b;
            g[1] = 200.0 * b;
            a * a + 100.0 * b * b
        };
        let m = minimize(rosenbrock, vec![-1.2, 1.0], 1e-10, 1000);
        assert!(m.converged, "stopped after {} iterations at {:?}", m.iterations, m.x);
        assert!((m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8);
    }

    #[test]
    fn test_minimize_quadratic() {
        // f = ½ Σ c_i (x_i - i)², badly scaled.
        let c = [1e-3, 1.0, 1e3];
        let f = |x: &[f64], g: &mut [f64]| {
            let mut v = 0.0;
            for i in 0..3 {
                let r = x[i] - i as f64;
                g[i] = c[i] * r;
                v += 0.5 * c[i] * r * r;
            }
            v
        };
        let m = minimize(f, vec![0.0; 3], 1e-12, 1000);
        assert!(m.converged);
        assert!(m.x.iter().enumerate().all(|(i, v)| (v - i as f64).abs() < 1e-8));
    }
}
