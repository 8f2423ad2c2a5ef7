//! The k-mer tokenizer: a rolling 2-bit code over the sequence, one table lookup a token.

use super::{KmerVocab, vocab::base_code};
use crate::{Encoding, Error, Result, SequenceTokenizer, SpecialTokens, tokenizer::check_sequence};

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

/// Whether every byte is A, C, G or T (either case). A branch-free fold, so it vectorises.
fn is_all_acgt(sequence: &[u8]) -> bool {
    sequence.iter().fold(0u8, |bad, &b| bad | u8::from(!matches!(b & 0xDF, b'A' | b'C' | b'G' | b'T'))) == 0
}

/// The 2-bit code of A, C, G or T (either case) by arithmetic on its ASCII code: A=0, C=1, G=2, T=3,
/// the same codes as the `CODES` table, without a memory load.
fn two_bit(base: u8) -> u64 {
    u64::from(((base >> 1) ^ (base >> 2)) & 3)
}

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

impl KmerTokenizer {
    /// Appends the k-mer ids of `sequence` to `ids`, without special tokens, masks or offsets: the fast path
    /// for bulk work (pretraining corpora, k-mer counting) where only ids are needed. Returns the number of
    /// ids appended. Same checks as [`SequenceTokenizer::encode`].
    ///
    /// ```
    /// use gptomics_tokenize::kmer::KmerTokenizer;
    /// let mut ids = Vec::new();
    /// KmerTokenizer::dnabert(3)?.encode_ids_into(b"AAAT", &mut ids)?;
    /// assert_eq!(ids, [5, 6]); // AAA, AAT
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn encode_ids_into(&self, sequence: &[u8], ids: &mut Vec<u32>) -> Result<usize> {
        let k = self.vocab.k();
        check_sequence(sequence)?;
        if sequence.len() < k {
            return Err(Error::SequenceShorterThanK { len: sequence.len(), k });
        }
        let n = (sequence.len() - k) / self.stride + 1;
        let mask = (1usize << (2 * k)) - 1;
        let unk = self.vocab.unk_id();
        if self.stride == 1 {
            // Every base from the k-th on ends a token, so there is no branch a base.
            // `code` holds the last k bases (2 bits each); `bad` has bit j set when base i-j was not ACGT.
            // Both registers only grow by shift-and-add (old bits fall off the top); the masks apply where
            // they are read, so the loop-carried chain is one `lea` a base, not shift, or and and.
            let start = ids.len();
            ids.resize(start + n, 0);
            if is_all_acgt(sequence) {
                // The common case, checked in one vectorised pass: no base to track, one add a base.
                let mut code = sequence[..k - 1].iter().fold(0u64, |code, &b| code * 4 + two_bit(b));
                for (slot, &b) in ids[start..].iter_mut().zip(&sequence[k - 1..]) {
                    code = code.wrapping_mul(4).wrapping_add(two_bit(b));
                    *slot = self.vocab.id_of_code(code as usize & mask);
                }
                return Ok(n);
            }
            let bad_mask = (1u64 << k) - 1;
            let (mut code, mut bad) = (0u64, 0u64);
            let mut step = |b: u8| {
                let c = CODES[usize::from(b)];
                code = code.wrapping_mul(4).wrapping_add(u64::from(c & 3));
                bad = bad.wrapping_mul(2).wrapping_add(u64::from(c >> 2));
                (code as usize & mask, bad & bad_mask)
            };
            for &b in &sequence[..k - 1] {
                step(b);
            }
            // Writing into a zeroed slice measured twice as fast as `extend` over a mapped iterator here.
            for (slot, &b) in ids[start..].iter_mut().zip(&sequence[k - 1..]) {
                let (code, bad) = step(b);
                let id = self.vocab.id_of_code(code);
                *slot = if bad == 0 { id } else { unk };
            }
            return Ok(n);
        }
        ids.reserve(n);
        // Rolling code of the last k bases; `valid` counts how many of them in a row were ACGT. A countdown,
        // not `i % stride`, decides where tokens end: a division a base would dominate the loop.
        let (mut code, mut valid, mut next_end) = (0usize, 0usize, k - 1);
        for (i, &b) in sequence.iter().enumerate() {
            let c = CODES[usize::from(b)];
            code = ((code << 2) | usize::from(c & 3)) & mask;
            valid = if c < 4 { valid + 1 } else { 0 };
            if i == next_end {
                ids.push(if valid >= k { self.vocab.id_of_code(code) } else { unk });
                next_end += self.stride;
            }
        }
        Ok(n)
    }
}

impl SequenceTokenizer for KmerTokenizer {
    fn encode(&self, sequence: &[u8]) -> Result<Encoding> {
        let specials = if self.add_special_tokens { 2 } else { 0 };
        let capacity = sequence.len() / self.stride + 1 + specials;
        let mut ids = Vec::with_capacity(capacity);
        let tokens = self.vocab.special_tokens();
        let (cls, sep) = (tokens.cls.as_ref().map_or(2, |s| s.id), tokens.sep.as_ref().map_or(3, |s| s.id));
        if self.add_special_tokens {
            ids.push(cls);
        }
        let n = self.encode_ids_into(sequence, &mut ids)?;
        let (k, stride) = (self.vocab.k(), self.stride);
        let mut offsets = Vec::with_capacity(n + specials);
        let mut special_mask = Vec::with_capacity(n + specials);
        if self.add_special_tokens {
            offsets.push((0, 0));
            special_mask.push(1);
        }
        offsets.extend((0..n).map(|t| (t * stride, t * stride + k)));
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
    fn test_encode_strides_agree() -> Result<()> {
        // The stride-1 fast path and the general loop must give the same k-mers where they overlap.
        let sequence = b"ACGTNACGGTTACAGnnACGTACGTTTGACAGT";
        for k in 1..=8 {
            let one = KmerTokenizer::dnabert(k)?.with_special_tokens(false);
            let ids = one.encode(sequence)?.ids().to_vec();
            for stride in 2..=k + 1 {
                let strided = KmerTokenizer::dnabert(k)?.with_stride(stride)?.with_special_tokens(false);
                let expected: Vec<u32> = ids.iter().step_by(stride).copied().collect();
                assert_eq!(strided.encode(sequence)?.ids(), expected, "k {k} stride {stride}");
            }
        }
        Ok(())
    }

    #[test]
    fn test_two_bit_matches_table() {
        for base in *b"ACGTacgt" {
            assert_eq!(two_bit(base), u64::from(CODES[usize::from(base)]), "{}", char::from(base));
        }
        assert!(is_all_acgt(b"ACGTacgt") && !is_all_acgt(b"ACGNT") && !is_all_acgt(b"ACG\x81"));
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
