//! [`BpeTokenizer`]: a HuggingFace `tokenizer.json` BPE behind [`SequenceTokenizer`].
//!
//! Encoding is the `tokenizers` crate's own pipeline (normalizer, pre-tokenizer, BPE, post-processor), not
//! a re-implementation, so results equal Python's `tokenizers`. This file only adds input checks, the
//! conversion to our [`Encoding`], and special tokens by role. It does not truncate or pad.

use std::{path::Path, str::FromStr};

use tokenizers::{ModelWrapper, Tokenizer};

use crate::{Encoding, Error, Result, SequenceTokenizer, Special, SpecialTokens, tokenizer::check_sequence};

/// A byte-pair-encoding tokenizer loaded from (or trained into) a HuggingFace `tokenizer.json`.
///
/// Encodings include the special tokens of the file's post-processor (DNABERT-2: `[CLS] $A [SEP]`;
/// GPT-2 byte-level: none). Offsets are byte offsets into the input; HuggingFace's Python API reports
/// character offsets, which are the same numbers because inputs must be ASCII.
///
/// Truncation and padding settings stored in the file (DNABERT-2's fine-tuning copy truncates to 636
/// tokens and pads batches) are disabled on load, so [`SequenceTokenizer::encode`] always returns every
/// token of the sequence; truncate and pad with [`crate::batch`]. [`BpeTokenizer::save`] writes them as
/// disabled.
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, bpe::BpeTokenizer};
///
/// let json = r#"{"version": "1.0", "added_tokens": [
///     {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
///      "normalized": false, "special": true}],
///   "model": {"type": "BPE", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "A": 1, "C": 2, "AC": 3},
///     "merges": [["A", "C"]]}}"#;
/// let tokenizer: BpeTokenizer = json.parse()?;
/// let encoding = tokenizer.encode(b"ACAG")?;
/// assert_eq!(encoding.ids(), [3, 1, 0]); // AC A [UNK]
/// assert_eq!(encoding.offsets(), [(0, 2), (2, 3), (3, 4)]);
/// assert_eq!(tokenizer.special_tokens().unk.as_ref().map(|s| s.id), Some(0));
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BpeTokenizer {
    inner: Tokenizer,
    specials: SpecialTokens,
}

