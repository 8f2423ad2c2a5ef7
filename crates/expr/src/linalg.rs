//! Small dense linear algebra for per-gene fits: designs have a handful of columns, so every matrix here is
//! p × p or n × p with p ≲ 20, stored row-major in a `Vec<f64>`. Written out rather than pulled from a BLAS
//! because the work is millions of tiny systems, one per gene, run in parallel by rayon.

/// A row-major dense matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// A zero matrix.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Self { rows, cols, data: vec![0.0; rows * cols] }
    }

    /// A matrix from row-major values; `None` when the length is not `rows * cols`.
    pub fn from_row_major(rows: usize, cols: usize, data: Vec<f64>) -> Option<Self> {
        (data.len() == rows * cols).then_some(Self { rows, cols, data })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The value at (`row`, `col`).
    #[inline]
    pub fn get(&self, row: usize, col: usize) -> f64 {
        self.data[row * self.cols + col]
    }

    /// Sets the value at (`row`, `col`).
    #[inline]
    pub fn set(&mut self, row: usize, col: usize, value: f64) {
        self.data[row * self.cols + col] = value;
    }

    /// One row as a slice.
    #[inline]
    pub fn row(&self, row: usize) -> &[f64] {
        &self.data[row * self.cols..(row + 1) * self.cols]
    }

    /// One column, copied.
    pub fn column(&self, col: usize) -> Vec<f64> {
        (0..self.rows).map(|r| self.get(r, col)).collect()
    }

    /// The row-major values.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }
}

/// `X' diag(w) X` for an n × p `x`: the p × p weighted cross-product.
pub(crate) fn xtwx(x: &Matrix, w: &[f64]) -> Vec<f64> {
    let p = x.cols;
    let mut out = vec![0.0; p * p];
    for (i, &wi) in w.iter().enumerate() {
        let row = x.row(i);
        for a in 0..p {
            let ra = row[a] * wi;
            for b in a..p {
                out[a * p + b] += ra * row[b];
            }
        }
    }
    for a in 0..p {
        for b in 0..a {
            out[a * p + b] = out[b * p + a];
        }
    }
    out
}

/// LU decomposition with partial pivoting of a p × p matrix, in place. Returns the pivot permutation and
/// its sign, or `None` when the matrix is singular to working precision.
fn lu(a: &mut [f64], p: usize) -> Option<(Vec<usize>, f64)> {
    let mut perm: Vec<usize> = (0..p).collect();
    let mut sign = 1.0;
    for k in 0..p {
        let (mut best, mut best_abs) = (k, a[k * p + k].abs());
        for r in k + 1..p {
            let v = a[r * p + k].abs();
            if v > best_abs {
                best = r;
                best_abs = v;
            }
        }
        if best_abs == 0.0 || !best_abs.is_finite() {
            return None;
        }
        if best != k {
            for c in 0..p {
                a.swap(k * p + c, best * p + c);
            }
            perm.swap(k, best);
            sign = -sign;
        }
        let pivot = a[k * p + k];
        for r in k + 1..p {
            let f = a[r * p + k] / pivot;
            a[r * p + k] = f;
            for c in k + 1..p {
                a[r * p + c] -= f * a[k * p + c];
            }
        }
    }
    Some((perm, sign))
}

/// Determinant of a p × p matrix (0 when singular).
pub(crate) fn det(a: &[f64], p: usize) -> f64 {
    let mut m = a.to_vec();
    match lu(&mut m, p) {
        Some((_, sign)) => (0..p).fold(sign, |acc, k| acc * m[k * p + k]),
        None => 0.0,
    }
}

/// Inverse of a p × p matrix, or `None` when singular.
pub(crate) fn inverse(a: &[f64], p: usize) -> Option<Vec<f64>> {
    let mut m = a.to_vec();
    let (perm, _) = lu(&mut m, p)?;
    let mut inv = vec![0.0; p * p];
    for col in 0..p {
        // Solve L U x = P e_col.
        let mut x: Vec<f64> = (0..p).map(|r| if perm[r] == col { 1.0 } else { 0.0 }).collect();
        for r in 0..p {
            for c in 0..r {
                x[r] -= m[r * p + c] * x[c];
            }
        }
        for r in (0..p).rev() {
            for c in r + 1..p {
                x[r] -= m[r * p + c] * x[c];
            }
            x[r] /= m[r * p + r];
        }
        for r in 0..p {
            inv[r * p + col] = x[r];
        }
    }
    Some(inv)
}

