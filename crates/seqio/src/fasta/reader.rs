//! Streaming FASTA reader over noodles, with uppercasing and IUPAC validation.

use std::{
    io::{self, BufRead},
    path::Path,
};

use noodles::fasta as nfasta;

use super::{Record, alphabet};
use crate::{
    error::{Error, Location, ParseError, Result, from_noodles},
    io::LineCounter,
    io::{ReadRecord, Records},
};

/// What the reader does to each sequence as it reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Uppercase every base (soft-masked genomes write repeats in lowercase). Default: `false`.
    pub uppercase: bool,
    /// Reject bytes outside the IUPAC nucleotide alphabet (see [`alphabet::is_iupac`]). Default: `true`.
    pub validate: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self { uppercase: false, validate: true }
    }
}

/// A streaming FASTA reader: one record in memory at a time.
///
/// ```
/// use gptomics_seqio::fasta::{Reader, Record};
///
/// let mut reader = Reader::new(&b">a desc\nAC\nGT\n"[..]);
/// let mut record = Record::default();
/// assert!(reader.read_record(&mut record)? > 0);
/// assert_eq!((record.name(), record.description(), record.sequence()), ("a", Some("desc"), &b"ACGT"[..]));
/// assert_eq!(reader.read_record(&mut record)?, 0);
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub struct Reader<R> {
    inner: nfasta::io::Reader<LineCounter<R>>,
    options: ReadOptions,
    file: String,
    records: u64,
    definition: nfasta::record::Definition,
}

impl<R> Reader<R> {
    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        self.inner.get_ref().get_ref()
    }

    /// The underlying reader, mutably.
    pub fn get_mut(&mut self) -> &mut R {
        self.inner.get_mut().get_mut()
    }

    /// Unwraps the underlying reader.
    pub fn into_inner(self) -> R {
        self.inner.into_inner().into_inner()
    }

    /// Sets the read options.
    pub fn with_options(mut self, options: ReadOptions) -> Self {
        self.options = options;
        self
    }

    /// Names the input in error messages (a path is used automatically by [`Reader::from_path`]).
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.file = name.into();
        self
    }
}

impl Reader<Box<dyn BufRead + Send>> {
    /// Opens a FASTA file, plain, gzip or BGZF.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Ok(Reader::new(crate::io::open(path)?).with_name(path.display().to_string()))
    }
}

impl<R: BufRead> Reader<R> {
    /// A reader over buffered input, with default options.
    pub fn new(inner: R) -> Self {
        Self {
            inner: nfasta::io::Reader::new(LineCounter::new(inner)),
            options: ReadOptions::default(),
            file: "<input>".into(),
            records: 0,
            definition: nfasta::record::Definition::default(),
        }
    }

    /// Reads the next record into `record`, returning the bytes of its header line (0 at end of input).
    ///
    /// An input with no record at all is an error ([`ParseError::EmptyInput`]).
    pub fn read_record(&mut self, record: &mut Record) -> Result<usize> {
        record.clear();
        // noodles would read a blank line as an empty header; skip them before the first record too.
        if let Err(e) = crate::io::skip_blank_lines(self.inner.get_mut()) {
            return Err(Error::io(self.file.clone(), e));
        }
        let header_line = self.inner.get_ref().lines() + 1;
        let n = match self.inner.read_definition(&mut self.definition) {
            Ok(0) if self.records == 0 => {
                return Err(Error::parse(self.at(header_line, 1), ParseError::EmptyInput));
            }
            Ok(0) => return Ok(0),
            Ok(n) => n,
            // noodles says "missing prefix"/"invalid prefix" when a header line lacks its '>'.
            Err(e) if e.kind() == io::ErrorKind::InvalidData && e.to_string().contains("prefix") => {
                let at = self.at(header_line, self.records + 1);
                return Err(Error::parse(at, ParseError::MissingFastaHeader));
            }
            Err(e) => return Err(from_noodles(self.at(header_line, self.records + 1), e)),
        };
        self.records += 1;
        *record.name_mut() = String::from_utf8_lossy(self.definition.name()).into_owned();
        *record.description_mut() = self.definition.description().map(|d| String::from_utf8_lossy(d).into_owned());
        self.read_sequence(record.sequence_mut())?;
        Ok(n)
    }

