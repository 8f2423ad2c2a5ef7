//! A genome held in memory.

use std::collections::HashMap;

use super::SequenceSource;
use crate::error::{Error, Location, ParseError, Result};

/// The name errors give to an in-memory genome.
const NAME: &str = "<input>";

/// Contig sequences in memory, by name: for tests, small genomes (viruses) and genomes already loaded.
///
/// ```
/// use gptomics_seqio::extract::{InMemoryGenome, SequenceSource};
/// let mut genome = InMemoryGenome::from_records([("chrM", b"GATCACAGGT".to_vec())]);
/// genome.insert("chrX", "acgt");
/// assert_eq!(genome.len(), 2);
/// assert_eq!(genome.fetch("chrX", 1, 2)?, b"ac");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InMemoryGenome {
    contigs: HashMap<String, Vec<u8>>,
}

impl InMemoryGenome {
    /// An empty genome.
    pub fn new() -> Self {
        Self::default()
    }

    /// A genome from `(name, sequence)` pairs; a repeated name keeps the last sequence.
    pub fn from_records<N, S, I>(records: I) -> Self
    where
        N: Into<String>,
        S: Into<Vec<u8>>,
        I: IntoIterator<Item = (N, S)>,
    {
        let mut genome = Self::new();
        for (name, sequence) in records {
            genome.insert(name, sequence);
        }
        genome
    }

    /// Adds or replaces a contig, returning the sequence it replaced.
    ///
    /// ```
    /// let mut genome = gptomics_seqio::extract::InMemoryGenome::new();
    /// assert!(genome.insert("c", "AC").is_none());
    /// assert_eq!(genome.insert("c", "GT"), Some(b"AC".to_vec()));
    /// ```
    pub fn insert(&mut self, name: impl Into<String>, sequence: impl Into<Vec<u8>>) -> Option<Vec<u8>> {
        self.contigs.insert(name.into(), sequence.into())
    }

    /// The whole sequence of a contig.
    ///
    /// ```
    /// let genome = gptomics_seqio::extract::InMemoryGenome::from_records([("c", "ACG")]);
    /// assert_eq!(genome.get("c"), Some(&b"ACG"[..]));
    /// ```
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.contigs.get(name).map(Vec::as_slice)
    }

    /// The number of contigs.
    pub fn len(&self) -> usize {
        self.contigs.len()
    }

    /// Whether the genome holds no contig.
    pub fn is_empty(&self) -> bool {
        self.contigs.is_empty()
    }
}

impl SequenceSource for InMemoryGenome {
    fn contig_length(&self, contig: &str) -> Option<u64> {
        self.contigs.get(contig).map(|s| s.len() as u64)
    }

    fn fetch(&mut self, contig: &str, start: u64, end: u64) -> Result<Vec<u8>> {
        let at = || Location::file(NAME);
        let sequence =
            self.contigs.get(contig).ok_or_else(|| Error::parse(at(), ParseError::UnknownName(contig.to_owned())))?;
        let length = sequence.len() as u64;
        if start == 0 || end < start || end > length {
            let contig = contig.to_owned();
            return Err(Error::parse(at(), ParseError::InvalidRange { contig, start, end, length }));
        }
        // In range: both bounds fit in usize because the sequence is in memory.
        Ok(sequence[(start - 1) as usize..end as usize].to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_fetch() -> Result<()> {
        let mut genome = InMemoryGenome::from_records([("c", "ACGTN")]);
        assert_eq!(genome.fetch("c", 1, 5)?, b"ACGTN");
        assert_eq!(genome.fetch("c", 3, 3)?, b"G");
        for (start, end) in [(0, 2), (3, 2), (4, 6)] {
            let e = genome.fetch("c", start, end).err();
            let expected = ParseError::InvalidRange { contig: "c".into(), start, end, length: 5 };
            assert_eq!(e.as_ref().and_then(Error::kind), Some(&expected));
        }
        let e = genome.fetch("d", 1, 1).err();
        assert_eq!(e.as_ref().and_then(Error::kind), Some(&ParseError::UnknownName("d".into())));
        Ok(())
    }

    #[test]
    fn test_contig_length() -> Result<()> {
        let genome = InMemoryGenome::from_records([("c", "ACGTN"), ("e", "")]);
        assert_eq!(genome.contig_length("c"), Some(5));
        assert_eq!(genome.contig_length("e"), Some(0));
        assert_eq!(genome.contig_length("x"), None);
        Ok(())
    }
}