/// `A B` for p × p matrices.
pub(crate) fn matmul(a: &[f64], b: &[f64], p: usize) -> Vec<f64> {
    let mut out = vec![0.0; p * p];
    for i in 0..p {
        for k in 0..p {
            let aik = a[i * p + k];
            for j in 0..p {
                out[i * p + j] += aik * b[k * p + j];
            }
        }
    }
    out
}

/// Solves `A x = b` for a symmetric positive definite p × p `a` by Cholesky, in place: `b` becomes `x`
/// and `a` its factor. Returns false when `a` is not positive definite to working precision.
pub(crate) fn cholesky_solve(a: &mut [f64], b: &mut [f64], p: usize) -> bool {
    for k in 0..p {
        let mut d = a[k * p + k];
        for m in 0..k {
            d -= a[k * p + m] * a[k * p + m];
        }
        if d.is_nan() || d <= 0.0 || !d.is_finite() {
            return false;
        }
        let d = d.sqrt();
        a[k * p + k] = d;
        for r in k + 1..p {
            let mut v = a[r * p + k];
            for m in 0..k {
                v -= a[r * p + m] * a[k * p + m];
            }
            a[r * p + k] = v / d;
        }
    }
    for r in 0..p {
        let mut v = b[r];
        for m in 0..r {
            v -= a[r * p + m] * b[m];
        }
        b[r] = v / a[r * p + r];
    }
    for r in (0..p).rev() {
        let mut v = b[r];
        for m in r + 1..p {
            v -= a[m * p + r] * b[m];
        }
        b[r] = v / a[r * p + r];
    }
    true
}

/// Least squares `min ||A x - b||` for an m × p `a` (row-major) by Householder QR. Returns `None` when `a`
/// is rank deficient. This is what R's `qr.solve` and DESeq2's C++ IRLS step compute.
pub(crate) fn least_squares(a: &[f64], m: usize, p: usize, b: &[f64]) -> Option<Vec<f64>> {
    HouseholderQr::new(a, m, p)?.solve(b)
}

/// The Householder QR of an m × p matrix, kept to solve [`least_squares`] for many right-hand sides with
/// the same matrix (every gene's starting coefficients share the design): the reflections depend on the
/// matrix alone, so each solve repeats exactly the arithmetic a solve from scratch applies to `b`.
pub(crate) struct HouseholderQr {
    m: usize,
    p: usize,
    /// R in the upper triangle (row-major, m × p).
    r: Vec<f64>,
    /// Per reflection: its first row k, its vector (rows k..m) and the vector's squared norm.
    reflections: Vec<(usize, Vec<f64>, f64)>,
}

impl HouseholderQr {
    /// The factorisation of `a`; `None` when a column is zero below the diagonal (rank deficient).
    pub(crate) fn new(a: &[f64], m: usize, p: usize) -> Option<Self> {
        let mut r = a.to_vec();
        let mut reflections = Vec::with_capacity(p);
        for k in 0..p {
            let norm = (k..m).map(|i| r[i * p + k] * r[i * p + k]).sum::<f64>().sqrt();
            if norm == 0.0 {
                return None;
            }
            let alpha = if r[k * p + k] > 0.0 { -norm } else { norm };
            let mut v: Vec<f64> = (k..m).map(|i| r[i * p + k]).collect();
            v[0] -= alpha;
            let vnorm2: f64 = v.iter().map(|x| x * x).sum();
            if vnorm2 == 0.0 {
                continue;
            }
            for c in k..p {
                let dot: f64 = (k..m).map(|i| v[i - k] * r[i * p + c]).sum();
                let f = 2.0 * dot / vnorm2;
                for i in k..m {
                    r[i * p + c] -= f * v[i - k];
                }
            }
            reflections.push((k, v, vnorm2));
        }
        Some(Self { m, p, r, reflections })
    }

