//! The one error type of `gptomics-seqio`.
//!
//! Every failure names its input (`file`) and, for bad content, where in it the problem sits (line and/or
//! record, 1-based) and why, so a user can open the file at that spot. Callers match on [`ParseError`] to
//! tell the reasons apart; binaries print the [`Error`]'s `Display`, which carries all of it.

use std::{fmt, io};

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Where in an input an error was found. Lines and records are 1-based.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The file's path, or a name given to an in-memory input (`"<input>"` when none was given).
    pub file: String,
    /// The line, when the format is line-oriented and the line is known.
    pub line: Option<u64>,
    /// The record (FASTA/FASTQ entry, annotation feature, table row), when known.
    pub record: Option<u64>,
}

impl Location {
    /// A location naming only the input.
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line: None, record: None }
    }

    /// This location at a line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// This location at a record.
    pub fn at_record(mut self, record: u64) -> Self {
        self.record = Some(record);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        Ok(())
    }
}

/// Any failure of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be opened, read or written.
    #[error("{file}: {source}")]
    Io {
        /// The file's path or input name.
        file: String,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The input was read, but its content is not valid.
    #[error("{at}: {kind}")]
    Parse {
        /// Where the problem is.
        at: Location,
        /// What the problem is.
        kind: ParseError,
    },
}

impl Error {
    /// An I/O error on `file`.
    pub fn io(file: impl Into<String>, source: io::Error) -> Self {
        Self::Io { file: file.into(), source }
    }

    /// A content error at `at`.
    pub fn parse(at: Location, kind: ParseError) -> Self {
        Self::Parse { at, kind }
    }

    /// The reason of a content error, `None` for I/O errors.
    pub fn kind(&self) -> Option<&ParseError> {
        match self {
            Self::Parse { kind, .. } => Some(kind),
            Self::Io { .. } => None,
        }
    }

    /// Where a content error is, `None` for I/O errors.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::Parse { at, .. } => Some(at),
            Self::Io { .. } => None,
        }
    }
}

