//! Where extracted sequences come from.

use crate::error::Result;

/// A genome that can hand out subsequences by contig name and 1-based inclusive coordinates.
///
/// Implementations return [`ParseError::UnknownName`](crate::ParseError::UnknownName) for a contig they
/// do not hold and [`ParseError::InvalidRange`](crate::ParseError::InvalidRange) for a range that is
/// empty (`end < start`), starts at 0, or ends past the contig.
///
/// ```
/// use gptomics_seqio::extract::{InMemoryGenome, SequenceSource};
/// let mut genome = InMemoryGenome::from_records([("chr1", "ACGTACGT")]);
/// assert_eq!(genome.contig_length("chr1"), Some(8));
/// assert_eq!(genome.fetch("chr1", 2, 4)?, b"CGT");
/// assert!(genome.fetch("chr1", 7, 9).is_err());
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub trait SequenceSource {
    /// The length of `contig`, `None` when the source does not hold it.
    fn contig_length(&self, contig: &str) -> Option<u64>;

    /// The bases `start..=end` (1-based, inclusive) of `contig`, as stored (case kept).
    fn fetch(&mut self, contig: &str, start: u64, end: u64) -> Result<Vec<u8>>;
}

/// A FASTA file read at random through its `.fai`: the usual source for a real genome.
impl SequenceSource for crate::fasta::IndexedReader {
    fn contig_length(&self, contig: &str) -> Option<u64> {
        crate::fasta::IndexedReader::contig_length(self, contig)
    }

    fn fetch(&mut self, contig: &str, start: u64, end: u64) -> Result<Vec<u8>> {
        crate::fasta::IndexedReader::fetch(self, contig, start, end)
    }
}
