//! Opening inputs: plain, gzip (also multi-member, as `cat a.gz b.gz` makes) and BGZF, detected from the
//! first bytes rather than the file name, so a `.fq` that is really gzip still reads.

use std::{
    fs::File,
    io::{self, BufRead, BufReader, Read},
    path::Path,
};

use flate2::bufread::MultiGzDecoder;

use crate::error::{Error, Result};

/// Buffer size for file readers: large enough that decompression and parsing, not syscalls, dominate.
pub const BUFFER_SIZE: usize = 1 << 17;

/// How an input is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip, one or several members, not BGZF.
    Gzip,
    /// Blocked gzip (bgzip), which also allows random access with a `.gzi` index.
    Bgzf,
}

impl Compression {
    /// Detects the compression from an input's first bytes (at least 16 are needed to tell BGZF apart).
    ///
    /// ```
    /// use gptomics_seqio::io::Compression;
    /// assert_eq!(Compression::detect(b">chr1\nACGT\n"), Compression::None);
    /// assert_eq!(Compression::detect(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
    /// ```
    pub fn detect(head: &[u8]) -> Self {
        const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
        const FEXTRA: u8 = 0x04;
        if !head.starts_with(&GZIP_MAGIC) {
            return Self::None;
        }
        // BGZF: FEXTRA set and the first extra subfield is `BC` (SAM specification, section 4.1).
        let is_bgzf = head.len() >= 16 && head[3] & FEXTRA != 0 && head[12] == b'B' && head[13] == b'C';
        if is_bgzf { Self::Bgzf } else { Self::Gzip }
    }

    /// Detects the compression of a file from its first bytes.
    pub fn of_path(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let mut file = File::open(path).map_err(|e| Error::io(&name, e))?;
        let mut head = [0u8; 16];
        let mut filled = 0;
        while filled < head.len() {
            match file.read(&mut head[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::io(&name, e)),
            }
        }
        Ok(Self::detect(&head[..filled]))
    }
}

/// Wraps a buffered reader so that gzip and BGZF content is decompressed, whatever the reader is.
///
/// ```
/// use std::io::Read;
/// let mut text = String::new();
/// gptomics_seqio::io::decompress(&b"@r\nA\n+\nI\n"[..])?.read_to_string(&mut text)?;
/// assert_eq!(text, "@r\nA\n+\nI\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn decompress<'a, R: BufRead + Send + 'a>(mut reader: R) -> io::Result<Box<dyn BufRead + Send + 'a>> {
    let head = reader.fill_buf()?;
    Ok(match Compression::detect(head) {
        Compression::None => Box::new(reader),
        Compression::Gzip | Compression::Bgzf => {
            Box::new(BufReader::with_capacity(BUFFER_SIZE, MultiGzDecoder::new(reader)))
        }
    })
}

/// Opens a file for streaming, decompressing gzip and BGZF transparently.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::io(&name, e))?;
    decompress(BufReader::with_capacity(BUFFER_SIZE, file)).map_err(|e| Error::io(name, e))
}

/// Consumes empty lines (`\n` or `\r\n`) at the reader's position, returning how many it skipped. Readers
/// call it between records: blank lines there are harmless, and editors and `cat` leave them behind.
pub(crate) fn skip_blank_lines<R: BufRead>(reader: &mut R) -> io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buf = reader.fill_buf()?;
        let n = match buf {
            [b'\n', ..] => 1,
            [b'\r', b'\n', ..] => 2,
            _ => return Ok(skipped),
        };
        reader.consume(n);
        skipped += 1;
    }
}

/// A `BufRead` that counts the line feeds its consumer has consumed, so parsers that hide line structure
/// (noodles joins FASTA sequence lines) can still report the line an error is on.
#[derive(Debug)]
pub(crate) struct LineCounter<R> {
    inner: R,
    lines: u64,
}

impl<R> LineCounter<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self { inner, lines: 0 }
    }

    /// Complete lines consumed so far; the line being read is `lines() + 1`.
    pub(crate) fn lines(&self) -> u64 {
        self.lines
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }

    pub(crate) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    pub(crate) fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let mut src = self.fill_buf()?;
            src.read(buf)?
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let end = amt.min(buf.len());
            self.lines += memchr::memchr_iter(b'\n', &buf[..end]).count() as u64;
        }
        self.inner.consume(amt);
    }
}

/// Reading one record into a reused buffer: what the streaming readers share, so one iterator serves all.
pub trait ReadRecord {
    /// The record type, reused across calls.
    type Record: Default;

    /// Reads the next record into `record`; 0 at the end of input.
    fn read_record(&mut self, record: &mut Self::Record) -> Result<usize>;
}

/// An iterator over a streaming reader's records (one allocation a record); it stops after the first error.
pub struct Records<'a, R> {
    reader: &'a mut R,
    done: bool,
}

impl<'a, R> Records<'a, R> {
    pub(crate) fn new(reader: &'a mut R) -> Self {
        Self { reader, done: false }
    }
}

impl<R: ReadRecord> Iterator for Records<'_, R> {
    type Item = Result<R::Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut record = R::Record::default();
        match self.reader.read_record(&mut record) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(_) => Some(Ok(record)),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
