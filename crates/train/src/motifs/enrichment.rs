//! Which k-mers of a class's high-attention regions are enriched in that class (ALRW step 4): one-sided
//! Fisher's exact test on per-sequence presence, Benjamini–Hochberg across k-mers.
//!
//! The test is DNABERT's `motifs_hypergeom_test`: `hypergeom.sf(x - 1, N, K, n)` with `N` sequences in
//! all, `K` in the class, `n` containing the k-mer and `x` of those in the class, which is the
//! hypergeometric upper tail, i.e. Fisher's exact test with `alternative = "greater"`.

use std::collections::HashMap;

use gptomics_expr::{enrichment::hypergeometric_upper_tail, hypothesis::p_adjust_bh};

use super::Region;
use crate::error::{Error, Result};

/// The enrichment of one k-mer in a class against the other sequences.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KmerEnrichment {
    /// The k-mer, upper-case `ACGT`.
    pub kmer: String,
    /// Class sequences containing the k-mer anywhere (each sequence counts once).
    pub in_class: u64,
    /// Class sequences in all.
    pub class_total: u64,
    /// Other sequences containing the k-mer anywhere.
    pub in_other: u64,
    /// Other sequences in all.
    pub other_total: u64,
    /// Sample odds ratio with 0.5 added to every cell (Haldane–Anscombe), so it stays finite when the
    /// k-mer is absent from the other class, the usual case for the strongest motifs.
    pub odds_ratio: f64,
    /// One-sided Fisher's exact p-value for enrichment in the class (hypergeometric upper tail).
    pub p_value: f64,
    /// Benjamini–Hochberg adjusted p-value over all candidate k-mers tested together.
    pub p_adjusted: f64,
}

/// Presence counts of one candidate k-mer while the sequences are scanned.
#[derive(Clone, Copy, Debug)]
struct Presence {
    in_class: u64,
    in_other: u64,
    /// The last sequence (numbered across both classes) counted, so repeats in a sequence count once.
    last_seen: usize,
}

/// Tests every k-mer found in the class's high-attention regions for enrichment in the class.
///
/// Candidates are the k-mers (upper-cased; windows with a base other than `ACGT` are skipped) lying
/// wholly inside a region of `class_regions[i]` on `class_sequences[i]`. Each candidate is then counted
/// by presence anywhere in every class sequence and every other sequence (not only inside regions: the
/// question is whether sequences of the class carry the k-mer more often). Results are sorted by p-value,
/// then k-mer; no candidate gives an empty list.
///
/// # Errors
/// [`Error::InvalidInput`] for `k` = 0, `class_regions` not one entry a class sequence, or a region
/// running past its sequence.
///
/// ```
/// use gptomics_train::motifs::{Region, kmer_enrichment};
/// let class: [&[u8]; 3] = [b"TTACGTTT", b"GGACGTGG", b"CCACGTCC"];
/// let other: [&[u8]; 3] = [b"TTTTTTTT", b"GGGGGGGG", b"ACGTAAAA"];
/// let regions = vec![vec![Region { start: 2, end: 6, mean_score: 1.0 }], vec![], vec![]];
/// let results = kmer_enrichment(&class, &regions, &other, 4)?;
/// assert_eq!((results[0].kmer.as_str(), results[0].in_class, results[0].in_other), ("ACGT", 3, 1));
/// assert!((results[0].p_value - 0.2).abs() < 1e-12); // scipy: fisher_exact([[3, 0], [1, 2]], "greater")
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn kmer_enrichment(
    class_sequences: &[&[u8]],
    class_regions: &[Vec<Region>],
    other_sequences: &[&[u8]],
    k: usize,
) -> Result<Vec<KmerEnrichment>> {
    if k == 0 {
        return Err(Error::InvalidInput("kmer_enrichment: k must be at least 1".into()));
    }
    if class_sequences.len() != class_regions.len() {
        return Err(Error::InvalidInput(format!(
            "kmer_enrichment: {} class sequences but {} region lists",
            class_sequences.len(),
            class_regions.len()
        )));
    }
    let mut counts: HashMap<Vec<u8>, Presence> = HashMap::new();
    let mut kmer = Vec::with_capacity(k);
    for (i, (seq, regions)) in class_sequences.iter().zip(class_regions).enumerate() {
        for region in regions {
            let Some(bases) = seq.get(region.start..region.end) else {
                return Err(Error::InvalidInput(format!(
                    "kmer_enrichment: region {}..{} of class sequence {i} lies outside its {} bases",
                    region.start,
                    region.end,
                    seq.len()
                )));
            };
            for window in bases.windows(k) {
                if upper_acgt(window, &mut kmer) && !counts.contains_key(kmer.as_slice()) {
                    counts.insert(kmer.clone(), Presence { in_class: 0, in_other: 0, last_seen: usize::MAX });
                }
            }
        }
    }
    if counts.is_empty() {
        return Ok(Vec::new());
    }

    let all = class_sequences.iter().map(|s| (s, true)).chain(other_sequences.iter().map(|s| (s, false)));
    for (n, (seq, in_class)) in all.enumerate() {
        for window in seq.windows(k) {
            if !upper_acgt(window, &mut kmer) {
                continue;
            }
            if let Some(p) = counts.get_mut(kmer.as_slice())
                && p.last_seen != n
            {
                p.last_seen = n;
                if in_class { p.in_class += 1 } else { p.in_other += 1 }
            }
        }
    }

    let (class_total, other_total) = (class_sequences.len() as u64, other_sequences.len() as u64);
    let mut results = Vec::with_capacity(counts.len());
    for (kmer, p) in counts {
        let (a, b) = (p.in_class as f64 + 0.5, (class_total - p.in_class) as f64 + 0.5);
        let (c, d) = (p.in_other as f64 + 0.5, (other_total - p.in_other) as f64 + 0.5);
        results.push(KmerEnrichment {
            kmer: kmer.iter().map(|&b| char::from(b)).collect(),
            in_class: p.in_class,
            class_total,
            in_other: p.in_other,
            other_total,
            odds_ratio: (a * d) / (b * c),
            // Draw the sequences holding the k-mer from all of them; the class is the "set".
            p_value: hypergeometric_upper_tail(
                p.in_class,
                class_total,
                p.in_class + p.in_other,
                class_total + other_total,
            )?,
            p_adjusted: f64::NAN,
        });
    }
    let adjusted = p_adjust_bh(&results.iter().map(|r| r.p_value).collect::<Vec<_>>())?;
    results.iter_mut().zip(adjusted).for_each(|(r, q)| r.p_adjusted = q);
    results.sort_by(|x, y| x.p_value.total_cmp(&y.p_value).then_with(|| x.kmer.cmp(&y.kmer)));
    Ok(results)
}

