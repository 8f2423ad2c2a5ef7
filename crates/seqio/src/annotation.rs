//! Gene models from GTF and GFF3: genes, their transcripts and exons, and one canonical transcript per
//! gene.
//!
//! Both formats are parsed by noodles; this module only groups the features into [`Gene`]s and
//! [`Transcript`]s and checks what noodles leaves to the caller (end before start, unknown strands,
//! missing ids), naming the file and line of every problem. Coordinates are 1-based and inclusive, as in
//! the files.
//!
//! It deliberately keeps only genes, transcripts and exons: CDS, UTR, codon and region features are
//! validated (noodles must accept them) but not stored.
//!
//! ```
//! use gptomics_seqio::annotation::{GeneModels, Strand};
//!
//! let gtf = b"chr1\tsrc\texon\t10\t20\t.\t-\t.\tgene_id \"g1\"; transcript_id \"t1\"; gene_name \"A\";\n";
//! let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
//! let gene = models.get("g1").expect("g1 is defined");
//! assert_eq!((gene.name(), gene.strand(), gene.tss()), (Some("A"), Strand::Reverse, 20));
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

mod exon;
mod gene;
mod gene_models;
mod gff3;
mod gtf;
mod parse;
mod strand;
mod transcript;

pub use self::{exon::Exon, gene::Gene, gene_models::GeneModels, strand::Strand, transcript::Transcript};
