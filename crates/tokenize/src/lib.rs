//! DNA tokenizers for gptomics: DNABERT's k-mers, byte-pair encodings (DNABERT-2, GPT-2) and gene
//! sentences, behind one interface, [`SequenceTokenizer`].
//!
//! Every tokenizer returns an [`Encoding`]: ids, attention mask, special-token mask and, for each token,
//! the half-open range of input bases it covers, which attention attribution uses to map token scores back
//! to bases. [`batch`] truncates (head, tail or head+tail) and pads encodings into rectangular batches.
//!
//! | module | holds |
//! |---|---|
//! | [`kmer`] | DNABERT k-mer vocabularies (k = 3..6 byte-identical to DNABERT's, any k up to 8) and tokenizer |
//! | [`bpe`] | HuggingFace `tokenizer.json` BPEs (DNABERT-2, GPT-2 byte-level), and training new DNA BPEs |
//! | [`gene_sentence`] | rank-value encoding of expression profiles into gene-token sentences |
//! | [`batch`] | truncation and padding |
//!
//! ```
//! use gptomics_tokenize::{SequenceTokenizer, kmer::KmerTokenizer};
//!
//! let tokenizer = KmerTokenizer::dnabert(6)?;
//! let encoding = tokenizer.encode(b"ACGTACGT")?;
//! assert_eq!(encoding.len(), 2 + 3); // [CLS], three overlapping 6-mers, [SEP]
//! assert_eq!(encoding.offsets()[1], (0, 6));
//! # Ok::<(), gptomics_tokenize::Error>(())
//! ```

pub mod batch;
pub mod bpe;
mod encoding;
mod error;
pub mod gene_sentence;
pub mod kmer;
mod spec;
mod special;
mod tokenizer;
mod vocab_file;

pub use self::{
    encoding::Encoding,
    error::{Error, Result},
    spec::from_spec,
    special::{Special, SpecialTokens},
    tokenizer::SequenceTokenizer,
};