/// Writes `window` upper-cased into `out`; false when it holds a base other than `ACGT`.
fn upper_acgt(window: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    for &b in window {
        let b = b.to_ascii_uppercase();
        if !matches!(b, b'A' | b'C' | b'G' | b'T') {
            return false;
        }
        out.push(b);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(start: usize, end: usize) -> Region {
        Region { start, end, mean_score: 0.0 }
    }

    #[test]
    fn test_kmer_enrichment_malformed() {
        let class: [&[u8]; 1] = [b"ACGTACGT"];
        assert!(kmer_enrichment(&class, &[vec![region(0, 4)]], &[], 0).is_err());
        assert!(kmer_enrichment(&class, &[], &[], 3).is_err());
        assert!(kmer_enrichment(&class, &[vec![region(4, 9)]], &[], 3).is_err());
        assert!(kmer_enrichment(&class, &[vec![region(5, 4)]], &[], 3).is_err());
    }

    #[test]
    fn test_kmer_enrichment_no_candidates() -> Result<()> {
        let class: [&[u8]; 2] = [b"ACGTACGT", b"NNNNNNNN"];
        // No regions, a region shorter than k, a region of N only.
        assert!(kmer_enrichment(&[], &[], &[], 3)?.is_empty());
        assert!(kmer_enrichment(&class, &[vec![], vec![]], &[], 3)?.is_empty());
        assert!(kmer_enrichment(&class, &[vec![region(0, 2)], vec![region(0, 8)]], &[], 3)?.is_empty());
        Ok(())
    }

    #[test]
    fn test_kmer_enrichment_counts_presence_once() -> Result<()> {
        let class: [&[u8]; 2] = [b"ACGACGACG", b"acgTTT"];
        let other: [&[u8]; 2] = [b"ACGACG", b"TTTTTT"];
        let results = kmer_enrichment(&class, &[vec![region(0, 3)], vec![]], &other, 3)?;
        assert_eq!(results.len(), 1);
        let acg = &results[0];
        assert_eq!(
            (acg.kmer.as_str(), acg.in_class, acg.class_total, acg.in_other, acg.other_total),
            ("ACG", 2, 2, 1, 2)
        );
        // (2.5 * 1.5) / (0.5 * 1.5)
        assert!((acg.odds_ratio - 5.0).abs() < 1e-12);
        // With no other class every candidate is in every "draw": p = 1.
        let alone = kmer_enrichment(&class, &[vec![region(0, 3)], vec![]], &[], 3)?;
        assert_eq!((alone[0].p_value, alone[0].p_adjusted), (1.0, 1.0));
        Ok(())
    }
}
