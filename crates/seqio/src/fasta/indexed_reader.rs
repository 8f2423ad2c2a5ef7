//! Random access into FASTA files through a `.fai` index, for plain and BGZF files.
//!
//! A missing `.fai` (and, for BGZF, `.gzi`) is built by reading the file once and written beside it; when
//! that folder is read-only the index is kept in memory only. Plain gzip cannot be read at random: such a
//! file is refused with a hint to recompress it with `bgzip`.

use std::{
    collections::HashMap,
    fs::File,
    io::{self, BufRead, BufReader},
    path::{Path, PathBuf},
};

use noodles::{bgzf, core::Region, fasta as nfasta};

use super::{ReadOptions, alphabet};
use crate::{
    error::{Error, Location, ParseError, Result},
    io::{BUFFER_SIZE, Compression},
};

type Inner = nfasta::io::IndexedReader<nfasta::io::BufReader<File>>;

/// A FASTA reader that fetches any region of any contig without reading the rest of the file.
///
/// ```no_run
/// use gptomics_seqio::fasta::IndexedReader;
///
/// let mut genome = IndexedReader::from_path("sars_cov_2.fa")?;
/// let start_codon = genome.fetch("MN908947.3", 21563, 21565)?; // 1-based, inclusive
/// assert_eq!(start_codon, b"ATG");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub struct IndexedReader {
    inner: Inner,
    file: String,
    options: ReadOptions,
    /// Contig lengths by name: extraction asks for them once a feature, so the `.fai` is not scanned.
    lengths: HashMap<String, u64>,
}

impl IndexedReader {
    /// Opens a FASTA file (plain or BGZF) for random access, building its index(es) when missing.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let io_err = |e| Error::io(&file, e);
        let reader = match Compression::of_path(path)? {
            Compression::Gzip => {
                let hint = "gzip is not seekable: recompress with `bgzip` (BGZF) or decompress it".into();
                return Err(Error::parse(Location::file(&file), ParseError::Malformed(hint)));
            }
            Compression::Bgzf => {
                let gzi =
                    read_or_build(path, "gzi", bgzf::gzi::fs::read, build_gzi, bgzf::gzi::fs::write).map_err(io_err)?;
                let bgzf = bgzf::io::indexed_reader::Builder::default()
                    .set_index(gzi)
                    .build_from_path(path)
                    .map_err(io_err)?;
                nfasta::io::BufReader::Bgzf(bgzf)
            }
            Compression::None => {
                let plain = File::open(path).map_err(io_err)?;
                nfasta::io::BufReader::Uncompressed(BufReader::with_capacity(BUFFER_SIZE, plain))
            }
        };
        let fai = read_or_build(path, "fai", nfasta::fai::fs::read, build_fai, nfasta::fai::fs::write)
            .map_err(|e| index_error(&file, e))?;
        let records: &[nfasta::fai::Record] = fai.as_ref();
        let lengths = records.iter().map(|r| (String::from_utf8_lossy(r.name()).into_owned(), r.length())).collect();
        Ok(Self { inner: Inner::new(reader, fai), file, options: ReadOptions::default(), lengths })
    }

    /// Sets the read options (uppercasing, IUPAC validation) applied to fetched sequences.
    pub fn with_options(mut self, options: ReadOptions) -> Self {
        self.options = options;
        self
    }

    /// The `.fai` index.
    pub fn index(&self) -> &nfasta::fai::Index {
        self.inner.index()
    }

    /// Contig names and lengths, in file order.
    pub fn contigs(&self) -> impl Iterator<Item = (String, u64)> + '_ {
        let records: &[nfasta::fai::Record] = self.index().as_ref();
        records.iter().map(|r| (String::from_utf8_lossy(r.name()).into_owned(), r.length()))
    }

    /// The length of `contig`, if the index holds it.
    pub fn contig_length(&self, contig: &str) -> Option<u64> {
        self.lengths.get(contig).copied()
    }

    /// Bases `start..=end` (1-based, inclusive) of `contig`.
    pub fn fetch(&mut self, contig: &str, start: u64, end: u64) -> Result<Vec<u8>> {
        let at = || Location::file(&self.file);
        let length =
            self.contig_length(contig).ok_or_else(|| Error::parse(at(), ParseError::UnknownName(contig.into())))?;
        let invalid = || {
            let kind = ParseError::InvalidRange { contig: contig.into(), start, end, length };
            Error::parse(at(), kind)
        };
        if start == 0 || end < start || end > length {
            return Err(invalid());
        }
        let position = |p: u64| usize::try_from(p).ok().and_then(|p| noodles::core::Position::try_from(p).ok());
        let (Some(from), Some(to)) = (position(start), position(end)) else {
            return Err(invalid());
        };
        let region = Region::new(contig, from..=to);
        let record = self.inner.query(&region).map_err(|e| Error::io(&self.file, e))?;
        let mut sequence: Vec<u8> = record.sequence().as_ref().to_vec();
        if self.options.validate
            && let Some(i) = alphabet::first_invalid(&sequence)
        {
            let kind = ParseError::InvalidBase { byte: char::from(sequence[i]), position: start + i as u64 };
            return Err(Error::parse(at(), kind));
        }
        if self.options.uppercase {
            sequence.make_ascii_uppercase();
        }
        Ok(sequence)
    }

    /// The whole sequence of `contig`.
    pub fn sequence(&mut self, contig: &str) -> Result<Vec<u8>> {
        let length = self
            .contig_length(contig)
            .ok_or_else(|| Error::parse(Location::file(&self.file), ParseError::UnknownName(contig.into())))?;
        if length == 0 {
            return Ok(Vec::new());
        }
        self.fetch(contig, 1, length)
    }
}

