//! Per-base attention profiles: token scores mapped back onto the bases they cover (ALRW step 2), and a
//! class's mean profile.
//!
//! Scores come in per token (e.g. the `[CLS]` row of the last layer summed over heads, computed by the
//! caller); the tokenizer's half-open base offsets say which bases each token covers, so one function
//! serves overlapping k-mers and variable-length BPE tokens alike. Nothing here touches a model.

use crate::error::{Error, Result};

/// Maps per-token scores onto the `seq_len` bases of their sequence, then L2-normalises.
///
/// Why each step:
/// - a token's score is spread evenly over its bases (`score / (end - start)` each), so a long BPE token
///   does not outweigh a short one just by covering more bases;
/// - each base's total is divided by the number of tokens covering it, so bases under several
///   overlapping k-mers are averaged, not summed (DNABERT's `get_real_score(.., "mean")`);
/// - the vector is scaled to unit L2 norm so sequences compare on one scale (an all-zero vector stays
///   zero).
///
/// Tokens with an empty range (special tokens, offsets `(0, 0)`) contribute nothing and do not count;
/// bases no token covers (e.g. a truncated tail) get 0.
///
/// # Errors
/// [`Error::InvalidInput`] when `token_scores` and `offsets` differ in length, an offset runs past
/// `seq_len` or starts after it ends, or a score is NaN or infinite (it would poison the normalisation).
///
/// ```
/// use gptomics_train::motifs::base_scores;
/// // [CLS] ACG CGT GTA [SEP] over "ACGTA": the special tokens' scores are ignored.
/// let offsets = [(0, 0), (0, 3), (1, 4), (2, 5), (0, 0)];
/// let scores = base_scores(&[9.0, 3.0, 6.0, 9.0, 5.0], &offsets, 5)?;
/// let norm = 22.5_f64.sqrt(); // the per-base means are 1, 1.5, 2, 2.5, 3
/// assert!((scores[0] - 1.0 / norm).abs() < 1e-12 && (scores[4] - 3.0 / norm).abs() < 1e-12);
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn base_scores(token_scores: &[f64], offsets: &[(usize, usize)], seq_len: usize) -> Result<Vec<f64>> {
    if token_scores.len() != offsets.len() {
        return Err(Error::InvalidInput(format!(
            "base_scores: {} token scores but {} offsets",
            token_scores.len(),
            offsets.len()
        )));
    }
    let mut sums = vec![0.0; seq_len];
    let mut counts = vec![0u32; seq_len];
    for (i, (&score, &(start, end))) in token_scores.iter().zip(offsets).enumerate() {
        if !score.is_finite() {
            return Err(Error::InvalidInput(format!("base_scores: token {i} has score {score}")));
        }
        if start > end || end > seq_len {
            return Err(Error::InvalidInput(format!(
                "base_scores: token {i} covers bases {start}..{end}, outside the sequence's {seq_len} bases"
            )));
        }
        if start == end {
            continue;
        }
        let share = score / (end - start) as f64;
        for base in start..end {
            sums[base] += share;
            counts[base] += 1;
        }
    }
    let mut scores: Vec<f64> =
        sums.iter().zip(&counts).map(|(&s, &n)| if n == 0 { 0.0 } else { s / f64::from(n) }).collect();
    l2_normalise(&mut scores);
    Ok(scores)
}

/// The position-wise mean of per-sequence profiles: the class's attention landscape, for sequences
/// aligned on a common frame (e.g. promoters centred on the TSS).
///
/// Profiles of different lengths are allowed: each position is averaged over the profiles long enough
/// to reach it, so the result is as long as the longest profile and its tail rests on fewer sequences.
///
/// # Errors
/// [`Error::InvalidInput`] for no profiles (a mean of nothing) or a NaN or infinite value.
///
/// ```
/// use gptomics_train::motifs::class_profile;
/// assert_eq!(class_profile(&[vec![1.0, 2.0, 3.0], vec![3.0, 4.0]])?, [2.0, 3.0, 3.0]);
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn class_profile(profiles: &[Vec<f64>]) -> Result<Vec<f64>> {
    if profiles.is_empty() {
        return Err(Error::InvalidInput("class_profile: no profiles to average".into()));
    }
    let len = profiles.iter().map(Vec::len).max().unwrap_or(0);
    let mut sums = vec![0.0; len];
    let mut counts = vec![0u32; len];
    for (i, profile) in profiles.iter().enumerate() {
        if let Some(j) = profile.iter().position(|v| !v.is_finite()) {
            return Err(Error::InvalidInput(format!("class_profile: profile {i} has {} at {j}", profile[j])));
        }
        for (j, &v) in profile.iter().enumerate() {
            sums[j] += v;
            counts[j] += 1;
        }
    }
    // Every position up to the longest profile is reached by at least that profile, so counts are ≥ 1.
    Ok(sums.iter().zip(&counts).map(|(&s, &n)| s / f64::from(n)).collect())
}

/// Scales `v` to unit Euclidean norm in place; a zero vector is left as it is.
fn l2_normalise(v: &mut [f64]) {
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_base_scores_empty_and_zero() -> Result<()> {
        assert!(base_scores(&[], &[], 0)?.is_empty());
        assert_eq!(base_scores(&[0.0, 0.0], &[(0, 2), (2, 4)], 4)?, [0.0; 4]);
        // Only special tokens: nothing covered, all zero.
        assert_eq!(base_scores(&[5.0, 5.0], &[(0, 0), (0, 0)], 3)?, [0.0; 3]);
        Ok(())
    }

    #[test]
    fn test_base_scores_malformed() {
        assert!(base_scores(&[1.0], &[], 3).is_err());
        assert!(base_scores(&[1.0], &[(2, 4)], 3).is_err());
        assert!(base_scores(&[1.0], &[(2, 1)], 3).is_err());
        assert!(base_scores(&[f64::NAN], &[(0, 1)], 3).is_err());
        assert!(base_scores(&[f64::INFINITY], &[(0, 1)], 3).is_err());
        // A NaN on a special token is still bad input.
        assert!(base_scores(&[f64::NAN], &[(0, 0)], 3).is_err());
    }

    #[test]
    fn test_class_profile() -> Result<()> {
        assert_eq!(class_profile(&[vec![0.5, 1.0]])?, [0.5, 1.0]);
        assert_eq!(class_profile(&[vec![], vec![2.0]])?, [2.0]);
        assert!(class_profile(&[vec![]])?.is_empty());
        assert!(class_profile(&[]).is_err());
        assert!(class_profile(&[vec![1.0], vec![f64::NAN]]).is_err());
        Ok(())
    }
}
