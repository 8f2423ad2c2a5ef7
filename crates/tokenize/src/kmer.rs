//! DNABERT's k-mer tokenization: overlapping (stride 1) or disjoint (stride k) k-mers of A, C, G, T.
//!
//! The vocabulary is `[PAD] [UNK] [CLS] [SEP] [MASK]` followed by every k-mer in A, T, C, G order
//! (DNABERT's `itertools.product("ATCG", repeat=k)`), so for k = 3..=6 it equals DNABERT's `vocab.txt`
//! token for token. A k-mer holding `N` or any other non-ACGT byte is `[UNK]`; lowercase is uppercased;
//! encodings are wrapped in `[CLS] … [SEP]` as DNABERT's BERT tokenizer does.
//!
//! ```
//! use gptomics_tokenize::{SequenceTokenizer, kmer::KmerTokenizer};
//!
//! let tokenizer = KmerTokenizer::dnabert(3)?;
//! let encoding = tokenizer.encode(b"acgNt")?;
//! let tokens: Vec<_> = encoding.ids().iter().filter_map(|&id| tokenizer.id_to_token(id)).collect();
//! assert_eq!(tokens, ["[CLS]", "ACG", "[UNK]", "[UNK]", "[SEP]"]);
//! # Ok::<(), gptomics_tokenize::Error>(())
//! ```

mod tokenizer;
mod vocab;

pub use self::{tokenizer::KmerTokenizer, vocab::KmerVocab};
