//! Streaming FASTQ reader over noodles, with the validation noodles leaves to its users.

use std::{
    io::{self, BufRead},
    path::Path,
};

use noodles::fastq as nfastq;

use super::Record;
use crate::error::{Error, Location, ParseError, Result, from_noodles};
use crate::io::{ReadRecord, Records};

/// A streaming FASTQ reader (four-line records, as noodles and every current sequencer write them).
///
/// ```
/// use gptomics_seqio::{fastq::{Reader, Record}, ParseError};
///
/// let mut reader = Reader::new(&b"@r0\nACGT\n+\nIII\n"[..]);
/// let e = reader.read_record(&mut Record::default()).unwrap_err();
/// assert_eq!(e.kind(), Some(&ParseError::LengthMismatch { sequence: 4, quality: 3 }));
/// assert_eq!(e.to_string(), "<input>:1 (record 1): sequence length 4 differs from quality length 3");
/// ```
pub struct Reader<R> {
    inner: nfastq::io::Reader<R>,
    file: String,
    records: u64,
    /// Blank lines skipped between records, so line numbers stay exact without counting every line.
    blank_lines: u64,
}

impl<R> Reader<R> {
    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        self.inner.get_ref()
    }

    /// The underlying reader, mutably.
    pub fn get_mut(&mut self) -> &mut R {
        self.inner.get_mut()
    }

    /// Unwraps the underlying reader.
    pub fn into_inner(self) -> R {
        self.inner.into_inner()
    }

    /// Names the input in error messages (a path is used automatically by [`Reader::from_path`]).
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.file = name.into();
        self
    }

    /// Records read so far.
    pub fn records_read(&self) -> u64 {
        self.records
    }
}

impl Reader<Box<dyn BufRead + Send>> {
    /// Opens a FASTQ file, plain, gzip (also multi-member) or BGZF.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Ok(Reader::new(crate::io::open(path)?).with_name(path.display().to_string()))
    }
}

impl<R: BufRead> Reader<R> {
    /// A reader over buffered input.
    pub fn new(inner: R) -> Self {
        Self { inner: nfastq::io::Reader::new(inner), file: "<input>".into(), records: 0, blank_lines: 0 }
    }

    /// Reads the next record into `record` (reusing its buffers), returning the bytes read (0 at the end).
    ///
    /// An input with no record at all is an error ([`ParseError::EmptyInput`]).
    pub fn read_record(&mut self, record: &mut Record) -> Result<usize> {
        let number = self.records + 1;
        match crate::io::skip_blank_lines(self.inner.get_mut()) {
            Ok(skipped) => self.blank_lines += skipped,
            Err(e) => return Err(Error::io(self.file.clone(), e)),
        }
        let n = match self.inner.read_record(&mut record.0) {
            Ok(0) if number == 1 => return Err(self.error(number, 0, ParseError::EmptyInput)),
            Ok(0) => return Ok(0),
            Ok(n) => n,
            Err(e) => return Err(self.noodles_error(number, e)),
        };
        self.records = number;
        let (sequence, quality) = (record.sequence().len(), record.quality().len());
        if sequence != quality {
            // noodles reads an absent quality line at the end of input as an empty one.
            if quality == 0 && self.at_eof() {
                return Err(self.error(number, 0, ParseError::TruncatedRecord));
            }
            return Err(self.error(number, 0, ParseError::LengthMismatch { sequence, quality }));
        }
        if !is_phred33(record.quality()) {
            let i = record.quality().iter().position(|&q| !(b'!'..=b'~').contains(&q)).unwrap_or(0);
            let kind = ParseError::InvalidQuality { byte: record.quality()[i], position: i + 1 };
            return Err(self.error(number, 3, kind));
        }
        Ok(n)
    }

    /// An iterator over the remaining records (one allocation a record; use [`Reader::read_record`] in hot
    /// loops).
    pub fn records(&mut self) -> Records<'_, Self> {
        Records::new(self)
    }

    fn at_eof(&mut self) -> bool {
        self.inner.get_mut().fill_buf().map(|b| b.is_empty()).unwrap_or(false)
    }

    /// An error in record `number`, on its line `offset` (0 = header, 3 = quality).
    fn error(&self, number: u64, offset: u64, kind: ParseError) -> Error {
        let line = 4 * (number - 1) + 1 + offset + self.blank_lines;
        Error::parse(Location::file(&self.file).at_line(line).at_record(number), kind)
    }

    fn noodles_error(&self, number: u64, e: io::Error) -> Error {
        let message = e.to_string();
        match e.kind() {
            io::ErrorKind::InvalidData if message.contains("description prefix") => {
                self.error(number, 2, ParseError::MissingPlusLine)
            }
            io::ErrorKind::InvalidData if message.contains("name prefix") => {
                self.error(number, 0, ParseError::MissingFastqHeader)
            }
            _ => {
                let line = 4 * (number - 1) + 1 + self.blank_lines;
                from_noodles(Location::file(&self.file).at_line(line).at_record(number), e)
            }
        }
    }
}

