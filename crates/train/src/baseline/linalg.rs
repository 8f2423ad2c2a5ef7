//! The few dense kernels the baseline needs: dot products, a Gram matrix and a Cholesky solve. Written
//! out (no BLAS) because the matrices are at most a few thousand on a side and solved a handful of times.

use rayon::prelude::*;

/// `a · b` with four independent sums, so the compiler can vectorise (equal lengths assumed).
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    let mut acc = [0.0; 4];
    for (x, y) in ca.zip(cb) {
        acc[0] += x[0] * y[0];
        acc[1] += x[1] * y[1];
        acc[2] += x[2] * y[2];
        acc[3] += x[3] * y[3];
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// `y += alpha * x`.
pub(super) fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    y.iter_mut().zip(x).for_each(|(yi, xi)| *yi += alpha * xi);
}

/// Rows per tile of [`gram`]: 16 rows of 5440 features (~700 KB) stay in cache while the other side
/// streams past them.
const TILE: usize = 16;

/// `X Xᵀ` of the `rows × cols` row-major `x`: the `rows × rows` matrix of row dot products, row-major.
/// Tiles of rows are computed in parallel; each entry is one [`dot`], so the result does not depend on
/// the thread count.
pub(super) fn gram(x: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let row = |i: usize| &x[i * cols..(i + 1) * cols];
    let strips: Vec<Vec<f64>> = (0..rows.div_ceil(TILE))
        .into_par_iter()
        .map(|t| {
            let (i0, i1) = (t * TILE, ((t + 1) * TILE).min(rows));
            let mut strip = vec![0.0; (i1 - i0) * rows]; // [i1 - i0, rows], upper triangle filled
            for j0 in (i0..rows).step_by(TILE) {
                for i in i0..i1 {
                    for j in j0.max(i)..(j0 + TILE).min(rows) {
                        strip[(i - i0) * rows + j] = dot(row(i), row(j));
                    }
                }
            }
            strip
        })
        .collect();
    let mut g: Vec<f64> = strips.concat();
    for i in 0..rows {
        for j in 0..i {
            g[i * rows + j] = g[j * rows + i];
        }
    }
    g
}

/// Solves `A x = b` for a symmetric positive definite `n × n` row-major `a` by Cholesky: `b` becomes `x`
/// and `a`'s lower triangle its factor. Returns false (leaving both unspecified) when `a` is not positive
/// definite to working precision.
pub(super) fn cholesky_solve(a: &mut [f64], n: usize, b: &mut [f64]) -> bool {
    for j in 0..n {
        let (head, tail) = a.split_at_mut((j + 1) * n);
        let row_j = &mut head[j * n..];
        let d = row_j[j] - dot(&row_j[..j], &row_j[..j]);
        if d.is_nan() || d <= 0.0 {
            return false;
        }
        let pivot = d.sqrt();
        row_j[j] = pivot;
        let row_j = &row_j[..j];
        tail.par_chunks_mut(n).for_each(|row_i| row_i[j] = (row_i[j] - dot(&row_i[..j], row_j)) / pivot);
    }
    // L y = b, then Lᵀ x = y.
    for i in 0..n {
        b[i] = (b[i] - dot(&a[i * n..i * n + i], &b[..i])) / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= a[k * n + i] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_gram_and_cholesky_solve() {
        // 3 × 2 rows: X Xᵀ is 3 × 3 of rank 2; adding I makes it positive definite.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut g = gram(&x, 3, 2);
        assert_eq!(g, [5.0, 11.0, 17.0, 11.0, 25.0, 39.0, 17.0, 39.0, 61.0]);
        (0..3).for_each(|i| g[i * 4] += 1.0);
        let a = g.clone();
        let mut b = [1.0, 0.0, -1.0];
        assert!(cholesky_solve(&mut g, 3, &mut b));
        for i in 0..3 {
            let ax = dot(&a[i * 3..i * 3 + 3], &b);
            assert!((ax - [1.0, 0.0, -1.0][i]).abs() < 1e-12);
        }
        assert!(!cholesky_solve(&mut [1.0, 2.0, 2.0, 1.0], 2, &mut [0.0, 0.0]));
    }

    #[test]
    fn test_dot() {
        let a: Vec<f64> = (0..11).map(f64::from).collect();
        assert_eq!(dot(&a, &a), 385.0);
    }
}
