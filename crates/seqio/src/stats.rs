//! Whole-file statistics of FASTA and FASTQ files, the library side of the `seqstats` example.

use std::{io::BufRead, path::Path};

use crate::{
    error::{Error, Location, ParseError, Result},
    fasta, fastq,
};

/// The sequence formats `file_stats` recognises, by their first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `>` headers.
    Fasta,
    /// `@` headers, four-line records.
    Fastq,
}

impl Format {
    /// The format's name, as printed in tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fasta => "FASTA",
            Self::Fastq => "FASTQ",
        }
    }
}

/// Statistics of one file: its format and the summary of its records.
#[derive(Clone, Debug, PartialEq)]
pub struct FileStats {
    /// Detected format.
    pub format: Format,
    /// Records, bases, GC, lengths, and qualities for FASTQ.
    pub summary: fastq::Summary,
}

/// Reads a whole FASTA or FASTQ file (plain, gzip or BGZF), detecting the format from its first byte.
///
/// ```no_run
/// let stats = gptomics_seqio::stats::file_stats("reads.fastq.gz")?;
/// println!("{} reads, GC {:.1} %", stats.summary.reads(), stats.summary.gc_percent().unwrap_or(0.0));
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn file_stats(path: impl AsRef<Path>) -> Result<FileStats> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let mut input = crate::io::open(path)?;
    let first = input.fill_buf().map_err(|e| Error::io(&name, e))?.first().copied();
    let mut summary = fastq::Summary::default();
    let format = match first {
        Some(b'>') => {
            let mut reader = fasta::Reader::new(input).with_name(&name);
            let mut record = fasta::Record::default();
            while reader.read_record(&mut record)? > 0 {
                summary.add_sequence(record.sequence(), None);
            }
            Format::Fasta
        }
        Some(b'@') => {
            let mut reader = fastq::Reader::new(input).with_name(&name);
            let mut record = fastq::Record::default();
            while reader.read_record(&mut record)? > 0 {
                summary.add(&record);
            }
            Format::Fastq
        }
        None => return Err(Error::parse(Location::file(name).at_line(1), ParseError::EmptyInput)),
        Some(_) => {
            let reason = "neither FASTA ('>') nor FASTQ ('@') at the first byte".to_string();
            return Err(Error::parse(Location::file(name).at_line(1), ParseError::Malformed(reason)));
        }
    };
    Ok(FileStats { format, summary })
}
