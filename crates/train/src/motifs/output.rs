//! The ALRW report files: regions as BED (for genome browsers and bedtools) and as TSV with their bases,
//! and the k-mer enrichment table. Each is written whole or not at all ([`crate::io::write_atomic`]).
//!
//! Numbers are written at full (round-trip) precision, in exponent form below 1e-4 so tiny p-values stay
//! short; `NA` marks a NaN (R's and pandas' missing value).

use std::fmt::Write as _;
use std::path::Path;

use super::{KmerEnrichment, Region};
use crate::error::{Error, Result};
use crate::io::write_atomic;

/// Writes regions as BED6: `id, start, end, region_N, mean_score, .`, 0-based half-open as BED is.
///
/// Regions are named `region_1`, `region_2`, ... across the whole file, in record order, the same
/// names [`write_regions_tsv`] gives, so the two files join on the name. The score column holds the
/// mean profile score as a real number (bedtools and IGV read it; strict UCSC BED wants an integer in
/// 0..=1000). No header line, so any BED reader takes the file.
///
/// # Errors
/// [`Error::InvalidInput`] for an id holding a tab or line break or a region ending before it starts;
/// [`Error::Io`] naming the file.
///
/// ```
/// use gptomics_train::motifs::{Region, write_regions_bed};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("regions.bed");
/// write_regions_bed(&path, &[("chr1".into(), vec![Region { start: 10, end: 20, mean_score: 0.5 }])])?;
/// assert_eq!(std::fs::read_to_string(&path)?, "chr1\t10\t20\tregion_1\t0.5\t.\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_regions_bed(path: &Path, records: &[(String, Vec<Region>)]) -> Result<()> {
    let mut out = String::new();
    let mut n = 0usize;
    for (id, regions) in records {
        check_field(id, "sequence id")?;
        for region in regions {
            check_region(id, region)?;
            n += 1;
            let _ =
                writeln!(out, "{id}\t{}\t{}\tregion_{n}\t{}\t.", region.start, region.end, number(region.mean_score));
        }
    }
    write_atomic(path, out.as_bytes())
}

/// Writes regions as a TSV with their bases: `sequence_id, region, start, end, length, mean_score,
/// sequence`, one row a region, `sequences[i]` holding the bases of `records[i]`.
///
/// Coordinates are 0-based half-open (as the BED file) and the region names are those of
/// [`write_regions_bed`]; the bases are written as given (case kept, so soft-masking survives).
///
/// # Errors
/// [`Error::InvalidInput`] when `sequences` and `records` differ in length, an id holds a tab or line
/// break, a region falls outside its sequence, or its bases hold a tab or line break; [`Error::Io`].
///
/// ```
/// use gptomics_train::motifs::{Region, write_regions_tsv};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("regions.tsv");
/// let records = [("s1".to_string(), vec![Region { start: 2, end: 5, mean_score: 0.25 }])];
/// write_regions_tsv(&path, &records, &[b"AACGTT"])?;
/// let text = std::fs::read_to_string(&path)?;
/// assert_eq!(text.lines().nth(1), Some("s1\tregion_1\t2\t5\t3\t0.25\tCGT"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_regions_tsv(path: &Path, records: &[(String, Vec<Region>)], sequences: &[&[u8]]) -> Result<()> {
    if records.len() != sequences.len() {
        return Err(Error::InvalidInput(format!(
            "write_regions_tsv: {} records but {} sequences",
            records.len(),
            sequences.len()
        )));
    }
    let mut out = String::from("sequence_id\tregion\tstart\tend\tlength\tmean_score\tsequence\n");
    let mut n = 0usize;
    for ((id, regions), seq) in records.iter().zip(sequences) {
        check_field(id, "sequence id")?;
        for region in regions {
            check_region(id, region)?;
            let Some(bases) = seq.get(region.start..region.end) else {
                return Err(Error::InvalidInput(format!(
                    "write_regions_tsv: region {}..{} of {id} lies outside its {} bases",
                    region.start,
                    region.end,
                    seq.len()
                )));
            };
            let bases = String::from_utf8_lossy(bases);
            check_field(&bases, "region sequence")?;
            n += 1;
            let _ = writeln!(
                out,
                "{id}\tregion_{n}\t{}\t{}\t{}\t{}\t{bases}",
                region.start,
                region.end,
                region.len(),
                number(region.mean_score)
            );
        }
    }
    write_atomic(path, out.as_bytes())
}

