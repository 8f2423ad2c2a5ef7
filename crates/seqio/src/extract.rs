//! Sequences of annotated features from a genome: gene bodies, spliced transcripts and windows around
//! transcription start sites, all read in the feature's transcription direction (reverse-complemented on
//! the minus strand).
//!
//! The genome is any [`SequenceSource`]: [`InMemoryGenome`], or [`fasta::IndexedReader`](crate::fasta::IndexedReader)
//! for a FASTA file on disk.
//! Coordinates are 1-based and inclusive, as in the annotation. This module does not validate bases; the
//! FASTA readers do.
//!
//! ```
//! use gptomics_seqio::annotation::GeneModels;
//! use gptomics_seqio::extract::{self, InMemoryGenome};
//!
//! let mut genome = InMemoryGenome::from_records([("c", "AACCGGTTAC")]);
//! let gtf = b"c\ts\texon\t2\t4\t.\t-\t.\tgene_id \"g\"; transcript_id \"t\";\n\
//!             c\ts\texon\t7\t8\t.\t-\t.\tgene_id \"g\"; transcript_id \"t\";\n";
//! let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
//! let gene = models.get("g").expect("g");
//! assert_eq!(extract::gene_body(&mut genome, gene)?, b"AACCGGT"); // revcomp of ACCGGTT (2..=8)
//! assert_eq!(extract::spliced_transcript(&mut genome, &gene.transcripts()[0])?, b"AAGGT");
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

mod features;
mod in_memory_genome;
mod reverse_complement;
mod sequence_source;
mod window;

pub use self::{
    features::{gene_body, spliced_transcript},
    in_memory_genome::InMemoryGenome,
    reverse_complement::reverse_complement,
    sequence_source::SequenceSource,
    window::{EdgePolicy, Window, promoter, tss_window},
};
