//! A FASTQ record: noodles' record behind our accessors, so reading reuses its buffers.

use noodles::fastq as nfastq;

/// One FASTQ read. Qualities are raw Phred+33 bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record(pub(crate) nfastq::Record);

impl Record {
    /// A record from its parts.
    ///
    /// ```
    /// let record = gptomics_seqio::fastq::Record::new("r0", b"ACGT".to_vec(), b"IIII".to_vec());
    /// assert_eq!(record.name(), b"r0");
    /// ```
    pub fn new(name: impl Into<Vec<u8>>, sequence: impl Into<Vec<u8>>, quality: impl Into<Vec<u8>>) -> Self {
        let definition = nfastq::record::Definition::new(name.into(), Vec::new());
        Self(nfastq::Record::new(definition, sequence.into(), quality.into()))
    }

    /// The read name (header up to the first space).
    pub fn name(&self) -> &[u8] {
        self.0.name()
    }

    /// Mutable read name.
    pub fn name_mut(&mut self) -> &mut Vec<u8> {
        self.0.name_mut()
    }

    /// The header after the name (may be empty).
    pub fn description(&self) -> &[u8] {
        self.0.description()
    }

    /// Mutable description.
    pub fn description_mut(&mut self) -> &mut Vec<u8> {
        self.0.description_mut()
    }

    /// The bases.
    pub fn sequence(&self) -> &[u8] {
        self.0.sequence()
    }

    /// Mutable bases.
    pub fn sequence_mut(&mut self) -> &mut Vec<u8> {
        self.0.sequence_mut()
    }

    /// Phred+33 quality bytes, one a base.
    pub fn quality(&self) -> &[u8] {
        self.0.quality_scores()
    }

    /// Mutable quality bytes.
    pub fn quality_mut(&mut self) -> &mut Vec<u8> {
        self.0.quality_scores_mut()
    }

    /// Read length in bases.
    pub fn len(&self) -> usize {
        self.0.sequence().len()
    }

    /// Whether the read has no bases.
    pub fn is_empty(&self) -> bool {
        self.0.sequence().is_empty()
    }

    /// Keeps the first `len` bases and qualities (3' trimming).
    ///
    /// ```
    /// let mut record = gptomics_seqio::fastq::Record::new("r", b"ACGT".to_vec(), b"II#!".to_vec());
    /// record.truncate(2);
    /// assert_eq!((record.sequence(), record.quality()), (&b"AC"[..], &b"II"[..]));
    /// ```
    pub fn truncate(&mut self, len: usize) {
        self.0.sequence_mut().truncate(len);
        self.0.quality_scores_mut().truncate(len);
    }

    /// The noodles record, for code that works with noodles directly.
    pub fn as_noodles(&self) -> &nfastq::Record {
        &self.0
    }
}

impl From<nfastq::Record> for Record {
    fn from(record: nfastq::Record) -> Self {
        Self(record)
    }
}
