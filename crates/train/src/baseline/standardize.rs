//! Column standardisation fitted on training rows and applied unchanged to any other rows, so no test
//! statistic leaks into training. Mean and population standard deviation (scikit-learn's
//! `StandardScaler`).

use serde::Serialize;

use super::Features;
use crate::{Error, Result};

/// Per-column mean and standard deviation of the training features.
///
/// A column that is constant in training carries no information about the training labels: it is set
/// to 0 everywhere, in test rows too (scikit-learn would keep test rows' differences from the mean).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standardizer {
    mean: Vec<f64>,
    /// Population standard deviation; 0 marks a constant column.
    scale: Vec<f64>,
}

impl Standardizer {
    /// Fits the column means and standard deviations of `x`; [`Error::InvalidInput`] when `x` has no rows.
    ///
    /// ```
    /// use gptomics_train::baseline::{Features, Standardizer};
    /// let train = Features::new(2, 2, vec![1.0, 5.0, 3.0, 5.0])?;
    /// let scaler = Standardizer::fit(&train)?;
    /// let mut test = Features::new(1, 2, vec![4.0, 9.0])?;
    /// scaler.transform(&mut test)?;
    /// assert_eq!(test.values(), [2.0, 0.0]); // (4 - 2) / 1; the constant column is set to 0
    /// # Ok::<(), gptomics_train::Error>(())
    /// ```
    pub fn fit(x: &Features) -> Result<Self> {
        if x.rows() == 0 {
            return Err(Error::InvalidInput("cannot standardise features of no rows".into()));
        }
        let n = x.rows() as f64;
        let mut mean = vec![0.0; x.cols()];
        for i in 0..x.rows() {
            mean.iter_mut().zip(x.row(i)).for_each(|(m, v)| *m += v);
        }
        mean.iter_mut().for_each(|m| *m /= n);
        let mut var = vec![0.0; x.cols()];
        let mut constant = vec![true; x.cols()];
        let first = x.row(0);
        for i in 0..x.rows() {
            for (j, v) in x.row(i).iter().enumerate() {
                var[j] += (v - mean[j]) * (v - mean[j]);
                constant[j] &= *v == first[j];
            }
        }
        let scale = var.iter().zip(&constant).map(|(v, &c)| if c { 0.0 } else { (v / n).sqrt() }).collect();
        Ok(Self { mean, scale })
    }

    /// Standardises `x` in place: `(value - mean) / sd`, 0 in constant columns. [`Error::InvalidInput`]
    /// when `x` has another number of columns than the fitted features.
    pub fn transform(&self, x: &mut Features) -> Result<()> {
        if x.cols() != self.mean.len() {
            return Err(Error::InvalidInput(format!(
                "features have {} columns, the standardiser was fitted on {}",
                x.cols(),
                self.mean.len()
            )));
        }
        let cols = x.cols().max(1);
        for row in x.values_mut().chunks_exact_mut(cols) {
            for ((v, m), s) in row.iter_mut().zip(&self.mean).zip(&self.scale) {
                *v = if *s == 0.0 { 0.0 } else { (*v - m) / s };
            }
        }
        Ok(())
    }

    /// The training means.
    pub fn mean(&self) -> &[f64] {
        &self.mean
    }

    /// The training standard deviations (population, `ddof = 0`); 0 for constant columns.
    pub fn scale(&self) -> &[f64] {
        &self.scale
    }
}
