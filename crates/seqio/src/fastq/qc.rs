//! Read QC: adapter and 3' quality trimming, then length, N-fraction and mean-quality filters.
//!
//! The order is that of common practice (cutadapt, then Trimmomatic-style trimming, then filters): the
//! adapter is removed first so it cannot mask low quality behind it, and filters judge the read that will
//! be kept. Quality is Phred+33. Trimming is ungapped (no indels in the adapter match): enough for Illumina
//! adapters, which is what short-read RNA-seq carries; use cutadapt for gapped adapter search.

use std::io::{BufRead, Write};

use super::{PHRED_OFFSET, Reader, Record, Summary, Writer};
use crate::error::Result;

/// Trimmomatic's `SLIDINGWINDOW:<window>:<threshold>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlidingWindow {
    /// Window length in bases (Trimmomatic's usual 4).
    pub window: usize,
    /// Minimum mean Phred score of a window (usual 15 or 20).
    pub threshold: u8,
}

/// A 3' adapter to cut, with the read's part from the adapter's start onwards.
#[derive(Clone, Debug, PartialEq)]
pub struct AdapterTrim {
    /// Adapter sequence (e.g. Illumina TruSeq `AGATCGGAAGAGC`); `N` matches any base.
    pub adapter: Vec<u8>,
    /// Shortest adapter prefix matched at the read's 3' end (cutadapt's default: 3).
    pub min_overlap: usize,
    /// Mismatches allowed per matched base, rounded down (cutadapt's default: 0.1).
    pub max_error_rate: f64,
}

impl AdapterTrim {
    /// An adapter with cutadapt's defaults (overlap ≥ 3, error rate 0.1).
    pub fn new(adapter: impl Into<Vec<u8>>) -> Self {
        Self { adapter: adapter.into(), min_overlap: 3, max_error_rate: 0.1 }
    }
}

/// What to trim and what to keep. The default trims nothing and keeps every read.
#[derive(Clone, Debug, PartialEq)]
pub struct QcOptions {
    /// Adapter to remove from 3' ends.
    pub adapter: Option<AdapterTrim>,
    /// Sliding-window 3' quality trimming.
    pub quality_trim: Option<SlidingWindow>,
    /// Reads shorter than this after trimming are dropped.
    pub min_length: usize,
    /// Reads with a larger fraction of `N` are dropped (1.0 keeps all).
    pub max_n_fraction: f64,
    /// Reads whose mean Phred score is lower are dropped (0.0 keeps all).
    pub min_mean_quality: f64,
}

impl Default for QcOptions {
    fn default() -> Self {
        Self { adapter: None, quality_trim: None, min_length: 0, max_n_fraction: 1.0, min_mean_quality: 0.0 }
    }
}

/// Why a read was kept or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Kept.
    Pass,
    /// Shorter than `min_length` after trimming.
    TooShort,
    /// More `N` than `max_n_fraction`.
    TooManyN,
    /// Mean quality below `min_mean_quality`.
    LowQuality,
}

impl Outcome {
    /// Whether the read is kept.
    pub fn is_pass(self) -> bool {
        self == Self::Pass
    }
}

impl QcOptions {
    /// Trims `record` in place, then judges it.
    ///
    /// ```
    /// use gptomics_seqio::fastq::{Record, qc::{Outcome, QcOptions, SlidingWindow}};
    ///
    /// let qc = QcOptions { quality_trim: Some(SlidingWindow { window: 2, threshold: 20 }), min_length: 3,
    ///     ..QcOptions::default() };
    /// let mut read = Record::new("r", b"ACGTAC".to_vec(), b"IIII##".to_vec());
    /// assert_eq!(qc.apply(&mut read), Outcome::Pass);
    /// assert_eq!(read.sequence(), b"ACGT");
    /// ```
    pub fn apply(&self, record: &mut Record) -> Outcome {
        if let Some(adapter) = &self.adapter
            && let Some(start) = find_adapter(record.sequence(), adapter)
        {
            record.truncate(start);
        }
        if let Some(window) = self.quality_trim {
            let keep = sliding_window_trim(record.quality(), window);
            record.truncate(keep);
        }
        if record.len() < self.min_length {
            Outcome::TooShort
        } else if n_fraction(record.sequence()) > self.max_n_fraction {
            Outcome::TooManyN
        } else if mean_quality(record.quality()).unwrap_or(0.0) < self.min_mean_quality {
            Outcome::LowQuality
        } else {
            Outcome::Pass
        }
    }
}

