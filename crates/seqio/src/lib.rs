//! Genomic file input for gptomics: everything the pipeline reads from disk.
//!
//! Built on [noodles](https://github.com/zaeleus/noodles) for the formats themselves; this crate adds what
//! an analysis needs on top: validation with errors that name the file, line and record
//! ([`Error`]), read QC, gene models with canonical transcripts, strand-aware sequence extraction, and
//! the count tables and sample sheets of RNA-seq studies.
//!
//! | module | holds |
//! |---|---|
//! | [`io`] | opening plain, gzip and BGZF inputs |
//! | [`fasta`] | streaming and indexed (`.fai`) FASTA, IUPAC validation, writer |
//! | [`fastq`] | streaming FASTQ, read QC (filters, trimming), summaries, writer |
//! | [`annotation`] | gene models from GTF and GFF3, canonical transcripts |
//! | [`extract`] | gene bodies, spliced transcripts and TSS windows from a genome |
//! | [`counts`] | gene × sample count tables (GEO, featureCounts, HTSeq) |
//! | [`samples`] | sample sheets and GEO series matrices, checked against count tables |
//! | [`stats`] | whole-file FASTA/FASTQ statistics |
//! | [`tsv`] | tab-separated table writing |
//!
//! ```
//! use gptomics_seqio::fastq;
//!
//! let mut reader = fastq::Reader::new(&b"@r0\nACGT\n+\nIIII\n"[..]);
//! let record = reader.records().next().expect("one record")?;
//! assert_eq!(record.sequence(), b"ACGT");
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

pub mod annotation;
pub mod counts;
pub mod error;
pub mod extract;
pub mod fasta;
pub mod fastq;
pub mod io;
pub mod samples;
pub mod stats;
pub mod tsv;

pub use self::error::{Error, Location, ParseError, Result};
