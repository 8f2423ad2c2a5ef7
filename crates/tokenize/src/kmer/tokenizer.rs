//! The k-mer tokenizer: a rolling 2-bit code over the sequence, one table lookup a token.

use super::{KmerVocab, vocab::base_code};
use crate::{Encoding, Error, Result, SequenceTokenizer, SpecialTokens};

/// Splits sequences into k-mers and maps them to DNABERT's ids.
#[derive(Clone, Debug)]
pub struct KmerTokenizer {
    vocab: KmerVocab,
    stride: usize,
    add_special_tokens: bool,
}

/// Lookup table from byte to 2-bit base code (4 = not ACGT), so the hot loop has no branches on bases.
const CODES: [u8; 256] = {
    let mut table = [4u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = base_code(b as u8);
        b += 1;
    }
    table
};

impl KmerTokenizer {
    /// DNABERT's tokenizer for `k`: overlapping k-mers, `[CLS] … [SEP]`.
    pub fn dnabert(k: usize) -> Result<Self> {
        Ok(Self::new(KmerVocab::new(k)?))
    }

    /// A tokenizer over `vocab`, stride 1, with `[CLS]`/`[SEP]`.
    pub fn new(vocab: KmerVocab) -> Self {
        Self { vocab, stride: 1, add_special_tokens: true }
    }

    /// Sets the stride: 1 for DNABERT's overlapping k-mers, k for disjoint ones (bases after the last
    /// whole k-mer are dropped, as with any stride that does not divide the length).
    ///
    /// ```
    /// use gptomics_tokenize::{SequenceTokenizer, kmer::KmerTokenizer};
    /// let tokenizer = KmerTokenizer::dnabert(3)?.with_stride(3)?;
    /// assert_eq!(tokenizer.encode(b"AAATTTCC")?.offsets()[1..3], [(0, 3), (3, 6)]);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn with_stride(mut self, stride: usize) -> Result<Self> {
        if stride == 0 {
            return Err(Error::InvalidStride);
        }
        self.stride = stride;
        Ok(self)
    }

    /// Whether to wrap encodings in `[CLS] … [SEP]` (default: yes, as DNABERT).
    pub fn with_special_tokens(mut self, add: bool) -> Self {
        self.add_special_tokens = add;
        self
    }

    /// The vocabulary.
    pub fn vocab(&self) -> &KmerVocab {
        &self.vocab
    }

    /// The stride.
    pub fn stride(&self) -> usize {
        self.stride
    }
}

impl SequenceTokenizer for KmerTokenizer {
    fn encode(&self, sequence: &[u8]) -> Result<Encoding> {
        let k = self.vocab.k();
        if sequence.is_empty() {
            return Err(Error::EmptySequence);
        }
        if let Some(position) = sequence.iter().position(|b| !b.is_ascii()) {
            return Err(Error::NonAscii { byte: sequence[position], position });
        }
        if sequence.len() < k {
            return Err(Error::SequenceShorterThanK { len: sequence.len(), k });
        }
        let n = (sequence.len() - k) / self.stride + 1;
        let specials = if self.add_special_tokens { 2 } else { 0 };
        let mut ids = Vec::with_capacity(n + specials);
        let tokens = self.vocab.special_tokens();
        let (cls, sep) = (tokens.cls.as_ref().map_or(2, |s| s.id), tokens.sep.as_ref().map_or(3, |s| s.id));
        if self.add_special_tokens {
            ids.push(cls);
        }
        let mask = (1usize << (2 * k)) - 1;
        let unk = self.vocab.unk_id();
        // Rolling code of the last k bases; `valid` counts how many of them in a row were ACGT.
        let (mut code, mut valid) = (0usize, 0usize);
        for (i, &b) in sequence.iter().enumerate() {
            let c = CODES[usize::from(b)];
            code = ((code << 2) | usize::from(c & 3)) & mask;
            valid = if c < 4 { valid + 1 } else { 0 };
            if i + 1 >= k && (i + 1 - k).is_multiple_of(self.stride) {
                ids.push(if valid >= k { self.vocab.id_of_code(code) } else { unk });
            }
        }
        let mut offsets = Vec::with_capacity(ids.capacity());
        let mut special_mask = Vec::with_capacity(ids.capacity());
        if self.add_special_tokens {
            offsets.push((0, 0));
            special_mask.push(1);
        }
        offsets.extend((0..n).map(|t| (t * self.stride, t * self.stride + k)));
        special_mask.resize(special_mask.len() + n, 0);
        if self.add_special_tokens {
            ids.push(sep);
            offsets.push((0, 0));
            special_mask.push(1);
        }
        Ok(Encoding::from_parts(ids, special_mask, offsets))
    }

    fn vocab_size(&self) -> usize {
        self.vocab.len()
    }

    fn token_to_id(&self, token: &str) -> Option<u32> {
        self.vocab.token_to_id(token)
    }

    fn id_to_token(&self, id: u32) -> Option<String> {
        self.vocab.tokens().get(id as usize).cloned()
    }

    fn special_tokens(&self) -> &SpecialTokens {
        self.vocab.special_tokens()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_encode_errors() -> Result<()> {
        let tokenizer = KmerTokenizer::dnabert(6)?;
        assert!(matches!(tokenizer.encode(b""), Err(Error::EmptySequence)));
        assert!(matches!(tokenizer.encode(b"ACGTA"), Err(Error::SequenceShorterThanK { len: 5, k: 6 })));
        assert!(matches!(tokenizer.encode("ACGTACé".as_bytes()), Err(Error::NonAscii { position: 6, .. })));
        assert!(matches!(KmerTokenizer::dnabert(9), Err(Error::InvalidK(9))));
        assert!(matches!(KmerTokenizer::dnabert(3)?.with_stride(0), Err(Error::InvalidStride)));
        Ok(())
    }

    #[test]
    fn test_encode_unknown_and_case() -> Result<()> {
        let tokenizer = KmerTokenizer::dnabert(2)?.with_special_tokens(false);
        let ids = tokenizer.encode(b"aCnGT")?.ids().to_vec();
        let tokens: Vec<_> = ids.iter().filter_map(|&id| tokenizer.id_to_token(id)).collect();
        assert_eq!(tokens, ["AC", "[UNK]", "[UNK]", "GT"]);
        Ok(())
    }
}