/// Mean Phred score of Phred+33 qualities; `None` when empty.
///
/// ```
/// assert_eq!(gptomics_seqio::fastq::qc::mean_quality(b"I+"), Some(25.0)); // Q40, Q10
/// ```
pub fn mean_quality(quality: &[u8]) -> Option<f64> {
    let sum: u64 = quality.iter().map(|&q| u64::from(q.saturating_sub(PHRED_OFFSET))).sum();
    (!quality.is_empty()).then(|| sum as f64 / quality.len() as f64)
}

/// Fraction of `N`/`n` in `sequence` (0 for an empty one).
///
/// ```
/// assert_eq!(gptomics_seqio::fastq::qc::n_fraction(b"ANnT"), 0.5);
/// ```
pub fn n_fraction(sequence: &[u8]) -> f64 {
    if sequence.is_empty() {
        return 0.0;
    }
    sequence.iter().filter(|&&b| b == b'N' || b == b'n').count() as f64 / sequence.len() as f64
}

/// Trimmomatic's sliding window: scan windows from the 5' end; at the first window whose mean quality is
/// below the threshold, cut at that window's first base below the threshold. Returns the length to keep.
///
/// ```
/// use gptomics_seqio::fastq::qc::{SlidingWindow, sliding_window_trim};
/// let w = SlidingWindow { window: 4, threshold: 20 };
/// assert_eq!(sliding_window_trim(b"IIIII5##", w), 6); // window "I5##" fails; Q20 passes, "#" cuts
/// assert_eq!(sliding_window_trim(b"IIII", w), 4);
/// ```
pub fn sliding_window_trim(quality: &[u8], window: SlidingWindow) -> usize {
    let len = quality.len();
    let size = window.window.max(1);
    if len < size {
        // A read shorter than a window is judged as one window, as Trimmomatic does.
        let mean = mean_quality(quality).unwrap_or(0.0);
        return if mean < f64::from(window.threshold) { 0 } else { len };
    }
    let q = |i: usize| u64::from(quality[i].saturating_sub(PHRED_OFFSET));
    let required = u64::from(window.threshold) * size as u64;
    let mut total: u64 = (0..size).map(q).sum();
    for start in 0..=len - size {
        if start > 0 {
            total = total - q(start - 1) + q(start + size - 1);
        }
        if total < required {
            let bad = (start..start + size).find(|&i| q(i) < u64::from(window.threshold));
            return bad.unwrap_or(start);
        }
    }
    len
}

/// The start of the leftmost ungapped match of `adapter` (or, at the 3' end, of a prefix of it at least
/// `min_overlap` long) in `sequence`, within the error rate; `None` when there is none.
///
/// ```
/// use gptomics_seqio::fastq::qc::{AdapterTrim, find_adapter};
/// let adapter = AdapterTrim::new(b"AGATCGGAAGAGC".to_vec());
/// assert_eq!(find_adapter(b"ACGTACGTAGATCGGAAGAGCTT", &adapter), Some(8)); // whole adapter
/// assert_eq!(find_adapter(b"ACGTACGTACGTAGAT", &adapter), Some(12));     // prefix at the 3' end
/// assert_eq!(find_adapter(b"ACGTACGTACGTACGT", &adapter), None);
/// ```
pub fn find_adapter(sequence: &[u8], adapter: &AdapterTrim) -> Option<usize> {
    let pattern = &adapter.adapter;
    let min_overlap = adapter.min_overlap.max(1);
    if pattern.is_empty() {
        return None;
    }
    (0..sequence.len()).find(|&start| {
        let overlap = pattern.len().min(sequence.len() - start);
        if overlap < min_overlap {
            return false;
        }
        let allowed = (overlap as f64 * adapter.max_error_rate).floor() as usize;
        let mismatches = sequence[start..start + overlap]
            .iter()
            .zip(pattern)
            .filter(|(s, p)| !p.eq_ignore_ascii_case(&b'N') && !s.eq_ignore_ascii_case(p))
            .count();
        mismatches <= allowed
    })
}

