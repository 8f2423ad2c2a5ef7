//! Benjamini–Hochberg adjustment, R's `p.adjust(p, method = "BH")`.

use crate::{Error, Result};

/// Benjamini–Hochberg adjusted p-values (false discovery rate), as R's `p.adjust(p, method = "BH")`.
///
/// NaN marks a missing p-value (R's `NA`, DESeq2's `NA` for filtered genes): it stays NaN and is not
/// counted, so with `m` non-missing values the adjusted value of the `i`-th smallest is
/// `min(1, min over j >= i of m / j * p_(j))`, exactly R's computation. A value outside `[0, 1]` or an
/// infinity is an [`Error::InvalidInput`] naming its index.
///
/// ```
/// use gptomics_expr::hypothesis::p_adjust_bh;
/// // R: p.adjust(c(0.01, 0.04, NA, 0.03, 0.5), "BH") is 0.04 0.05333333 NA 0.05333333 0.5
/// let adjusted = p_adjust_bh(&[0.01, 0.04, f64::NAN, 0.03, 0.5])?;
/// assert_eq!(adjusted[..2], [0.04, 4.0 / 3.0 * 0.04]);
/// assert!(adjusted[2].is_nan());
/// assert_eq!(adjusted[3..], [4.0 / 3.0 * 0.04, 0.5]);
/// assert!(p_adjust_bh(&[0.2, 1.5]).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn p_adjust_bh(p: &[f64]) -> Result<Vec<f64>> {
    if let Some(i) = p.iter().position(|&v| !v.is_nan() && !(0.0..=1.0).contains(&v)) {
        return Err(Error::invalid(format!("p_adjust_bh: p[{i}] = {} is not a probability", p[i])));
    }
    Ok(bh(p))
}

/// The adjustment itself, for callers whose p-values are probabilities by construction.
pub(crate) fn bh(p: &[f64]) -> Vec<f64> {
    bh_ordered(&decreasing_order(p), p, |_| true)
}

/// The indices of the non-missing values of `p`, largest first, as R's `order(p, decreasing = TRUE)`.
pub(crate) fn decreasing_order(p: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_unstable_by(|&a, &b| p[b].total_cmp(&p[a]));
    order
}

/// [`bh`] of the values `keep` accepts (the others count as missing), given [`decreasing_order`] of
/// all of `p`: a caller adjusting many subsets of one vector (independent filtering) sorts once.
///
/// The order among ties does not matter: tied values get the same adjusted value whichever comes first,
/// since `m / rank * p` only grows as the rank falls.
pub(crate) fn bh_ordered(order: &[usize], p: &[f64], keep: impl Fn(usize) -> bool) -> Vec<f64> {
    let m = order.iter().filter(|&&i| keep(i)).count() as f64;
    let mut adjusted = vec![f64::NAN; p.len()];
    let mut running_min = f64::INFINITY;
    for (k, &i) in order.iter().filter(|&&i| keep(i)).enumerate() {
        let rank = m - k as f64; // the rank of p[i] among the kept values, 1 = smallest
        running_min = running_min.min(m / rank * p[i]);
        adjusted[i] = running_min.min(1.0);
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_p_adjust_bh() -> Result<()> {
        assert!(p_adjust_bh(&[])?.is_empty());
        assert!(p_adjust_bh(&[f64::NAN])?[0].is_nan());
        assert_eq!(p_adjust_bh(&[0.0, 1.0])?, [0.0, 1.0]);
        assert_eq!(p_adjust_bh(&[0.3, 0.3, 0.3])?, [0.3, 0.3, 0.3]);
        assert!(p_adjust_bh(&[-0.1]).is_err());
        assert!(p_adjust_bh(&[f64::INFINITY]).is_err());
        Ok(())
    }

    #[test]
    fn test_bh_ordered() -> Result<()> {
        // A subset adjusted through the order of the whole vector equals the subset adjusted alone.
        let p: Vec<f64> = (0..200).map(|i| f64::from((i * 37) % 101) / 101.0).collect();
        let order = decreasing_order(&p);
        let keep = |i: usize| !i.is_multiple_of(3);
        let subset: Vec<f64> = (0..p.len()).map(|i| if keep(i) { p[i] } else { f64::NAN }).collect();
        let (ours, alone) = (bh_ordered(&order, &p, keep), p_adjust_bh(&subset)?);
        assert!(ours.iter().zip(&alone).all(|(a, b)| a.to_bits() == b.to_bits()));
        Ok(())
    }
}
