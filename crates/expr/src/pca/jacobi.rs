//! The cyclic Jacobi eigenvalue method for small symmetric matrices (Golub & Van Loan, *Matrix
//! Computations*, §8.5). PCA needs it for a samples × samples Gram matrix, a few dozen rows at most,
//! where Jacobi is simple and accurate to a few ulps of the largest eigenvalue.

use crate::{Error, Result};

/// Sweeps before giving up; Jacobi converges quadratically, so a few sweeps suffice in practice.
const MAX_SWEEPS: usize = 100;

/// Eigenvalues (descending) and eigenvectors of the symmetric `n × n` matrix `a` (row-major).
/// `vectors[k]` is the unit eigenvector of `values[k]`.
pub(super) fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> Result<(Vec<f64>, Vec<Vec<f64>>)> {
    let mut v = vec![0.0; n * n]; // [n, n] columns are eigenvectors
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    // An off-diagonal entry this small, absolutely or relative to its diagonal pair, is zero: rotating
    // it away would change no eigenvalue beyond rounding (the relative test is Demmel & Veselić's).
    let negligible = f64::EPSILON * 1e-3 * a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q].abs();
                let relative = f64::EPSILON * (a[p * n + p] * a[q * n + q]).abs().sqrt();
                if apq <= negligible || apq <= relative {
                    continue;
                }
                rotate(&mut a, &mut v, n, p, q);
                rotated = true;
            }
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(Error::Numerical {
            method: "Jacobi eigen-decomposition",
            reason: format!("no convergence in {MAX_SWEEPS} sweeps"),
        });
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[j * n + j].total_cmp(&a[i * n + i]));
    let values = order.iter().map(|&k| a[k * n + k]).collect();
    let vectors = order.iter().map(|&k| (0..n).map(|i| v[i * n + k]).collect()).collect();
    Ok((values, vectors))
}

/// One Jacobi rotation in the (p, q) plane that zeroes `a[p][q]`; accumulates it into `v`.
fn rotate(a: &mut [f64], v: &mut [f64], n: usize, p: usize, q: usize) {
    let apq = a[p * n + q];
    // tan of the rotation angle: the smaller root of t^2 + 2 theta t - 1 = 0 (stable for any theta).
    let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
    let t = theta.signum() / (theta.abs() + theta.hypot(1.0));
    let c = 1.0 / t.hypot(1.0);
    let s = t * c;
    for k in 0..n {
        let (akp, akq) = (a[k * n + p], a[k * n + q]);
        a[k * n + p] = c * akp - s * akq;
        a[k * n + q] = s * akp + c * akq;
    }
    for k in 0..n {
        let (apk, aqk) = (a[p * n + k], a[q * n + k]);
        a[p * n + k] = c * apk - s * aqk;
        a[q * n + k] = s * apk + c * aqk;
    }
    a[p * n + q] = 0.0;
    a[q * n + p] = 0.0;
    for k in 0..n {
        let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
        v[k * n + p] = c * vkp - s * vkq;
        v[k * n + q] = s * vkp + c * vkq;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_symmetric_eigen() -> Result<()> {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/sqrt2 and (1, -1)/sqrt2.
        let (values, vectors) = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2)?;
        assert!((values[0] - 3.0).abs() < 1e-15 && (values[1] - 1.0).abs() < 1e-15);
        assert!((vectors[0][0].abs() - 0.5_f64.sqrt()).abs() < 1e-15);
        assert!((vectors[0][0] - vectors[0][1]).abs() < 1e-15);
        // A diagonal matrix needs no rotation; a zero matrix converges at once.
        let (values, _) = symmetric_eigen(vec![1.0, 0.0, 0.0, 5.0], 2)?;
        assert_eq!(values, [5.0, 1.0]);
        assert_eq!(symmetric_eigen(vec![0.0; 9], 3)?.0, [0.0; 3]);
        // A x = lambda x for a 4 x 4 matrix.
        let a = vec![4.0, 1.0, -2.0, 2.0, 1.0, 2.0, 0.0, 1.0, -2.0, 0.0, 3.0, -2.0, 2.0, 1.0, -2.0, -1.0];
        let (values, vectors) = symmetric_eigen(a.clone(), 4)?;
        for (lambda, x) in values.iter().zip(&vectors) {
            for i in 0..4 {
                let ax: f64 = (0..4).map(|j| a[i * 4 + j] * x[j]).sum();
                assert!((ax - lambda * x[i]).abs() < 1e-13);
            }
        }
        Ok(())
    }
}