impl BpeTokenizer {
    /// Loads a `tokenizer.json`; a malformed file or a model other than BPE is an error naming the file.
    ///
    /// ```no_run
    /// use gptomics_tokenize::bpe::BpeTokenizer;
    /// let dnabert2 = BpeTokenizer::from_file("dnabert2/tokenizer.json")?;
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path.display().to_string(), e))?;
        Self::parse(&json, &path.display().to_string())
    }

    /// Parses the contents of a `tokenizer.json` (also available as [`str::parse`]).
    ///
    /// ```
    /// use gptomics_tokenize::{Error, bpe::BpeTokenizer};
    /// assert!(matches!(BpeTokenizer::from_json("{\"model\": "), Err(Error::Tokenizers { .. })));
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        Self::parse(json, "tokenizer JSON")
    }

    /// Wraps a HuggingFace tokenizer, disabling its truncation and padding; its model must be a BPE.
    ///
    /// ```
    /// use gptomics_tokenize::{SequenceTokenizer, bpe::BpeTokenizer};
    /// use tokenizers::{Tokenizer, models::bpe::BPE};
    ///
    /// let tokenizer = BpeTokenizer::from_tokenizer(Tokenizer::new(BPE::default()))?;
    /// assert_eq!(tokenizer.vocab_size(), 0);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn from_tokenizer(tokenizer: Tokenizer) -> Result<Self> {
        Self::wrap(tokenizer, "tokenizer")
    }

    /// Writes the tokenizer as pretty-printed `tokenizer.json` (truncation and padding disabled).
    ///
    /// ```
    /// use gptomics_tokenize::bpe::{BpeTokenizer, DnaBpeConfig, train_dna_bpe};
    ///
    /// let trained = train_dna_bpe([b"ACGTACGT"], &DnaBpeConfig { vocab_size: 10, ..DnaBpeConfig::default() })?;
    /// let path = std::env::temp_dir().join("gptomics_doc_bpe_save.json");
    /// trained.save(&path)?;
    /// assert_eq!(BpeTokenizer::from_file(&path)?.to_json()?, trained.to_json()?);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_json()?).map_err(|e| Error::io(path.display().to_string(), e))
    }

    /// The tokenizer as pretty-printed `tokenizer.json` text.
    ///
    /// ```
    /// use gptomics_tokenize::bpe::{DnaBpeConfig, train_dna_bpe};
    /// let trained = train_dna_bpe([b"ACGT"], &DnaBpeConfig::default())?;
    /// assert!(trained.to_json()?.contains("\"type\": \"BPE\""));
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn to_json(&self) -> Result<String> {
        self.inner.to_string(true).map_err(|e| Error::tokenizers("serializing tokenizer", e))
    }

    /// The wrapped HuggingFace tokenizer (for decoding, or settings this type does not expose).
    ///
    /// ```
    /// use gptomics_tokenize::bpe::{DnaBpeConfig, train_dna_bpe};
    /// let trained = train_dna_bpe([b"ACGT"], &DnaBpeConfig::default())?;
    /// assert!(trained.inner().get_truncation().is_none());
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn inner(&self) -> &Tokenizer {
        &self.inner
    }

    fn parse(json: &str, source: &str) -> Result<Self> {
        let tokenizer = Tokenizer::from_str(json).map_err(|e| Error::tokenizers(format!("parsing {source}"), e))?;
        Self::wrap(tokenizer, source)
    }

    fn wrap(mut inner: Tokenizer, source: &str) -> Result<Self> {
        let kind = match inner.get_model() {
            ModelWrapper::BPE(_) => None,
            ModelWrapper::WordPiece(_) => Some("WordPiece"),
            ModelWrapper::WordLevel(_) => Some("WordLevel"),
            ModelWrapper::Unigram(_) => Some("Unigram"),
        };
        if let Some(kind) = kind {
            return Err(Error::tokenizers(source, format!("model is {kind}, expected BPE")));
        }
        inner.with_truncation(None).map_err(|e| Error::tokenizers(format!("disabling truncation of {source}"), e))?;
        inner.with_padding(None);
        let specials = specials_by_role(&inner);
        Ok(Self { inner, specials })
    }
}

impl FromStr for BpeTokenizer {
    type Err = Error;

    fn from_str(json: &str) -> Result<Self> {
        Self::from_json(json)
    }
}

/// Roles of the added special tokens, by their conventional names (BERT's `[PAD]`, RoBERTa's `<pad>`,
/// GPT-2's `<|endoftext|>`, which is both bos and eos). RoBERTa's `<s>`/`</s>` are bos/eos and cls/sep.
fn specials_by_role(tokenizer: &Tokenizer) -> SpecialTokens {
    let mut added: Vec<_> = tokenizer.get_added_tokens_decoder().into_iter().filter(|(_, t)| t.special).collect();
    added.sort_by_key(|(id, _)| *id);
    let mut roles = SpecialTokens::default();
    for (id, token) in added {
        let set = |slot: &mut Option<Special>| {
            slot.get_or_insert_with(|| Special { token: token.content.clone(), id });
        };
        match token.content.as_str() {
            "[PAD]" | "<pad>" | "<|padding|>" => set(&mut roles.pad),
            "[UNK]" | "<unk>" => set(&mut roles.unk),
            "[CLS]" | "<cls>" => set(&mut roles.cls),
            "[SEP]" | "<sep>" => set(&mut roles.sep),
            "<bos>" => set(&mut roles.bos),
            "<eos>" => set(&mut roles.eos),
            "[MASK]" | "<mask>" => set(&mut roles.mask),
            "<s>" => {
                set(&mut roles.bos);
                set(&mut roles.cls);
            }
            "</s>" => {
                set(&mut roles.eos);
                set(&mut roles.sep);
            }
            "<|endoftext|>" => {
                set(&mut roles.bos);
                set(&mut roles.eos);
            }
            _ => {}
        }
    }
    roles
}

