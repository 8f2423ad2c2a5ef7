//! The interface every sequence tokenizer implements.

use rayon::prelude::*;

use crate::{Encoding, Error, Result, SpecialTokens};

/// A tokenizer of DNA (or any ASCII) sequences.
///
/// Implementations are `Send + Sync` so [`SequenceTokenizer::encode_batch`] can spread a batch over cores
/// with rayon.
pub trait SequenceTokenizer: Send + Sync {
    /// Encodes one sequence (bytes, e.g. straight from a FASTA record).
    fn encode(&self, sequence: &[u8]) -> Result<Encoding>;

    /// Encodes many sequences in parallel; the first failure is returned with the index of its sequence.
    ///
    /// ```
    /// use gptomics_tokenize::{SequenceTokenizer, kmer::KmerTokenizer};
    ///
    /// let tokenizer = KmerTokenizer::dnabert(3)?;
    /// let encodings = tokenizer.encode_batch(&[b"ACGT", b"TTTT"])?;
    /// assert_eq!(encodings[1].ids(), [2, 26, 26, 3]); // [CLS] TTT TTT [SEP]
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    fn encode_batch(&self, sequences: &[&[u8]]) -> Result<Vec<Encoding>> {
        sequences
            .par_iter()
            .enumerate()
            .map(|(index, s)| self.encode(s).map_err(|e| Error::InBatch { index, source: Box::new(e) }))
            .collect()
    }

    /// Number of tokens in the vocabulary.
    fn vocab_size(&self) -> usize;

    /// The id of `token`, if the vocabulary holds it.
    fn token_to_id(&self, token: &str) -> Option<u32>;

    /// The text of token `id`, if the vocabulary holds it.
    fn id_to_token(&self, id: u32) -> Option<String>;

    /// The special tokens, by role.
    fn special_tokens(&self) -> &SpecialTokens;
}

/// The checks every sequence tokenizer makes first: the input is not empty, and it is ASCII (DNA is; and
/// byte offsets then equal character offsets).
pub(crate) fn check_sequence(sequence: &[u8]) -> Result<()> {
    if sequence.is_empty() {
        return Err(Error::EmptySequence);
    }
    if !sequence.is_ascii() {
        let position = sequence.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        return Err(Error::NonAscii { byte: sequence[position], position });
    }
    Ok(())
}