/// Writes the enrichment table as TSV: `kmer, in_class, class_total, in_other, other_total, odds_ratio,
/// p_value, p_adjusted`, rows in the order given (as [`kmer_enrichment`](super::kmer_enrichment) sorts
/// them: most significant first).
///
/// # Errors
/// [`Error::InvalidInput`] for a k-mer holding a tab or line break; [`Error::Io`] naming the file.
///
/// ```
/// use gptomics_train::motifs::{KmerEnrichment, write_enrichment_tsv};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("kmers.tsv");
/// let row = KmerEnrichment {
///     kmer: "ACGT".into(), in_class: 3, class_total: 3, in_other: 0, other_total: 3,
///     odds_ratio: 49.0, p_value: 0.05, p_adjusted: 0.05,
/// };
/// write_enrichment_tsv(&path, &[row])?;
/// let text = std::fs::read_to_string(&path)?;
/// assert_eq!(text.lines().nth(1), Some("ACGT\t3\t3\t0\t3\t49\t0.05\t0.05"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_enrichment_tsv(path: &Path, rows: &[KmerEnrichment]) -> Result<()> {
    let mut out = String::from("kmer\tin_class\tclass_total\tin_other\tother_total\todds_ratio\tp_value\tp_adjusted\n");
    for r in rows {
        check_field(&r.kmer, "k-mer")?;
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.kmer,
            r.in_class,
            r.class_total,
            r.in_other,
            r.other_total,
            number(r.odds_ratio),
            number(r.p_value),
            number(r.p_adjusted)
        );
    }
    write_atomic(path, out.as_bytes())
}

/// `v` at round-trip precision: plain decimals from 1e-4 to 1e15, exponent form outside, `NA` for NaN.
fn number(v: f64) -> String {
    if v.is_nan() {
        "NA".into()
    } else if v == 0.0 || !v.is_finite() || (1e-4..1e15).contains(&v.abs()) {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Rejects text that would break the TSV/BED layout (a tab or line break inside a field).
fn check_field(text: &str, what: &str) -> Result<()> {
    match text.find(['\t', '\n', '\r']) {
        Some(_) => Err(Error::InvalidInput(format!("{what} {text:?} holds a tab or line break"))),
        None => Ok(()),
    }
}

/// Rejects a region that ends before it starts (the fields are public, so callers can build one).
fn check_region(id: &str, region: &Region) -> Result<()> {
    if region.start > region.end {
        return Err(Error::InvalidInput(format!(
            "region {}..{} of {id} ends before it starts",
            region.start, region.end
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_number() {
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(3.562_056_229_277_475e-15), "3.562056229277475e-15");
        assert_eq!(number(f64::NAN), "NA");
        assert_eq!(number(f64::INFINITY), "inf");
        for v in [1.019_287_160_326_792_2e-51, 0.1 + 0.2, 123_456.789, 2e20] {
            assert_eq!(number(v).parse::<f64>().ok(), Some(v), "round trip of {v}");
        }
    }

    #[test]
    fn test_write_regions_rejects_bad_fields() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let path = dir.path().join("r.bed");
        let region = Region { start: 0, end: 2, mean_score: 1.0 };
        assert!(write_regions_bed(&path, &[("a\tb".into(), vec![region])]).is_err());
        assert!(write_regions_bed(&path, &[("a".into(), vec![Region { start: 3, ..region }])]).is_err());
        assert!(write_regions_tsv(&path, &[("a".into(), vec![region])], &[]).is_err());
        assert!(write_regions_tsv(&path, &[("a".into(), vec![Region { end: 9, ..region }])], &[b"ACGT"]).is_err());
        assert!(write_regions_tsv(&path, &[("a".into(), vec![region])], &[b"A\tGT"]).is_err());
        assert!(!path.exists(), "a rejected write leaves no file");
        Ok(())
    }
}
