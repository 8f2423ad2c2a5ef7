//! FASTA writer over noodles, with a fixed line width.

use std::{io::Write, num::NonZero};

use noodles::fasta as nfasta;

use super::Record;
use crate::error::{Error, Result};

/// Writes FASTA records, wrapping sequences at a fixed line width (60 by default, as samtools faidx and
/// Ensembl do).
///
/// ```
/// use gptomics_seqio::fasta::{Record, Writer};
///
/// let mut writer = Writer::new(Vec::new()).with_line_width(2);
/// writer.write_record(&Record::new("a", Some("d".into()), b"ACGTA".to_vec()))?;
/// assert_eq!(writer.into_inner(), b">a d\nAC\nGT\nA\n");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub struct Writer<W> {
    inner: nfasta::io::Writer<W>,
}

impl<W: Write> Writer<W> {
    /// A writer with 60 bases a line.
    pub fn new(inner: W) -> Self {
        Self::build(inner, DEFAULT_WIDTH)
    }

    /// Sets the number of bases a line (0 is taken as 1).
    pub fn with_line_width(self, width: usize) -> Self {
        Self::build(self.into_inner(), NonZero::new(width).unwrap_or(NonZero::<usize>::MIN))
    }

    fn build(inner: W, width: NonZero<usize>) -> Self {
        let inner = nfasta::io::writer::Builder::default().set_line_base_count(width).build_from_writer(inner);
        Self { inner }
    }

    /// Writes one record.
    pub fn write_record(&mut self, record: &Record) -> Result<()> {
        let definition = nfasta::record::Definition::new(record.name(), record.description().map(Into::into));
        let sequence = nfasta::record::Sequence::from(record.sequence().to_vec());
        self.inner.write_record(&nfasta::Record::new(definition, sequence)).map_err(|e| Error::io("<fasta writer>", e))
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        self.inner.get_ref()
    }

    /// Unwraps the underlying writer.
    pub fn into_inner(self) -> W {
        self.inner.into_inner()
    }
}

const DEFAULT_WIDTH: NonZero<usize> = match NonZero::new(60) {
    Some(width) => width,
    None => unreachable!(),
};
