//! An encoded sequence: token ids, masks and the bases each token covers.

/// The output of a tokenizer for one sequence.
///
/// Every vector has one entry a token. `offsets[i]` is the half-open range of input bases (0-based) that
/// token `i` covers; special and padding tokens cover the empty range `(0, 0)`. Attention attribution
/// maps token scores back to bases through these offsets.
///
/// ```
/// use gptomics_tokenize::Encoding;
///
/// let encoding = Encoding::from_parts(vec![2, 7, 3], vec![1, 0, 1], vec![(0, 0), (0, 6), (0, 0)]);
/// assert_eq!(encoding.len(), 3);
/// assert_eq!(encoding.attention_mask(), [1, 1, 1]);
/// assert_eq!(encoding.content_ids().collect::<Vec<_>>(), [7]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Encoding {
    ids: Vec<u32>,
    attention_mask: Vec<u32>,
    special_tokens_mask: Vec<u32>,
    offsets: Vec<(usize, usize)>,
}

impl Encoding {
    /// An encoding of real (non-padding) tokens: the attention mask is all ones.
    ///
    /// # Panics
    /// If the three vectors differ in length (an internal invariant of every tokenizer here).
    pub fn from_parts(ids: Vec<u32>, special_tokens_mask: Vec<u32>, offsets: Vec<(usize, usize)>) -> Self {
        assert!(
            ids.len() == special_tokens_mask.len() && ids.len() == offsets.len(),
            "encoding parts differ in length: {} ids, {} mask, {} offsets",
            ids.len(),
            special_tokens_mask.len(),
            offsets.len()
        );
        let attention_mask = vec![1; ids.len()];
        Self { ids, attention_mask, special_tokens_mask, offsets }
    }

    /// Token ids.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// 1 for tokens to attend to, 0 for padding.
    pub fn attention_mask(&self) -> &[u32] {
        &self.attention_mask
    }

    /// 1 for special tokens (`[CLS]`, `[SEP]`, padding), 0 for tokens of the input.
    pub fn special_tokens_mask(&self) -> &[u32] {
        &self.special_tokens_mask
    }

    /// For each token, the half-open range of input bases it covers.
    pub fn offsets(&self) -> &[(usize, usize)] {
        &self.offsets
    }

    /// Number of tokens, padding included.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of the input's tokens, specials and padding left out.
    pub fn content_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.ids.iter().zip(&self.special_tokens_mask).filter(|(_, s)| **s == 0).map(|(id, _)| *id)
    }

    /// The tokens at `positions`, in that order (used by truncation).
    pub(crate) fn select(&self, positions: impl Iterator<Item = usize> + Clone) -> Self {
        let pick = |v: &[u32]| positions.clone().map(|i| v[i]).collect();
        Self {
            ids: pick(&self.ids),
            attention_mask: pick(&self.attention_mask),
            special_tokens_mask: pick(&self.special_tokens_mask),
            offsets: positions.clone().map(|i| self.offsets[i]).collect(),
        }
    }

    /// Adds `n` padding tokens with id `pad_id` on the left or right.
    pub(crate) fn pad(&mut self, n: usize, pad_id: u32, left: bool) {
        let extend = |v: &mut Vec<u32>, value: u32| {
            if left {
                v.splice(0..0, std::iter::repeat_n(value, n));
            } else {
                v.extend(std::iter::repeat_n(value, n));
            }
        };
        extend(&mut self.ids, pad_id);
        extend(&mut self.attention_mask, 0);
        extend(&mut self.special_tokens_mask, 1);
        if left {
            self.offsets.splice(0..0, std::iter::repeat_n((0, 0), n));
        } else {
            self.offsets.extend(std::iter::repeat_n((0, 0), n));
        }
    }
}
