//! gptomics: language-model analysis of genomes and transcriptomes.
//!
//! This facade re-exports the member crates under short names, so one dependency gives the whole toolkit:
//!
//! | module | crate | holds |
//! |---|---|---|
//! | [`seqio`] | `gptomics-seqio` | FASTA/FASTQ/GTF/GFF3, gene models, sequence extraction, count tables, sample sheets |
//! | [`tokenize`] | `gptomics-tokenize` | k-mer and BPE tokenizers, gene sentences, batching |
//! | [`gpt2`] | `gptomics-gpt2` | GPT-2 tiny…XL in burn, CPU and CUDA |
//! | [`train`] | `gptomics-train` | training, evaluation, embeddings, attention attribution |
//! | [`expr`] | `gptomics-expr` | differential expression and expression statistics |
//!
//! ```
//! use gptomics::seqio::fasta;
//!
//! let mut reader = fasta::Reader::new(&b">chr1\nACGT\n"[..]);
//! let record = reader.records().next().expect("one record")?;
//! assert_eq!(record.sequence(), b"ACGT");
//! # Ok::<(), gptomics::seqio::Error>(())
//! ```

pub mod pipeline;

pub use gptomics_expr as expr;
pub use gptomics_gpt2 as gpt2;
pub use gptomics_seqio as seqio;
pub use gptomics_tokenize as tokenize;
pub use gptomics_train as train;
