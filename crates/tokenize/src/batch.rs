//! Truncation and padding: from encodings of any length to a rectangular batch a model can take.
//!
//! Truncation works on the input's tokens only: leading and trailing special tokens (`[CLS]`, `[SEP]`)
//! are always kept, so a truncated sequence still looks like a sequence to a model trained with them.

use crate::{Encoding, Error, Result};

/// Which tokens survive when an encoding is longer than `max_len`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Truncation {
    /// Keep the first tokens (HuggingFace's default, "right" truncation).
    #[default]
    Head,
    /// Keep the last tokens.
    Tail,
    /// Keep the first `head` and the last `tail` tokens, within the budget (`head` first). DNABERT's
    /// long-sequence setting, 300 + 212 input tokens, is `HeadTail { head: 300, tail: 212 }` with
    /// `max_len = 514` (the 512 plus `[CLS]` and `[SEP]`). Make `head + tail` fill the budget: with less,
    /// an encoding one token too long drops to `head + tail` tokens while one that fits keeps them all.
    HeadTail {
        /// Tokens kept from the start.
        head: usize,
        /// Tokens kept from the end.
        tail: usize,
    },
}

/// How long the padded batch is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Padding {
    /// Pad to the longest encoding of the batch.
    #[default]
    Longest,
    /// Pad every encoding to this length (truncating longer ones to it as well).
    Fixed(usize),
}

/// Which side padding goes on: right for BERT-style models, left for generation with GPT-style models.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    /// Pad after the tokens.
    #[default]
    Right,
    /// Pad before the tokens.
    Left,
}

/// How to make a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchOptions {
    /// Longest allowed encoding, specials included; `None` keeps every token.
    pub max_len: Option<usize>,
    /// What to keep when truncating.
    pub truncation: Truncation,
    /// How far to pad.
    pub padding: Padding,
    /// Where to pad.
    pub side: Side,
    /// The padding id (the tokenizer's `[PAD]`; GPT-2 users take `<|endoftext|>`).
    pub pad_id: u32,
}

impl BatchOptions {
    /// Pad to the longest with `pad_id`, on the right, no truncation.
    pub fn new(pad_id: u32) -> Self {
        Self { max_len: None, truncation: Truncation::Head, padding: Padding::Longest, side: Side::Right, pad_id }
    }
}

/// A rectangular batch: `batch_size × seq_len` ids and attention mask, row-major, plus the encodings as
/// padded (their offsets map tokens back to bases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    ids: Vec<u32>,
    attention_mask: Vec<u32>,
    seq_len: usize,
    encodings: Vec<Encoding>,
}

impl Batch {
    /// Token ids, `[batch_size * seq_len]`, row-major.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// Attention mask, `[batch_size * seq_len]`, 0 on padding.
    pub fn attention_mask(&self) -> &[u32] {
        &self.attention_mask
    }

    /// `(batch_size, seq_len)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.encodings.len(), self.seq_len)
    }

    /// The truncated and padded encodings, one a row.
    pub fn encodings(&self) -> &[Encoding] {
        &self.encodings
    }
}

/// Truncates `encoding` to at most `max_len` tokens, keeping its leading and trailing special tokens.
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, batch::{Truncation, truncate}, kmer::KmerTokenizer};
///
/// let tokenizer = KmerTokenizer::dnabert(3)?;
/// let encoding = tokenizer.encode(b"AAAATTTT")?; // [CLS] + 6 three-mers + [SEP]
/// let cut = truncate(&encoding, 5, Truncation::HeadTail { head: 2, tail: 1 })?;
/// assert_eq!(cut.offsets(), [(0, 0), (0, 3), (1, 4), (5, 8), (0, 0)]);
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
pub fn truncate(encoding: &Encoding, max_len: usize, truncation: Truncation) -> Result<Encoding> {
    let special = encoding.special_tokens_mask();
    let leading = special.iter().take_while(|&&s| s == 1).count();
    let trailing = if leading == special.len() { 0 } else { special.iter().rev().take_while(|&&s| s == 1).count() };
    let specials = leading + trailing;
    if max_len < specials {
        return Err(Error::MaxLenTooSmall { max_len, specials });
    }
    let content = encoding.len() - specials;
    let budget = max_len - specials;
    if content <= budget {
        return Ok(encoding.clone());
    }
    let (head, tail) = match truncation {
        Truncation::Head => (budget, 0),
        Truncation::Tail => (0, budget),
        Truncation::HeadTail { head, tail } => (head.min(budget), tail.min(budget - head.min(budget))),
    };
    let end = encoding.len() - trailing;
    let keep = (0..leading + head).chain(end - tail..encoding.len());
    Ok(encoding.select(keep))
}