/// Why an input's content was rejected.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input holds no records at all.
    #[error("the input is empty")]
    EmptyInput,
    /// The underlying parser (noodles) rejected the text; its message is kept.
    #[error("malformed record: {0}")]
    Malformed(String),

    // --- FASTA / FASTQ
    /// A FASTA file whose first non-empty line is not a `>` header.
    #[error("sequence data before the first '>' header")]
    MissingFastaHeader,
    /// A FASTQ record that does not start with `@`.
    #[error("record does not start with '@'")]
    MissingFastqHeader,
    /// A FASTQ record cut short by the end of the input.
    #[error("truncated record: the input ends inside it")]
    TruncatedRecord,
    /// A FASTQ record whose third line is not a `+` line.
    #[error("missing '+' line after the sequence")]
    MissingPlusLine,
    /// A FASTQ record whose sequence and quality lines differ in length.
    #[error("sequence length {sequence} differs from quality length {quality}")]
    LengthMismatch {
        /// Sequence length.
        sequence: usize,
        /// Quality string length.
        quality: usize,
    },
    /// A quality byte outside Phred+33's printable range `!`..=`~`.
    #[error("quality byte 0x{byte:02x} at position {position} is outside Phred+33 ('!'..='~')")]
    InvalidQuality {
        /// The offending byte.
        byte: u8,
        /// Its 1-based position in the quality string.
        position: usize,
    },
    /// A sequence byte that is not an IUPAC nucleotide code.
    #[error("byte {byte:?} at position {position} is not an IUPAC nucleotide code")]
    InvalidBase {
        /// The offending byte, as a character.
        byte: char,
        /// Its 1-based position in the sequence.
        position: u64,
    },
    /// A name (contig, gene, transcript) that the input or index does not hold.
    #[error("unknown name {0:?}")]
    UnknownName(String),
    /// A coordinate range that is empty or outside its contig.
    #[error("invalid range {start}..={end} on {contig:?} (length {length})")]
    InvalidRange {
        /// Contig name.
        contig: String,
        /// 1-based start.
        start: u64,
        /// 1-based inclusive end.
        end: u64,
        /// Contig length.
        length: u64,
    },

    // --- annotation (GTF / GFF3)
    /// A feature whose end lies before its start.
    #[error("end {end} is before start {start}")]
    EndBeforeStart {
        /// 1-based start.
        start: u64,
        /// 1-based end.
        end: u64,
    },
    /// A strand field other than `+`, `-`, `.` or `?`.
    #[error("unknown strand {0:?}")]
    UnknownStrand(String),
    /// A required attribute (e.g. `gene_id`) is absent.
    #[error("missing attribute {0:?}")]
    MissingAttribute(String),
    /// A gene or transcript id defined by two features (GTF `gene` lines, GFF3 `ID`s).
    #[error("duplicate feature id {0:?}")]
    DuplicateId(String),
    /// A feature line that contradicts what earlier lines said about its gene or transcript: another
    /// contig or strand, or (GTF) a transcript id reused under another gene. UCSC GTFs reuse transcript
    /// ids on chrX/chrY PAR and alt contigs; such files are rejected rather than merged across contigs.
    #[error("inconsistent feature {id:?}: {reason}")]
    InconsistentFeature {
        /// The gene or transcript id.
        id: String,
        /// What disagrees, with the line where the feature was first seen.
        reason: String,
    },
    /// A TSS window longer on one side than [`Window::MAX_FLANK`](crate::extract::Window::MAX_FLANK).
    #[error("window {upstream} bp upstream, {downstream} bp downstream exceeds the {max} bp limit per side")]
    WindowTooLong {
        /// Bases asked for upstream.
        upstream: u64,
        /// Bases asked for downstream.
        downstream: u64,
        /// The limit per side.
        max: u64,
    },
    /// A problem extracting the sequence of one feature (e.g. `"promoter of gene g1 (transcript t1)"`).
    #[error("{feature}: {source}")]
    Feature {
        /// Which feature, and which part of it.
        feature: String,
        /// The problem.
        #[source]
        source: Box<ParseError>,
    },
    /// A file name whose extension names no format the reader knows (e.g. neither `.gtf` nor `.gff3`).
    #[error("cannot tell the format of {0:?} from its extension")]
    UnknownFormat(String),

    // --- tables (counts, sample sheets, series matrices)
    /// A row with another number of fields than the header.
    #[error("row has {found} fields, the header has {expected}")]
    RaggedRow {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A gene id seen twice.
    #[error("duplicate gene id {0:?}")]
    DuplicateGene(String),
    /// A sample name seen twice.
    #[error("duplicate sample name {0:?}")]
    DuplicateSample(String),
    /// A column name (annotation or metadata) seen twice in a header.
    #[error("duplicate column name {0:?}")]
    DuplicateColumn(String),
    /// A count cell that is empty or `NA`.
    #[error("missing value {value:?} for gene {gene:?}, sample {sample:?}")]
    MissingValue {
        /// Row (gene id).
        gene: String,
        /// Column (sample name).
        sample: String,
        /// The cell's text.
        value: String,
    },
    /// A count cell that is not a number, or not a finite one.
    #[error("not a finite number: {value:?} for gene {gene:?}, sample {sample:?}")]
    NotANumber {
        /// Row (gene id).
        gene: String,
        /// Column (sample name).
        sample: String,
        /// The cell's text.
        value: String,
    },
    /// A negative count.
    #[error("negative count {value:?} for gene {gene:?}, sample {sample:?}")]
    NegativeCount {
        /// Row (gene id).
        gene: String,
        /// Column (sample name).
        sample: String,
        /// The cell's text.
        value: String,
    },
    /// A fractional count where integers are required (see the rounding option for estimated counts).
    #[error("non-integer count {value:?} for gene {gene:?}, sample {sample:?} (round estimated counts explicitly)")]
    NonIntegerCount {
        /// Row (gene id).
        gene: String,
        /// Column (sample name).
        sample: String,
        /// The cell's text.
        value: String,
    },
    /// A sample sheet or samples-as-rows table row whose sample name is empty or blank.
    #[error("blank sample name in column {column:?}")]
    MissingSampleName {
        /// The column the sample names come from (`""` for unnamed row names).
        column: String,
    },
    /// A column the format requires is absent.
    #[error("missing column {0:?}")]
    MissingColumn(String),
    /// Sample metadata and a count table disagree on sample names.
    #[error("samples disagree: {0}")]
    SampleMismatch(String),
}

/// Maps an error from a noodles reader into ours: end-of-input inside a record is a truncation, other
/// `InvalidData` messages are kept verbatim, anything else is I/O.
pub(crate) fn from_noodles(at: Location, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => Error::parse(at, ParseError::TruncatedRecord),
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => {
            Error::parse(at, ParseError::Malformed(e.to_string()))
        }
        _ => Error::io(at.file, e),
    }
}
