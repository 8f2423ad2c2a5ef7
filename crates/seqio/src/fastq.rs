//! FASTQ: streaming records with validation, read QC (filters and trimming), summaries and writing.
//!
//! Parsing is noodles' (`noodles-fastq`), over plain, gzip or multi-member gzip input, one record in memory
//! at a time, so memory stays bounded on any file size. On top of it the reader checks what noodles does
//! not: sequence and quality lengths agree, qualities are Phred+33 (`!`..=`~`), and records are complete;
//! each error names the file, the line and the record.
//!
//! ```
//! use gptomics_seqio::fastq::{self, qc::QcOptions, Summary};
//!
//! let data = b"@r0\nACGTNN\n+\nIIII##\n@r1\nAC\n+\nII\n";
//! let qc = QcOptions { min_length: 3, ..QcOptions::default() };
//! let mut summary = Summary::default();
//! for record in fastq::Reader::new(&data[..]).records() {
//!     let mut record = record?;
//!     if qc.apply(&mut record).is_pass() {
//!         summary.add(&record);
//!     }
//! }
//! assert_eq!((summary.reads(), summary.bases()), (1, 6));
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

pub mod qc;
mod reader;
mod record;
mod summary;
mod writer;

pub use self::{reader::Reader, record::Record, summary::Summary, writer::Writer};

/// Phred+33 offset: quality byte `b` means Phred score `b - 33`.
pub const PHRED_OFFSET: u8 = b'!';
