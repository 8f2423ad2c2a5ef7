//! FASTA: streaming records, indexed random access through `.fai`, IUPAC validation and writing.
//!
//! Parsing is noodles' (`noodles-fasta`); this module adds what analyses need on top of it: optional
//! uppercasing of soft-masked genomes, validation against the IUPAC nucleotide alphabet with an error that
//! names file, line and position, and an indexed reader that builds its `.fai` (and, for BGZF, `.gzi`)
//! index when the file has none.
//!
//! ```
//! use gptomics_seqio::fasta::{ReadOptions, Reader};
//!
//! let mut reader = Reader::new(&b">chr1 soft-masked\nACgtN\n>chr2\nGG\n"[..])
//!     .with_options(ReadOptions { uppercase: true, ..ReadOptions::default() });
//! let records = reader.records().collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(records[0].name(), "chr1");
//! assert_eq!(records[0].sequence(), b"ACGTN");
//! assert_eq!(records[1].sequence(), b"GG");
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

pub mod alphabet;
mod indexed_reader;
mod reader;
mod record;
mod writer;

pub use self::{
    indexed_reader::IndexedReader,
    reader::{ReadOptions, Reader},
    record::Record,
    writer::Writer,
};
