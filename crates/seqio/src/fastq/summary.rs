//! Summary statistics of a set of reads (or FASTA sequences): counts, bases, GC, quality, lengths.

use std::collections::BTreeMap;

use super::{PHRED_OFFSET, Record};
use crate::fasta::alphabet::gc_count;

/// Running totals over reads; add records one at a time, merge summaries of shards.
///
/// GC % is G+C (and `S`) over all bases, `N` included, as seqkit reports it. Mean quality is the mean
/// Phred score over all bases (not the mean of per-read means).
///
/// ```
/// use gptomics_seqio::fastq::{Record, Summary};
///
/// let mut summary = Summary::default();
/// summary.add(&Record::new("a", b"GGCA".to_vec(), b"I5?+".to_vec())); // Q 40 20 30 10
/// summary.add(&Record::new("b", b"AT".to_vec(), b"II".to_vec()));
/// assert_eq!((summary.reads(), summary.bases(), summary.gc_bases()), (2, 6, 3));
/// assert_eq!(summary.gc_percent(), Some(50.0));
/// assert_eq!(summary.mean_quality(), Some((40.0 + 20.0 + 30.0 + 10.0 + 80.0) / 6.0));
/// assert_eq!(summary.length_histogram().collect::<Vec<_>>(), vec![(2, 1), (4, 1)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    reads: u64,
    bases: u64,
    gc: u64,
    quality_sum: u64,
    quality_bases: u64,
    min_length: Option<usize>,
    max_length: usize,
    /// `short_lengths[l]` = reads of length `l` below [`DENSE_LENGTHS`]: short reads are counted in a vector,
    /// one increment a read; longer sequences (chromosomes, long reads) go to the sparse map.
    short_lengths: Vec<u64>,
    long_lengths: BTreeMap<usize, u64>,
}

/// Lengths below this are counted densely (covers every short-read platform).
const DENSE_LENGTHS: usize = 4096;

impl Summary {
    /// Adds a FASTQ record.
    pub fn add(&mut self, record: &Record) {
        self.add_sequence(record.sequence(), Some(record.quality()));
    }

    /// Adds a sequence, with Phred+33 qualities when it has them (FASTA sequences have none).
    pub fn add_sequence(&mut self, sequence: &[u8], quality: Option<&[u8]>) {
        let len = sequence.len();
        self.reads += 1;
        self.bases += len as u64;
        self.gc += gc_count(sequence);
        if let Some(quality) = quality {
            self.quality_sum += quality.iter().map(|&q| u64::from(q.saturating_sub(PHRED_OFFSET))).sum::<u64>();
            self.quality_bases += quality.len() as u64;
        }
        self.min_length = Some(self.min_length.map_or(len, |m| m.min(len)));
        self.max_length = self.max_length.max(len);
        if len < DENSE_LENGTHS {
            if self.short_lengths.len() <= len {
                self.short_lengths.resize(len + 1, 0);
            }
            self.short_lengths[len] += 1;
        } else {
            *self.long_lengths.entry(len).or_default() += 1;
        }
    }

    /// Adds another summary's totals (e.g. of another shard or file).
    pub fn merge(&mut self, other: &Summary) {
        self.reads += other.reads;
        self.bases += other.bases;
        self.gc += other.gc;
        self.quality_sum += other.quality_sum;
        self.quality_bases += other.quality_bases;
        self.min_length = match (self.min_length, other.min_length) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max_length = self.max_length.max(other.max_length);
        if self.short_lengths.len() < other.short_lengths.len() {
            self.short_lengths.resize(other.short_lengths.len(), 0);
        }
        for (mine, theirs) in self.short_lengths.iter_mut().zip(&other.short_lengths) {
            *mine += theirs;
        }
        for (&len, &n) in &other.long_lengths {
            *self.long_lengths.entry(len).or_default() += n;
        }
    }

    /// Reads (records) added.
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// Bases added.
    pub fn bases(&self) -> u64 {
        self.bases
    }

    /// G, C and S bases.
    pub fn gc_bases(&self) -> u64 {
        self.gc
    }

    /// GC content in percent of all bases; `None` with no bases.
    pub fn gc_percent(&self) -> Option<f64> {
        (self.bases > 0).then(|| 100.0 * self.gc as f64 / self.bases as f64)
    }

    /// Mean Phred score over all bases with qualities; `None` without any.
    pub fn mean_quality(&self) -> Option<f64> {
        (self.quality_bases > 0).then(|| self.quality_sum as f64 / self.quality_bases as f64)
    }

    /// Shortest read; `None` with no reads.
    pub fn min_length(&self) -> Option<usize> {
        self.min_length
    }

    /// Longest read (0 with no reads).
    pub fn max_length(&self) -> usize {
        self.max_length
    }

    /// Mean read length; `None` with no reads.
    pub fn mean_length(&self) -> Option<f64> {
        (self.reads > 0).then(|| self.bases as f64 / self.reads as f64)
    }

    /// `(length, reads)` for every length seen, shortest first.
    pub fn length_histogram(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        let short = self.short_lengths.iter().enumerate().filter(|(_, n)| **n > 0).map(|(l, n)| (l, *n));
        short.chain(self.long_lengths.iter().map(|(&l, &n)| (l, n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_length_histogram_long_and_merged() {
        let mut a = Summary::default();
        a.add_sequence(&vec![b'A'; 10_000_000], None);
        a.add_sequence(b"AC", None);
        let mut b = Summary::default();
        b.add_sequence(&vec![b'C'; 10_000_000], None);
        b.add_sequence(b"A", None);
        a.merge(&b);
        assert_eq!(a.length_histogram().collect::<Vec<_>>(), vec![(1, 1), (2, 1), (10_000_000, 2)]);
        assert_eq!((a.min_length(), a.max_length(), a.gc_bases()), (Some(1), 10_000_000, 10_000_001));
    }
}
