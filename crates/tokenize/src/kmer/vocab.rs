//! k-mer vocabularies: DNABERT's layout, built or read from a `vocab.txt`.

use std::{collections::HashMap, path::Path};

use crate::{Error, Result, Special, SpecialTokens};

use crate::special::BERT_SPECIALS as SPECIALS;
/// DNABERT's base order for enumerating k-mers.
const BASES: [u8; 4] = *b"ATCG";
/// Longest supported k: 4^8 = 65,536 k-mers.
pub const MAX_K: usize = 8;
/// Number of distinct codes of k-mers up to [`MAX_K`].
const CODES_MAX: usize = 1 << (2 * MAX_K);

/// A k-mer vocabulary: tokens in id order, plus a dense table from a k-mer's 2-bit code to its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KmerVocab {
    k: usize,
    tokens: Vec<String>,
    /// `by_code[c]` is the id of the k-mer whose bases, 2 bits each (A=0, C=1, G=2, T=3), read as `c`.
    /// Sized for the largest k, so that `code & CODE_MASK` indexing needs no bounds check in the hot loop.
    by_code: Box<[u32; CODES_MAX]>,
    index: HashMap<String, u32>,
    specials: SpecialTokens,
}

impl KmerVocab {
    /// DNABERT's vocabulary for `k` (1..=8): specials, then every k-mer in A, T, C, G order.
    ///
    /// ```
    /// let vocab = gptomics_tokenize::kmer::KmerVocab::new(3)?;
    /// assert_eq!(vocab.len(), 5 + 64);
    /// assert_eq!(&vocab.tokens()[5..8], ["AAA", "AAT", "AAC"]);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn new(k: usize) -> Result<Self> {
        if !(1..=MAX_K).contains(&k) {
            return Err(Error::InvalidK(k));
        }
        let mut tokens: Vec<String> = SPECIALS.iter().map(|s| s.to_string()).collect();
        for n in 0..4usize.pow(k as u32) {
            // Digits of n in base 4, most significant first, map to A, T, C, G.
            let kmer = (0..k).rev().map(|i| char::from(BASES[(n >> (2 * i)) & 3])).collect();
            tokens.push(kmer);
        }
        Self::from_tokens(tokens, "<built-in>")
    }

    /// Reads a `vocab.txt` (one token per line, as DNABERT ships them; a missing final newline is fine).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let (tokens, name) = crate::vocab_file::read_tokens(path.as_ref())?;
        Self::from_tokens(tokens, &name)
    }

    /// Builds a vocabulary from tokens in id order: the five DNABERT specials (any order) and all 4^k
    /// k-mers of one length k, each exactly once.
    pub fn from_tokens(tokens: Vec<String>, file: &str) -> Result<Self> {
        let invalid = |line: usize, reason: String| Error::Vocabulary { file: file.to_string(), line, reason };
        let k = tokens
            .iter()
            .find(|t| !SPECIALS.contains(&t.as_str()))
            .map(String::len)
            .ok_or_else(|| invalid(1, "no k-mer tokens".into()))?;
        if !(1..=MAX_K).contains(&k) {
            return Err(invalid(1, format!("k-mers of length {k} (supported: 1..={MAX_K})")));
        }
        let n_codes = 4usize.pow(k as u32);
        let mut by_code = Box::new([0u32; CODES_MAX]);
        by_code[..n_codes].fill(u32::MAX);
        let mut index = HashMap::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            let id = u32::try_from(i).map_err(|_| invalid(i + 1, "too many tokens".into()))?;
            if index.insert(token.clone(), id).is_some() {
                return Err(invalid(i + 1, format!("duplicate token {token:?}")));
            }
            if SPECIALS.contains(&token.as_str()) {
                continue;
            }
            let uppercase = token.bytes().all(|b| b.is_ascii_uppercase());
            let code = (token.len() == k && uppercase).then(|| code_of(token.as_bytes())).flatten();
            let code = code.ok_or_else(|| invalid(i + 1, format!("{token:?} is not a {k}-mer of A, C, G, T")))?;
            if by_code[code] != u32::MAX {
                return Err(invalid(i + 1, format!("{token:?} repeats the k-mer of id {}", by_code[code])));
            }
            by_code[code] = id;
        }
        if let Some(missing) = by_code[..n_codes].iter().position(|&id| id == u32::MAX) {
            return Err(invalid(tokens.len(), format!("k-mer with code {missing} is missing")));
        }
        let special = |token: &str| -> Result<Special> {
            let id = index.get(token).copied().ok_or_else(|| Error::MissingSpecialToken(token.into()))?;
            Ok(Special { token: token.into(), id })
        };
        let specials = SpecialTokens {
            pad: Some(special("[PAD]")?),
            unk: Some(special("[UNK]")?),
            cls: Some(special("[CLS]")?),
            sep: Some(special("[SEP]")?),
            mask: Some(special("[MASK]")?),
            bos: None,
            eos: None,
        };
        Ok(Self { k, tokens, by_code, index, specials })
    }

    /// Writes the vocabulary as `vocab.txt`, one token per line.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::vocab_file::write_tokens(path.as_ref(), &self.tokens)
    }

    /// k.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Tokens in id order.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the vocabulary is empty (never, for a valid one).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The id of `token`.
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.index.get(token).copied()
    }

    /// The special tokens.
    pub fn special_tokens(&self) -> &SpecialTokens {
        &self.specials
    }

    /// The id of the k-mer with 2-bit code `code` (see [`base_code`]).
    pub(crate) fn id_of_code(&self, code: usize) -> u32 {
        self.by_code[code & (CODES_MAX - 1)]
    }

    pub(crate) fn unk_id(&self) -> u32 {
        self.specials.unk.as_ref().map_or(1, |s| s.id)
    }
}

/// 2-bit code of a base, either case: A=0, C=1, G=2, T=3; 4 for anything else.
pub(crate) const fn base_code(base: u8) -> u8 {
    match base {
        b'A' | b'a' => 0,
        b'C' | b'c' => 1,
        b'G' | b'g' => 2,
        b'T' | b't' => 3,
        _ => 4,
    }
}

/// The 2-bit code of a whole k-mer, `None` when it holds a non-ACGT byte.
fn code_of(kmer: &[u8]) -> Option<usize> {
    kmer.iter().try_fold(0usize, |code, &b| {
        let c = base_code(b);
        (c < 4).then_some((code << 2) | usize::from(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_from_tokens_rejects_bad_kmers() {
        let mut tokens: Vec<String> = KmerVocab::new(1).map(|v| v.tokens().to_vec()).unwrap_or_default();
        tokens.push("a".into());
        assert!(matches!(KmerVocab::from_tokens(tokens.clone(), "v.txt"), Err(Error::Vocabulary { line: 10, .. })));
        tokens.pop();
        tokens.pop();
        assert!(matches!(KmerVocab::from_tokens(tokens, "v.txt"), Err(Error::Vocabulary { .. })));
    }
}