/// Truncates (when `max_len` or a fixed padding asks for it) and pads encodings into one [`Batch`].
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, batch::{BatchOptions, Side, pad_batch}, kmer::KmerTokenizer};
///
/// let tokenizer = KmerTokenizer::dnabert(3)?;
/// let encodings = tokenizer.encode_batch(&[b"ACGTA", b"ACG"])?;
/// let batch = pad_batch(&encodings, &BatchOptions { side: Side::Left, ..BatchOptions::new(0) })?;
/// assert_eq!(batch.shape(), (2, 5));
/// assert_eq!(&batch.attention_mask()[5..], [0, 0, 1, 1, 1]);
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
pub fn pad_batch(encodings: &[Encoding], options: &BatchOptions) -> Result<Batch> {
    let max_len = match (options.max_len, options.padding) {
        (Some(m), Padding::Fixed(f)) => Some(m.min(f)),
        (m, Padding::Fixed(f)) => m.or(Some(f)),
        (m, Padding::Longest) => m,
    };
    let mut rows = encodings
        .iter()
        .map(|e| match max_len {
            Some(m) if e.len() > m => truncate(e, m, options.truncation),
            _ => Ok(e.clone()),
        })
        .collect::<Result<Vec<_>>>()?;
    let seq_len = match options.padding {
        Padding::Fixed(f) => f,
        Padding::Longest => rows.iter().map(Encoding::len).max().unwrap_or(0),
    };
    let cells = rows.len().checked_mul(seq_len).ok_or_else(|| {
        Error::InvalidInput(format!("a batch of {} × {seq_len} tokens does not fit in memory", rows.len()))
    })?;
    let (mut ids, mut attention_mask) = (Vec::with_capacity(cells), Vec::with_capacity(cells));
    for row in &mut rows {
        row.pad(seq_len - row.len(), options.pad_id, options.side == Side::Left);
        ids.extend_from_slice(row.ids());
        attention_mask.extend_from_slice(row.attention_mask());
    }
    Ok(Batch { ids, attention_mask, seq_len, encodings: rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SequenceTokenizer, kmer::KmerTokenizer};

    fn three_mers(sequence: &[u8]) -> Result<Encoding> {
        KmerTokenizer::dnabert(3)?.encode(sequence)
    }

    #[test]
    fn test_truncate_strategies() -> Result<()> {
        let encoding = three_mers(b"AAAATTTTCC")?; // [CLS] + 8 three-mers + [SEP]
        let starts = |e: &Encoding| e.offsets().iter().map(|o| o.0).collect::<Vec<_>>();
        assert_eq!(starts(&truncate(&encoding, 5, Truncation::Head)?), [0, 0, 1, 2, 0]);
        assert_eq!(starts(&truncate(&encoding, 5, Truncation::Tail)?), [0, 5, 6, 7, 0]);
        assert_eq!(starts(&truncate(&encoding, 6, Truncation::HeadTail { head: 1, tail: 3 })?), [0, 0, 5, 6, 7, 0]);
        // head + tail under the budget keeps exactly head + tail.
        assert_eq!(starts(&truncate(&encoding, 9, Truncation::HeadTail { head: 1, tail: 1 })?), [0, 0, 7, 0]);
        // A head longer than the budget keeps the head only.
        assert_eq!(starts(&truncate(&encoding, 4, Truncation::HeadTail { head: 9, tail: 9 })?), [0, 0, 1, 0]);
        // Room for everything: unchanged; room for the specials only: specials only.
        assert_eq!(truncate(&encoding, 100, Truncation::Head)?, encoding);
        assert_eq!(truncate(&encoding, 2, Truncation::Head)?.ids(), [2, 3]);
        assert!(matches!(
            truncate(&encoding, 1, Truncation::Head),
            Err(Error::MaxLenTooSmall { max_len: 1, specials: 2 })
        ));
        Ok(())
    }

    #[test]
    fn test_pad_batch_fixed_and_sides() -> Result<()> {
        let encodings = vec![three_mers(b"ACGTACGT")?, three_mers(b"ACG")?];
        let options = BatchOptions { padding: Padding::Fixed(5), pad_id: 0, ..BatchOptions::new(0) };
        let batch = pad_batch(&encodings, &options)?;
        assert_eq!(batch.shape(), (2, 5));
        assert_eq!(&batch.ids()[..5], [2, encodings[0].ids()[1], encodings[0].ids()[2], encodings[0].ids()[3], 3]);
        assert_eq!(&batch.ids()[5..], [2, encodings[1].ids()[1], 3, 0, 0]);
        assert_eq!(&batch.attention_mask()[5..], [1, 1, 1, 0, 0]);
        assert_eq!(batch.encodings()[1].special_tokens_mask(), [1, 0, 1, 1, 1]);
        let left = pad_batch(&encodings[1..], &BatchOptions { side: Side::Left, ..options })?;
        assert_eq!(left.ids(), [0, 0, 2, encodings[1].ids()[1], 3]);
        assert_eq!(left.encodings()[0].offsets()[3], (0, 3));
        Ok(())
    }

    #[test]
    fn test_pad_batch_empty() -> Result<()> {
        let batch = pad_batch(&[], &BatchOptions::new(0))?;
        assert_eq!(batch.shape(), (0, 0));
        Ok(())
    }
}