/// The input as `&str` after checking it is non-empty ASCII (so byte and character offsets agree).
fn ascii_str(sequence: &[u8]) -> Result<&str> {
    check_sequence(sequence)?;
    std::str::from_utf8(sequence).map_err(|e| Error::InvalidInput(e.to_string()))
}

// `encode_batch` is the trait's rayon loop over `encode`: HuggingFace's own `encode_batch` measured no
// faster (10.3 against 10.7 Mb/s on 2 cores, benches/bpe_encode.rs) and would need `&str` inputs.
impl SequenceTokenizer for BpeTokenizer {
    fn encode(&self, sequence: &[u8]) -> Result<Encoding> {
        let text = ascii_str(sequence)?;
        let encoding = self.inner.encode(text, true).map_err(|e| Error::tokenizers("encoding", e))?;
        Ok(Encoding::from_parts(
            encoding.get_ids().to_vec(),
            encoding.get_special_tokens_mask().to_vec(),
            encoding.get_offsets().to_vec(),
        ))
    }

    fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    fn token_to_id(&self, token: &str) -> Option<u32> {
        self.inner.token_to_id(token)
    }

    fn id_to_token(&self, id: u32) -> Option<String> {
        self.inner.id_to_token(id)
    }

    fn special_tokens(&self) -> &SpecialTokens {
        &self.specials
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GPT2_LIKE: &str = r#"{"added_tokens": [{"id": 2, "content": "<|endoftext|>", "single_word": false,
        "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
        "model": {"type": "BPE", "vocab": {"A": 0, "C": 1, "<|endoftext|>": 2}, "merges": []}}"#;

    #[test]
    fn test_encode() -> Result<()> {
        let tokenizer: BpeTokenizer = GPT2_LIKE.parse()?;
        assert!(matches!(tokenizer.encode(b""), Err(Error::EmptySequence)));
        assert!(matches!(tokenizer.encode("ACé".as_bytes()), Err(Error::NonAscii { byte: 0xc3, position: 2 })));
        let encoding = tokenizer.encode(b"CA")?;
        assert_eq!((encoding.ids(), encoding.special_tokens_mask()), (&[1, 0][..], &[0, 0][..]));
        Ok(())
    }

    #[test]
    fn test_specials_by_role() -> Result<()> {
        let tokenizer: BpeTokenizer = GPT2_LIKE.parse()?;
        let specials = tokenizer.special_tokens();
        assert_eq!(specials.bos.as_ref().map(|s| s.id), Some(2));
        assert_eq!(specials.eos.as_ref().map(|s| s.id), Some(2));
        assert_eq!((specials.pad_id(), specials.cls.as_ref()), (Some(2), None));
        Ok(())
    }

    #[test]
    fn test_from_json() {
        let word_level = r#"{"model": {"type": "WordLevel", "vocab": {"A": 0}, "unk_token": "A"}}"#;
        let err = BpeTokenizer::from_json(word_level).err().map(|e| e.to_string());
        assert!(err.as_deref().is_some_and(|e| e.contains("model is WordLevel")), "{err:?}");
        assert!(matches!(BpeTokenizer::from_json(&GPT2_LIKE[..40]), Err(Error::Tokenizers { .. })));
    }

    #[test]
    fn test_from_file() {
        let missing = BpeTokenizer::from_file("/nonexistent/tokenizer.json");
        assert!(matches!(missing, Err(Error::Io { file, .. }) if file == "/nonexistent/tokenizer.json"));
    }
}