/// An index error of noodles' indexer (ragged line widths, empty sequences) is a content error.
fn index_error(file: &str, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
            Error::parse(Location::file(file), ParseError::Malformed(format!("cannot index: {e}")))
        }
        _ => Error::io(file, e),
    }
}

/// Reads `<path>.<ext>` if present, else builds the index and tries to write it (a read-only folder is fine).
fn read_or_build<I>(
    path: &Path,
    ext: &str,
    read: fn(PathBuf) -> io::Result<I>,
    build: fn(&Path) -> io::Result<I>,
    write: fn(PathBuf, &I) -> io::Result<()>,
) -> io::Result<I> {
    let index_path = path.with_added_extension(ext);
    // An index older than its data describes an earlier file (samtools warns about this and reads wrong
    // bases): rebuild it.
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&index_path), modified(path)) {
        (Some(index), Some(data)) => index >= data,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if fresh {
        return read(index_path);
    }
    let index = build(path)?;
    // Writing beside the data is a convenience for the next run, never a requirement.
    let _ = write(index_path, &index);
    Ok(index)
}

/// Builds a `.fai` by reading the (decompressed) file once with noodles' indexer.
fn build_fai(path: &Path) -> io::Result<nfasta::fai::Index> {
    let file = File::open(path)?;
    let reader: Box<dyn BufRead> = match Compression::of_path(path).map_err(io::Error::other)? {
        Compression::Bgzf => Box::new(bgzf::io::Reader::new(file)),
        _ => Box::new(BufReader::with_capacity(BUFFER_SIZE, file)),
    };
    let mut indexer = nfasta::io::Indexer::new(reader);
    let mut records = Vec::new();
    while let Some(record) = indexer.index_record()? {
        records.push(record);
    }
    Ok(nfasta::fai::Index::from(records))
}

/// Builds a `.gzi` (compressed and uncompressed offset of every block after the first), as `bgzip -r`.
fn build_gzi(path: &Path) -> io::Result<bgzf::gzi::Index> {
    let mut reader = bgzf::io::Reader::new(File::open(path)?);
    let mut offsets = Vec::new();
    let mut uncompressed = 0u64;
    loop {
        let n = reader.fill_buf()?.len();
        if n == 0 {
            break;
        }
        let position = reader.virtual_position();
        if position.uncompressed() == 0 && uncompressed > 0 {
            offsets.push((position.compressed(), uncompressed));
        }
        uncompressed += n as u64;
        reader.consume(n);
    }
    Ok(bgzf::gzi::Index::from(offsets))
}
