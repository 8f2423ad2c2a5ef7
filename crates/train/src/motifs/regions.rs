//! High-attention regions of a per-base profile (ALRW step 3): DNABERT's `find_high_attention` rule,
//! plus a fixed flank on each side and merging of what then overlaps.

/// When a run of bases counts as a high-attention region.
///
/// A base is high when its score is above the profile's mean *and* above `min_ratio` times its minimum
/// (DNABERT's `score > mean(score)` and `score > 10 * min(score)`). Runs of high bases at least `min_len`
/// long are kept and widened by `extend` bases each side, so a motif cut at the edge of the attention
/// peak keeps its flanks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionRule {
    /// Shortest run of high bases kept (seed: 8; DNABERT's `find_motifs.py` default is 5).
    pub min_len: usize,
    /// Bases added on each side of a kept run, clamped to the sequence (seed: 4; DNABERT: none).
    pub extend: usize,
    /// A high base must score above this multiple of the profile's minimum (seed and DNABERT: 10).
    pub min_ratio: f64,
}

impl Default for RegionRule {
    /// The seed study's values: `min_len` 8, `extend` 4, `min_ratio` 10.
    fn default() -> Self {
        Self { min_len: 8, extend: 4, min_ratio: 10.0 }
    }
}

/// One high-attention region of a sequence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    /// First base (0-based).
    pub start: usize,
    /// One past the last base (half-open, as BED).
    pub end: usize,
    /// Mean profile score over `start..end`, flanks included: ranks regions and fills the BED score.
    pub mean_score: f64,
}

impl Region {
    /// Number of bases in the region.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the region holds no base.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The high-attention regions of one per-base profile, in order along the sequence.
///
/// Steps: mark bases above the mean and above `rule.min_ratio ×` the minimum; keep maximal runs of
/// marked bases at least `rule.min_len` long; widen each by `rule.extend` on both sides (clamped to the
/// sequence); merge regions that then overlap or touch; score each by its mean over the final range.
///
/// When the profile's minimum is 0 (a base no token covers, or attention exactly 0), the ratio test
/// reduces to `score > 0`, so only the mean test bites; DNABERT behaves the same. A profile that is
/// empty, flat, or holds a NaN (its mean is then NaN, no comparison holds) has no regions.
///
/// ```
/// use gptomics_train::motifs::{RegionRule, high_attention_regions};
/// let mut profile = vec![0.1; 30];
/// profile[10..20].fill(2.0);
/// let regions = high_attention_regions(&profile, &RegionRule::default());
/// assert_eq!((regions[0].start, regions[0].end), (6, 24));
/// ```
pub fn high_attention_regions(scores: &[f64], rule: &RegionRule) -> Vec<Region> {
    if scores.is_empty() {
        return Vec::new();
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let high = |s: f64| s > mean && s > rule.min_ratio * min;

    let mut widened: Vec<(usize, usize)> = Vec::new();
    let mut run_start = None;
    for i in 0..=scores.len() {
        let is_high = scores.get(i).is_some_and(|&s| high(s));
        match (is_high, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                run_start = None;
                if i - start >= rule.min_len {
                    let (lo, hi) = (start.saturating_sub(rule.extend), i.saturating_add(rule.extend).min(scores.len()));
                    match widened.last_mut() {
                        // Runs come in order, so only the last region can overlap or touch the new one.
                        Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                        _ => widened.push((lo, hi)),
                    }
                }
            }
            _ => {}
        }
    }
    widened
        .into_iter()
        .map(|(start, end)| {
            let window = &scores[start..end];
            Region { start, end, mean_score: window.iter().sum::<f64>() / window.len() as f64 }
        })
        .collect()
}

/// Whether `region` shares at least one base with the half-open range `start..end` (e.g. a known motif
/// site or a planted signal); an empty range overlaps nothing.
///
/// ```
/// use gptomics_train::motifs::{Region, overlaps};
/// let region = Region { start: 10, end: 20, mean_score: 1.0 };
/// assert!(overlaps(&region, 19, 25) && !overlaps(&region, 20, 25) && !overlaps(&region, 12, 12));
/// ```
pub fn overlaps(region: &Region, start: usize, end: usize) -> bool {
    start < end && region.start < end && start < region.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(regions: &[Region]) -> Vec<(usize, usize)> {
        regions.iter().map(|r| (r.start, r.end)).collect()
    }

    #[test]
    fn test_high_attention_regions_degenerate() {
        let rule = RegionRule::default();
        assert!(high_attention_regions(&[], &rule).is_empty());
        assert!(high_attention_regions(&[1.0; 20], &rule).is_empty());
        let mut with_nan = vec![0.1; 30];
        with_nan[10..20].fill(2.0);
        with_nan[0] = f64::NAN;
        assert!(high_attention_regions(&with_nan, &rule).is_empty());
    }

    #[test]
    fn test_high_attention_regions_clamped_at_both_ends() {
        let mut profile = vec![0.1; 20];
        profile[..8].fill(2.0);
        profile[12..].fill(2.0);
        let rule = RegionRule { extend: 1, ..RegionRule::default() };
        assert_eq!(spans(&high_attention_regions(&profile, &rule)), [(0, 9), (11, 20)]);
    }

    #[test]
    fn test_high_attention_regions_ratio_needs_strict_excess() {
        // The bump is exactly 10 × the minimum: not above it, so no region.
        let mut profile = vec![0.1; 30];
        profile[10..20].fill(1.0);
        assert!(high_attention_regions(&profile, &RegionRule::default()).is_empty());
    }

    #[test]
    fn test_overlaps() {
        let region = Region { start: 5, end: 8, mean_score: 0.0 };
        assert!(overlaps(&region, 0, 6) && overlaps(&region, 7, 9) && overlaps(&region, 0, 100));
        assert!(!overlaps(&region, 0, 5) && !overlaps(&region, 8, 9) && !overlaps(&region, 9, 3));
    }
}
