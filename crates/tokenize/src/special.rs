//! Special tokens by role, so callers ask for "the padding token" whatever the vocabulary calls it.

/// DNABERT's (BERT's) special tokens, at ids 0..5 of its k-mer vocabularies and of our gene vocabularies.
pub(crate) const BERT_SPECIALS: [&str; 5] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

/// One special token: its text and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Special {
    /// The token's text, e.g. `[PAD]` or `<|endoftext|>`.
    pub token: String,
    /// Its id.
    pub id: u32,
}

/// The special tokens of a tokenizer, by role. Roles a tokenizer lacks are `None` (GPT-2 has no `[CLS]`).
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, kmer::KmerTokenizer};
///
/// let tokenizer = KmerTokenizer::dnabert(6)?;
/// let specials = tokenizer.special_tokens();
/// assert_eq!(specials.pad.as_ref().map(|s| (s.token.as_str(), s.id)), Some(("[PAD]", 0)));
/// assert_eq!(specials.by_name("[SEP]"), Some(3));
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecialTokens {
    /// Padding.
    pub pad: Option<Special>,
    /// Unknown token.
    pub unk: Option<Special>,
    /// Classification token opening a sequence (BERT-style).
    pub cls: Option<Special>,
    /// Separator closing a sequence (BERT-style).
    pub sep: Option<Special>,
    /// Mask token for masked-language modelling.
    pub mask: Option<Special>,
    /// Beginning of sequence (GPT-style).
    pub bos: Option<Special>,
    /// End of sequence (GPT-style; GPT-2's `<|endoftext|>`).
    pub eos: Option<Special>,
}

impl SpecialTokens {
    /// Every special token that is set, with its role name (`"pad"`, `"unk"`, ...).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Special)> {
        [
            ("pad", &self.pad),
            ("unk", &self.unk),
            ("cls", &self.cls),
            ("sep", &self.sep),
            ("mask", &self.mask),
            ("bos", &self.bos),
            ("eos", &self.eos),
        ]
        .into_iter()
        .filter_map(|(role, s)| s.as_ref().map(|s| (role, s)))
    }

    /// The id of the special token whose text is `token`.
    pub fn by_name(&self, token: &str) -> Option<u32> {
        self.iter().find(|(_, s)| s.token == token).map(|(_, s)| s.id)
    }

    /// The id of the padding token, falling back to end-of-sequence as GPT-2 users do.
    pub fn pad_id(&self) -> Option<u32> {
        self.pad.as_ref().or(self.eos.as_ref()).map(|s| s.id)
    }
}
