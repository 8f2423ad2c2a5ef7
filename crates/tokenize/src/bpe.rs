//! Byte-pair encodings from HuggingFace `tokenizer.json` files (DNABERT-2, GPT-2 byte-level), and
//! training new DNA BPEs.
//!
//! [`BpeTokenizer`] wraps the `tokenizers` crate, so ids, offsets and special tokens are byte-identical to
//! Python's `tokenizers` (checked against a fixture in `tests/bpe_parity.rs`). Truncation and padding
//! stored in a `tokenizer.json` are switched off on load: rectangular batches are [`crate::batch`]'s job.
//! [`train_dna_bpe`] trains a DNABERT-2-style vocabulary on uppercased, chunked sequences.
//!
//! ```
//! use gptomics_tokenize::{SequenceTokenizer, bpe::{DnaBpeConfig, train_dna_bpe}};
//!
//! let config = DnaBpeConfig { vocab_size: 16, ..DnaBpeConfig::default() };
//! let tokenizer = train_dna_bpe([&b"acgtacgtacgtTTTT"[..], b"ACGTACGA"], &config)?;
//! let encoding = tokenizer.encode(b"ACGTACGT")?;
//! assert_eq!(tokenizer.id_to_token(encoding.ids()[0]).as_deref(), Some("[CLS]"));
//! assert_eq!(encoding.offsets().last(), Some(&(0, 0))); // [SEP]
//! # Ok::<(), gptomics_tokenize::Error>(())
//! ```

mod tokenizer;
mod trainer;

pub use self::{
    tokenizer::BpeTokenizer,
    trainer::{DnaBpeConfig, train_dna_bpe, train_dna_bpe_fasta},
};