/// Whether every byte is Phred+33 (`!`..=`~`). A branch-free fold, so it vectorises: an early-exit
/// search over every quality byte cost more than noodles' parsing itself (measured in benches/fastq_parse).
fn is_phred33(quality: &[u8]) -> bool {
    const RANGE: u8 = b'~' - b'!' + 1;
    quality.iter().fold(0u8, |bad, &q| bad | u8::from(q.wrapping_sub(b'!') >= RANGE)) == 0
}

impl<R: BufRead> ReadRecord for Reader<R> {
    type Record = Record;

    fn read_record(&mut self, record: &mut Record) -> Result<usize> {
        Reader::read_record(self, record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(data: &[u8]) -> Error {
        let results: Vec<Result<Record>> = Reader::new(data).records().collect();
        match results.into_iter().find_map(|r| r.err()) {
            Some(e) => e,
            None => panic!("expected an error for {:?}", String::from_utf8_lossy(data)),
        }
    }

    fn line_of(e: &Error) -> Option<u64> {
        e.location().and_then(|l| l.line)
    }

    #[test]
    fn test_read_record_crlf() -> Result<()> {
        let records: Vec<_> = Reader::new(&b"@r0 d\r\nACGT\r\n+\r\nIIII\r\n@r1\r\nA\r\n+r1\r\n!\r\n"[..])
            .records()
            .collect::<Result<_>>()?;
        assert_eq!(records.len(), 2);
        assert_eq!((records[0].name(), records[0].description()), (&b"r0"[..], &b"d"[..]));
        assert_eq!(records[0].quality(), b"IIII");
        Ok(())
    }

    #[test]
    fn test_read_record_truncated() {
        for data in [&b"@r0\nACGT\n+\nIIII\n@r1\nACGT\n+\n"[..], b"@r0\nACGT\n+\nIIII\n@r1\nACGT\n"] {
            let e = first_error(data);
            assert_eq!(e.kind(), Some(&ParseError::TruncatedRecord), "{e}");
            assert_eq!(e.location().and_then(|l| l.record), Some(2));
        }
    }

    #[test]
    fn test_read_record_missing_plus() {
        let e = first_error(b"@r0\nACGT\n+\nIIII\n@r1\nACGT\nIIII\n@r2\n");
        assert_eq!(e.kind(), Some(&ParseError::MissingPlusLine));
        assert_eq!(line_of(&e), Some(7));
    }

    #[test]
    fn test_read_record_length_mismatch() {
        let e = first_error(b"@r0\nACGT\n+\nIIII\n@r1\nACGT\n+\nIII\n");
        assert_eq!(e.kind(), Some(&ParseError::LengthMismatch { sequence: 4, quality: 3 }));
        assert_eq!(line_of(&e), Some(5));
    }

    #[test]
    fn test_read_record_quality_below_bang() {
        let e = first_error(b"@r0\nACGT\n+\nII I\n");
        assert_eq!(e.kind(), Some(&ParseError::InvalidQuality { byte: b' ', position: 3 }));
        assert_eq!(line_of(&e), Some(4));
    }

    #[test]
    fn test_read_record_blank_lines_between_records() -> Result<()> {
        let records: Vec<_> =
            Reader::new(&b"\n@r0\nA\n+\nI\n\r\n@r1\nC\n+\nI\n\n"[..]).records().collect::<Result<_>>()?;
        assert_eq!(records.len(), 2);
        let e = first_error(b"\n@r0\nA\n+\nI\n\n@r1\nCC\n+\nI\n");
        assert_eq!((line_of(&e), e.location().and_then(|l| l.record)), (Some(7), Some(2)));
        Ok(())
    }

    #[test]
    fn test_read_record_bad_header_and_empty() {
        assert_eq!(first_error(b">r0\nACGT\n+\nIIII\n").kind(), Some(&ParseError::MissingFastqHeader));
        assert_eq!(first_error(b"").kind(), Some(&ParseError::EmptyInput));
    }
}
