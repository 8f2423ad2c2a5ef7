//! Tokenizers named by a short text spec, as command-line tools take them: `kmer:6`, `kmer:6:stride6`,
//! `bpe:PATH/tokenizer.json`.

use crate::{Error, Result, SequenceTokenizer, bpe::BpeTokenizer, kmer::KmerTokenizer};

/// Builds the tokenizer a spec names.
///
/// - `kmer:K`: DNABERT's overlapping K-mers (K = 1..=8), `[CLS] … [SEP]`;
/// - `kmer:K:strideS`: K-mers every S bases (`kmer:6:stride6` for disjoint 6-mers);
/// - `bpe:PATH`: a HuggingFace `tokenizer.json` (DNABERT-2's, a GPT-2 byte-level BPE, one we trained).
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, from_spec};
///
/// let tokenizer = from_spec("kmer:3:stride3")?;
/// assert_eq!(tokenizer.encode(b"AAATTT")?.len(), 2 + 2);
/// assert!(from_spec("kmer:x").is_err() && from_spec("wordpiece:v.txt").is_err());
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
pub fn from_spec(spec: &str) -> Result<Box<dyn SequenceTokenizer>> {
    let invalid = |why: &str| Error::InvalidInput(format!("tokenizer spec {spec:?}: {why}"));
    match spec.split_once(':') {
        Some(("kmer", rest)) => {
            let (k, stride) = match rest.split_once(':') {
                Some((k, stride)) => (k, Some(stride)),
                None => (rest, None),
            };
            let k: usize = k.parse().map_err(|_| invalid("k is not a number"))?;
            let mut tokenizer = KmerTokenizer::dnabert(k)?;
            if let Some(stride) = stride {
                let stride = stride.strip_prefix("stride").ok_or_else(|| invalid("expected strideS after k"))?;
                tokenizer = tokenizer.with_stride(stride.parse().map_err(|_| invalid("stride is not a number"))?)?;
            }
            Ok(Box::new(tokenizer))
        }
        Some(("bpe", path)) if !path.is_empty() => Ok(Box::new(BpeTokenizer::from_file(path)?)),
        _ => Err(invalid("expected kmer:K, kmer:K:strideS or bpe:PATH")),
    }
}
