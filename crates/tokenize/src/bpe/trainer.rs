//! Training a DNABERT-2-style BPE on DNA with HuggingFace's `BpeTrainer`.
//!
//! Sequences are uppercased and cut into chunks of `chunk_len` bases before training. The trainer treats
//! each pre-tokenized string as one "word" and applies every merge to a word by shifting its symbol vector,
//! so one merge costs O(word length × occurrences): a whole chromosome as one word makes training
//! quadratic in its length. Chunks bound the word length, which keeps training linear in the total number
//! of bases (and lets the trainer count identical chunks once). Merges never span chunk boundaries, which
//! costs nothing at the chunk lengths used (≥ 100 bases, tokens ≤ `max_token_length`).
//!
//! The result has DNABERT-2's layout: specials `[UNK] [CLS] [SEP] [PAD] [MASK]` at ids 0..5, the
//! `Whitespace` pre-tokenizer (a DNA chunk is one word; gaps and separators split), and the
//! post-processor `[CLS] $A [SEP]`. Not done here: sampling or balancing genomes, which is the caller's.

use std::path::Path;

use gptomics_seqio::fasta::{ReadOptions, Reader};
use tokenizers::{
    AddedToken, Tokenizer,
    models::{
        TrainerWrapper,
        bpe::{BPE, BpeTrainer},
    },
    normalizers::{NormalizerWrapper, Replace, Sequence as NormalizerSequence},
    pre_tokenizers::whitespace::Whitespace,
    processors::template::TemplateProcessing,
};

use super::BpeTokenizer;
use crate::{Error, Result};

/// DNABERT-2's special tokens, in id order.
const SPECIALS: [&str; 5] = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"];

/// Settings of [`train_dna_bpe`].
///
/// ```
/// use gptomics_tokenize::bpe::DnaBpeConfig;
/// let config = DnaBpeConfig { vocab_size: 1024, ..DnaBpeConfig::default() };
/// assert_eq!(config.max_token_length, Some(32));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnaBpeConfig {
    /// Vocabulary size, specials included (training stops earlier when no pair is frequent enough).
    /// Default 4096, DNABERT-2's.
    pub vocab_size: usize,
    /// Longest token, in bases; `None` for no limit. Default 32, DNABERT-2's longest token.
    pub max_token_length: Option<usize>,
    /// Bases a chunk (see the module docs for why sequences are chunked). Default 1000.
    pub chunk_len: usize,
    /// Fewest occurrences of a pair for it to be merged. Default 2: a pair seen once is noise.
    pub min_frequency: u64,
}

impl Default for DnaBpeConfig {
    fn default() -> Self {
        Self { vocab_size: 4096, max_token_length: Some(32), chunk_len: 1000, min_frequency: 2 }
    }
}

/// Trains a DNA BPE on sequences (ASCII bytes, any case).
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, bpe::{DnaBpeConfig, train_dna_bpe}};
///
/// let config = DnaBpeConfig { vocab_size: 12, chunk_len: 8, ..DnaBpeConfig::default() };
/// let tokenizer = train_dna_bpe([b"acgtacgtACGTACGT"], &config)?;
/// assert_eq!(tokenizer.token_to_id("[MASK]"), Some(4));
/// assert_eq!(tokenizer.encode(b"ACGTACGT")?.ids(), [1, 11, 11, 2]); // [CLS] ACGT ACGT [SEP]
/// assert_eq!(tokenizer.id_to_token(11).as_deref(), Some("ACGT"));
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
pub fn train_dna_bpe<I, S>(sequences: I, config: &DnaBpeConfig) -> Result<BpeTokenizer>
where
    I: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut chunks = Vec::new();
    for (index, sequence) in sequences.into_iter().enumerate() {
        let sequence = sequence.as_ref();
        if let Some(position) = sequence.iter().position(|b| !b.is_ascii()) {
            let source = Box::new(Error::NonAscii { byte: sequence[position], position });
            return Err(Error::InBatch { index, source });
        }
        push_chunks(&mut chunks, sequence, config)?;
    }
    train_chunks(chunks, config)
}

/// Trains a DNA BPE on every record of FASTA files (plain or gzipped; bases checked against IUPAC).
///
/// ```
/// use gptomics_tokenize::{SequenceTokenizer, bpe::{DnaBpeConfig, train_dna_bpe_fasta}};
///
/// let path = std::env::temp_dir().join("gptomics_doc_train_dna_bpe.fa");
/// std::fs::write(&path, b">a\nACGTACGT\nacgt\n>b\nTTTT\n")?;
/// let tokenizer = train_dna_bpe_fasta(&[&path], &DnaBpeConfig::default())?;
/// assert!(tokenizer.token_to_id("ACGT").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn train_dna_bpe_fasta(paths: &[impl AsRef<Path>], config: &DnaBpeConfig) -> Result<BpeTokenizer> {
    let mut chunks = Vec::new();
    let options = ReadOptions { uppercase: true, ..ReadOptions::default() };
    for path in paths {
        let mut reader = Reader::from_path(path)?.with_options(options);
        for record in reader.records() {
            push_chunks(&mut chunks, record?.sequence(), config)?;
        }
    }
    train_chunks(chunks, config)
}