/// What a QC run did: the input and output summaries and the reads dropped for each reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QcReport {
    /// Reads as read.
    pub input: Summary,
    /// Reads as written (after trimming).
    pub output: Summary,
    /// Dropped as too short.
    pub too_short: u64,
    /// Dropped for `N` content.
    pub too_many_n: u64,
    /// Dropped for mean quality.
    pub low_quality: u64,
}

/// Streams every read of `reader` through `options` into `writer` (when given), one read in memory at a
/// time.
///
/// ```
/// use gptomics_seqio::fastq::{Reader, Writer, qc::{QcOptions, run}};
///
/// let mut reader = Reader::new(&b"@a\nACGT\n+\nIIII\n@b\nAC\n+\nII\n"[..]);
/// let mut writer = Writer::new(Vec::new());
/// let report = run(&mut reader, Some(&mut writer), &QcOptions { min_length: 3, ..QcOptions::default() })?;
/// assert_eq!((report.input.reads(), report.output.reads(), report.too_short), (2, 1, 1));
/// assert_eq!(writer.into_inner(), b"@a\nACGT\n+\nIIII\n");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn run<R: BufRead, W: Write>(
    reader: &mut Reader<R>,
    mut writer: Option<&mut Writer<W>>,
    options: &QcOptions,
) -> Result<QcReport> {
    let mut report = QcReport::default();
    let mut record = Record::default();
    while reader.read_record(&mut record)? > 0 {
        report.input.add(&record);
        match options.apply(&mut record) {
            Outcome::Pass => {
                report.output.add(&record);
                if let Some(writer) = writer.as_mut() {
                    writer.write_record(&record)?;
                }
            }
            Outcome::TooShort => report.too_short += 1,
            Outcome::TooManyN => report.too_many_n += 1,
            Outcome::LowQuality => report.low_quality += 1,
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_sliding_window_trim_edges() {
        let w = SlidingWindow { window: 3, threshold: 20 };
        assert_eq!(sliding_window_trim(b"", w), 0);
        assert_eq!(sliding_window_trim(b"##", w), 0);
        assert_eq!(sliding_window_trim(b"II", w), 2);
        assert_eq!(sliding_window_trim(b"###III", w), 0);
    }

    #[test]
    fn test_find_adapter_mismatches() {
        let adapter = AdapterTrim::new(b"AGATCGGAAGAGC".to_vec());
        // One mismatch in 13 bases is allowed (floor(1.3) = 1), two are not.
        assert_eq!(find_adapter(b"TTTTAGATCGGTAGAGC", &adapter), Some(4));
        assert_eq!(find_adapter(b"TTTTAGTTCGGTAGAGC", &adapter), None);
        // Prefixes shorter than the minimum overlap are not adapters.
        assert_eq!(find_adapter(b"TTTTTTAG", &adapter), None);
    }

    #[test]
    fn test_apply_filters() {
        let qc = QcOptions { max_n_fraction: 0.25, min_mean_quality: 20.0, ..QcOptions::default() };
        assert_eq!(qc.apply(&mut Record::new("r", b"ANNT".to_vec(), b"IIII".to_vec())), Outcome::TooManyN);
        assert_eq!(qc.apply(&mut Record::new("r", b"ACGT".to_vec(), b"I###".to_vec())), Outcome::LowQuality);
        assert_eq!(qc.apply(&mut Record::new("r", b"ACGT".to_vec(), b"IIII".to_vec())), Outcome::Pass);
    }
}
