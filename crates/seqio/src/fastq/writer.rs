//! FASTQ writer over noodles.

use std::io::Write;

use noodles::fastq as nfastq;

use super::Record;
use crate::error::{Error, Result};

/// Writes four-line FASTQ records.
///
/// ```
/// use gptomics_seqio::fastq::{Record, Writer};
///
/// let mut writer = Writer::new(Vec::new());
/// writer.write_record(&Record::new("r0", b"ACGT".to_vec(), b"IIII".to_vec()))?;
/// assert_eq!(writer.into_inner(), b"@r0\nACGT\n+\nIIII\n");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub struct Writer<W> {
    inner: nfastq::io::Writer<W>,
}

impl<W: Write> Writer<W> {
    /// A writer over `inner` (wrap files in a `BufWriter`).
    pub fn new(inner: W) -> Self {
        Self { inner: nfastq::io::Writer::new(inner) }
    }

    /// Writes one record.
    pub fn write_record(&mut self, record: &Record) -> Result<()> {
        self.inner.write_record(record.as_noodles()).map_err(|e| Error::io("<fastq writer>", e))
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        self.inner.get_ref()
    }

    /// The underlying writer, mutably (e.g. to flush).
    pub fn get_mut(&mut self) -> &mut W {
        self.inner.get_mut()
    }

    /// Unwraps the underlying writer.
    pub fn into_inner(self) -> W {
        self.inner.into_inner()
    }
}