/// Appends `sequence`, uppercased, in chunks of `config.chunk_len` bytes (the last one shorter).
fn push_chunks(chunks: &mut Vec<String>, sequence: &[u8], config: &DnaBpeConfig) -> Result<()> {
    if config.chunk_len == 0 {
        return Err(Error::InvalidInput("chunk_len must be at least 1".into()));
    }
    let upper = |chunk: &[u8]| chunk.iter().map(|b| char::from(b.to_ascii_uppercase())).collect::<String>();
    chunks.extend(sequence.chunks(config.chunk_len).map(upper));
    Ok(())
}

fn train_chunks(chunks: Vec<String>, config: &DnaBpeConfig) -> Result<BpeTokenizer> {
    let train_error = |e| Error::tokenizers("training DNA BPE", e);
    let specials = SPECIALS.iter().map(|&t| AddedToken::from(t, true)).collect();
    let mut trainer: TrainerWrapper = BpeTrainer::builder()
        .vocab_size(config.vocab_size)
        .min_frequency(config.min_frequency)
        .max_token_length(config.max_token_length)
        .special_tokens(specials)
        .show_progress(false)
        .build()
        .into();
    let model = BPE::builder().unk_token(SPECIALS[0].into()).build().map_err(train_error)?;
    let mut tokenizer = Tokenizer::new(model);
    tokenizer.with_pre_tokenizer(Some(Whitespace));
    tokenizer.train(&mut trainer, chunks.into_iter()).map_err(train_error)?;
    // The trainer puts the specials first, in the order given: [CLS] = 1, [SEP] = 2.
    let template = TemplateProcessing::builder()
        .try_single("[CLS] $A [SEP]")
        .and_then(|b| b.try_pair("[CLS] $A [SEP] $B:1 [SEP]:1"))
        .map_err(|e| Error::tokenizers("parsing [CLS] $A [SEP] template", e))?
        .special_tokens(vec![(SPECIALS[1], 1), (SPECIALS[2], 2)])
        .build()
        .map_err(|e| Error::tokenizers("building [CLS] $A [SEP] template", e))?;
    tokenizer.with_post_processor(Some(template));
    // Training saw uppercase bases only; without this, soft-masked (lowercase) input would encode as [UNK].
    // Each replacement is one byte for one byte, so offsets still point at the input's bases.
    let upper = ["a", "c", "g", "t", "n"]
        .into_iter()
        .map(|base| Replace::new(base, base.to_ascii_uppercase()).map(NormalizerWrapper::from))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::tokenizers("building the uppercasing normalizer", e))?;
    tokenizer
        .with_normalizer(Some(NormalizerSequence::new(upper)))
        .map_err(|e| Error::tokenizers("setting the uppercasing normalizer", e))?;
    BpeTokenizer::from_tokenizer(tokenizer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SequenceTokenizer;

    #[test]
    fn test_train_dna_bpe() -> Result<()> {
        let config = DnaBpeConfig { vocab_size: 64, chunk_len: 50, ..DnaBpeConfig::default() };
        let genome: Vec<u8> = (0..5000u32).map(|i| b"ACGT"[(i.wrapping_mul(2654435761) >> 30) as usize]).collect();
        let tokenizer = train_dna_bpe([&genome[..2500], &genome[2500..]], &config)?;
        assert_eq!(tokenizer.vocab_size(), 64);
        let ids: Vec<_> = SPECIALS.iter().filter_map(|t| tokenizer.token_to_id(t)).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4]);
        let roles = tokenizer.special_tokens();
        assert_eq!((roles.cls.as_ref().map(|s| s.id), roles.pad_id()), (Some(1), Some(3)));
        let encoding = tokenizer.encode(&genome[..300])?;
        let ends: Vec<_> = encoding.offsets()[1..encoding.len() - 1].iter().map(|o| o.1).collect();
        assert_eq!(ends.last(), Some(&300));
        Ok(())
    }

    #[test]
    fn test_train_dna_bpe_errors() {
        let zero = DnaBpeConfig { chunk_len: 0, ..DnaBpeConfig::default() };
        assert!(matches!(train_dna_bpe([b"ACGT"], &zero), Err(Error::InvalidInput(_))));
        let err = train_dna_bpe([&b"ACGT"[..], "AĈ".as_bytes()], &DnaBpeConfig::default());
        assert!(
            matches!(err, Err(Error::InBatch { index: 1, source }) if matches!(*source, Error::NonAscii { position: 1, .. }))
        );
    }

    #[test]
    fn test_save() -> Result<()> {
        let genome = b"ACGTTGCAACGTAAACCCGGGTTTACGTACGTTTGACA".repeat(20);
        let trained = train_dna_bpe([&genome], &DnaBpeConfig { vocab_size: 40, ..DnaBpeConfig::default() })?;
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let path = dir.path().join("tokenizer.json");
        trained.save(&path)?;
        let loaded = BpeTokenizer::from_file(&path)?;
        for sequence in [&genome[..], b"acgtNNNACGT", b"T"] {
            assert_eq!(loaded.encode(sequence)?, trained.encode(sequence)?);
        }
        assert_eq!(loaded.special_tokens(), trained.special_tokens());
        // Soft-masked input encodes as its uppercase (no [UNK]), with the same offsets.
        let lower = genome.to_ascii_lowercase();
        assert_eq!(loaded.encode(&lower)?, loaded.encode(&genome)?);
        Ok(())
    }
}