    /// The least-squares solution for `b` (length m); `None` when R has a (relatively) zero diagonal.
    pub(crate) fn solve(&self, b: &[f64]) -> Option<Vec<f64>> {
        let (m, p, r) = (self.m, self.p, &self.r);
        let mut y = b.to_vec();
        for (k, v, vnorm2) in &self.reflections {
            let k = *k;
            let dot: f64 = (k..m).map(|i| v[i - k] * y[i]).sum();
            let f = 2.0 * dot / vnorm2;
            for i in k..m {
                y[i] -= f * v[i - k];
            }
        }
        let scale = (0..p).map(|k| r[k * p + k].abs()).fold(0.0, f64::max);
        let mut x = vec![0.0; p];
        for k in (0..p).rev() {
            let d = r[k * p + k];
            if d.abs() <= scale * 1e-12 {
                return None;
            }
            let s: f64 = (k + 1..p).map(|c| r[k * p + c] * x[c]).sum();
            x[k] = (y[k] - s) / d;
        }
        Some(x)
    }
}

/// The columns of an n × p matrix that are (numerically) linear combinations of earlier columns, found by
/// Gram–Schmidt with a relative tolerance like R's `qr()` (1e-7).
pub(crate) fn dependent_columns(x: &Matrix) -> Vec<usize> {
    let (n, p) = (x.rows, x.cols);
    let mut basis: Vec<Vec<f64>> = Vec::new();
    let mut dependent = Vec::new();
    for c in 0..p {
        let original = x.column(c);
        let norm0 = original.iter().map(|v| v * v).sum::<f64>().sqrt();
        let mut v = original;
        for q in &basis {
            let dot: f64 = (0..n).map(|i| q[i] * v[i]).sum();
            for i in 0..n {
                v[i] -= dot * q[i];
            }
        }
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm0 == 0.0 || norm <= 1e-7 * norm0 {
            dependent.push(c);
        } else {
            basis.push(v.into_iter().map(|a| a / norm).collect());
        }
    }
    dependent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_inverse_and_det() {
        let a = [4.0, 7.0, 2.0, 6.0];
        assert!((det(&a, 2) - 10.0).abs() < 1e-12);
        let inv = inverse(&a, 2).unwrap();
        let expected = [0.6, -0.7, -0.2, 0.4];
        for (x, y) in inv.iter().zip(expected) {
            assert!((x - y).abs() < 1e-12);
        }
        assert!(inverse(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
    }

    #[test]
    fn test_cholesky_solve() {
        let mut a = [4.0, 2.0, 2.0, 3.0];
        let mut b = [2.0, 5.0];
        assert!(cholesky_solve(&mut a, &mut b, 2));
        assert!((b[0] + 0.5).abs() < 1e-12 && (b[1] - 2.0).abs() < 1e-12);
        assert!(!cholesky_solve(&mut [1.0, 2.0, 2.0, 1.0], &mut [1.0, 1.0], 2));
    }

    #[test]
    fn test_householder_qr() {
        // Solving with a kept factorisation is bit for bit a solve from scratch.
        let a = [1.0, 0.3, 1.0, 1.7, 1.0, 2.2, 1.0, 4.1, 1.0, 0.0];
        let qr = HouseholderQr::new(&a, 5, 2).unwrap();
        for b in [[1.0, 2.0, 2.9, 4.2, 0.5], [-3.0, 0.25, 7.0, 1e6, 0.0]] {
            let direct = least_squares(&a, 5, 2, &b).unwrap();
            let kept = qr.solve(&b).unwrap();
            let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
            assert_eq!(bits(direct), bits(kept));
        }
        assert!(HouseholderQr::new(&[1.0, 0.0, 2.0, 0.0], 2, 2).is_none());
    }

    #[test]
    fn test_least_squares() {
        // y = 1 + 2x fitted exactly.
        let a = [1.0, 0.0, 1.0, 1.0, 1.0, 2.0, 1.0, 3.0];
        let b = [1.0, 3.0, 5.0, 7.0];
        let x = least_squares(&a, 4, 2, &b).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12);
    }

    #[test]
    fn test_dependent_columns() {
        let x = Matrix::from_row_major(3, 3, vec![1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0]).unwrap();
        assert_eq!(dependent_columns(&x), vec![2]);
    }
}