    /// Reads sequence lines chunk by chunk so an invalid byte is reported on its own line.
    fn read_sequence(&mut self, sequence: &mut Vec<u8>) -> Result<()> {
        let ReadOptions { uppercase, validate } = self.options;
        loop {
            let mut lines = self.inner.sequence_reader();
            let chunk = match lines.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) => {
                    let at = self.at(self.inner.get_ref().lines() + 1, self.records);
                    return Err(from_noodles(at, e));
                }
            };
            if chunk.is_empty() {
                return Ok(());
            }
            let start = sequence.len();
            sequence.extend_from_slice(chunk);
            let n = chunk.len();
            lines.consume(n);
            if validate && let Some(i) = alphabet::first_invalid(&sequence[start..]) {
                let byte = sequence[start + i];
                // The chunk is one line (or the part of it in the buffer): its line is the current one.
                let at = self.at(self.inner.get_ref().lines() + 1, self.records);
                let position = (start + i + 1) as u64;
                return Err(Error::parse(at, ParseError::InvalidBase { byte: char::from(byte), position }));
            }
            if uppercase {
                sequence[start..].make_ascii_uppercase();
            }
        }
    }

    fn at(&self, line: u64, record: u64) -> Location {
        Location::file(self.file.clone()).at_line(line).at_record(record)
    }

    /// An iterator over the remaining records.
    pub fn records(&mut self) -> Records<'_, Self> {
        Records::new(self)
    }
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

    fn read_all(data: &[u8]) -> Result<Vec<Record>> {
        Reader::new(data).records().collect()
    }

    #[test]
    fn test_read_record_crlf_and_multiline() -> Result<()> {
        let records = read_all(b">a x y\r\nAC\r\nGT\r\n\r\n>b\r\nN\r\n")?;
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].description(), Some("x y"));
        assert_eq!(records[0].sequence(), b"ACGT");
        assert_eq!(records[1].sequence(), b"N");
        Ok(())
    }

    #[test]
    fn test_read_record_no_header() {
        let e = read_all(b"ACGT\n>a\nAC\n").unwrap_err();
        assert_eq!(e.kind(), Some(&ParseError::MissingFastaHeader));
        assert_eq!(e.location().and_then(|l| l.line), Some(1));
    }

    #[test]
    fn test_read_record_invalid_base_names_line() {
        let e = read_all(b">a\nACGT\n>b\nACGT\nACJT\n").unwrap_err();
        assert_eq!(e.kind(), Some(&ParseError::InvalidBase { byte: 'J', position: 7 }));
        let at = e.location().cloned().unwrap_or_default();
        assert_eq!((at.line, at.record), (Some(5), Some(2)));
        assert!(e.to_string().starts_with("<input>:5 (record 2):"), "{e}");
    }

    #[test]
    fn test_read_record_leading_blank_lines() -> Result<()> {
        let records = read_all(b"\n\r\n>a\nAC\n\n>b\nG\n\n")?;
        assert_eq!(records.iter().map(|r| r.name()).collect::<Vec<_>>(), ["a", "b"]);
        let e = read_all(b"\n\n>a\nAC!\n").unwrap_err();
        assert_eq!(e.location().and_then(|l| l.line), Some(4));
        Ok(())
    }

    #[test]
    fn test_read_record_empty_input() {
        let e = read_all(b"").unwrap_err();
        assert_eq!(e.kind(), Some(&ParseError::EmptyInput));
    }

    #[test]
    fn test_read_record_options() -> Result<()> {
        let options = ReadOptions { uppercase: true, validate: false };
        let mut reader = Reader::new(&b">a\nacXt\n"[..]).with_options(options);
        let records: Vec<_> = reader.records().collect::<Result<_>>()?;
        assert_eq!(records[0].sequence(), b"ACXT");
        Ok(())
    }
}
