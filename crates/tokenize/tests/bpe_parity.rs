//! Parity of [`BpeTokenizer`] and [`train_dna_bpe`] with Python's `tokenizers`, on the fixture written by
//! `scripts/make_tokenizer_fixture.py`: DNABERT-2's tokenizer and a GPT-2-style byte-level BPE on 240
//! sequences (random, with N runs and lowercase, and real genome slices rebuilt from the reference data),
//! and a DNA BPE trained on SARS-CoV-2 by both. Also: malformed `tokenizer.json` files and non-ASCII input
//! are typed errors.

use gptomics_testdata as common;

use std::{collections::HashMap, path::Path};

use gptomics_seqio::fasta::IndexedReader;
use gptomics_tokenize::{
    Error, SequenceTokenizer,
    bpe::{BpeTokenizer, DnaBpeConfig, train_dna_bpe},
};
use serde::Deserialize;

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A sequence and what Python's `tokenizers` made of it.
type Case<'a> = (Vec<u8>, &'a Expected);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[derive(Deserialize)]
struct Fixture {
    sequences: Vec<Entry>,
    dnabert2: Vec<Expected>,
    gpt2_bytelevel: Vec<Expected>,
    dna_bpe_train: TrainCase,
}

/// A sequence stored inline, or a slice of a reference genome (0-based start) with edits.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Inline { seq: String },
    Slice { file: String, contig: String, start: u64, len: u64, lower: Vec<(usize, usize)>, n: Vec<(usize, usize)> },
}

#[derive(Deserialize)]
struct Expected {
    ids: Vec<u32>,
    offsets: Vec<(usize, usize)>,
    special: Vec<u32>,
}

#[derive(Deserialize)]
struct TrainCase {
    file: String,
    contig: String,
    config: TrainConfig,
    model: serde_json::Value,
}

#[derive(Deserialize)]
struct TrainConfig {
    vocab_size: usize,
    max_token_length: Option<usize>,
    chunk_len: usize,
    min_frequency: u64,
}

fn fixture() -> TestResult<Fixture> {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("bpe_parity.json"))?;
    Ok(serde_json::from_str(&text)?)
}

/// The fixture's sequences, paired with their expected encodings; slices only when `data` is given.
fn sequences<'a>(fixture: &Fixture, expected: &'a [Expected], data: Option<&Path>) -> TestResult<Vec<Case<'a>>> {
    let mut readers: HashMap<String, IndexedReader> = HashMap::new();
    let mut out = Vec::new();
    for (entry, expected) in fixture.sequences.iter().zip(expected) {
        let sequence = match (entry, data) {
            (Entry::Inline { seq }, _) => seq.clone().into_bytes(),
            (Entry::Slice { .. }, None) => continue,
            (Entry::Slice { file, contig, start, len, lower, n }, Some(data)) => {
                let reader = match readers.entry(file.clone()) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(IndexedReader::from_path(data.join(file))?)
                    }
                };
                let mut sequence = reader.fetch(contig, start + 1, start + len)?; // 1-based, inclusive
                lower.iter().for_each(|&(a, b)| sequence[a..b].make_ascii_lowercase());
                n.iter().for_each(|&(a, b)| sequence[a..b].fill(b'N'));
                sequence
            }
        };
        out.push((sequence, expected));
    }
    Ok(out)
}

fn assert_parity(tokenizer: &BpeTokenizer, cases: &[Case<'_>]) -> TestResult {
    for (i, (sequence, expected)) in cases.iter().enumerate() {
        let encoding = tokenizer.encode(sequence)?;
        assert_eq!(encoding.ids(), expected.ids, "ids of sequence {i}");
        assert_eq!(encoding.offsets(), expected.offsets, "offsets of sequence {i}");
        assert_eq!(encoding.special_tokens_mask(), expected.special, "special-tokens mask of sequence {i}");
    }
    let batch: Vec<&[u8]> = cases.iter().map(|(s, _)| &s[..]).collect();
    let encodings = tokenizer.encode_batch(&batch)?;
    assert!(encodings.iter().zip(cases).all(|(e, (_, expected))| e.ids() == expected.ids), "batch ids");
    Ok(())
}

#[test]
fn test_encode_dnabert2() -> TestResult {
    let Some(data) = common::data_dir() else { return Ok(()) };
    let fixture = fixture()?;
    let tokenizer = BpeTokenizer::from_file(data.join("dnabert2/tokenizer.json"))?;
    let cases = sequences(&fixture, &fixture.dnabert2, Some(&data))?;
    assert_eq!(cases.len(), 240);
    assert_parity(&tokenizer, &cases)?;

    let roles = tokenizer.special_tokens();
    let ids = [&roles.unk, &roles.cls, &roles.sep, &roles.pad, &roles.mask].map(|s| s.as_ref().map(|s| s.id));
    assert_eq!(ids, [Some(0), Some(1), Some(2), Some(3), Some(4)]);
    // The shared copy truncates to 636 tokens and pads; both are disabled on load.
    let long: Vec<u8> = cases.iter().flat_map(|(s, _)| s.iter().copied()).take(20_000).collect();
    assert!(tokenizer.encode(&long)?.len() > 636);
    Ok(())
}

#[test]
fn test_encode_gpt2_bytelevel() -> TestResult {
    let data = common::data_dir();
    let fixture = fixture()?;
    let tokenizer = BpeTokenizer::from_file(Path::new(FIXTURES).join("gpt2_bytelevel_dna.json"))?;
    let cases = sequences(&fixture, &fixture.gpt2_bytelevel, data.as_deref())?;
    assert_parity(&tokenizer, &cases)?;
    let eos = tokenizer.special_tokens().eos.as_ref().map(|s| s.token.as_str());
    assert_eq!(eos, Some("<|endoftext|>"));
    assert_eq!(tokenizer.special_tokens().bos, tokenizer.special_tokens().eos);
    Ok(())
}

#[test]
fn test_train_dna_bpe() -> TestResult {
    let Some(data) = common::data_dir() else { return Ok(()) };
    let case = fixture()?.dna_bpe_train;
    let genome = IndexedReader::from_path(data.join(&case.file))?.sequence(&case.contig)?;
    let TrainConfig { vocab_size, max_token_length, chunk_len, min_frequency } = case.config;
    let config = DnaBpeConfig { vocab_size, max_token_length, chunk_len, min_frequency };
    let trained = train_dna_bpe([genome], &config)?;
    let json: serde_json::Value = serde_json::from_str(&trained.to_json()?)?;
    assert_eq!(json["model"]["vocab"], case.model["vocab"], "vocabulary differs from Python's");
    assert_eq!(json["model"]["merges"], case.model["merges"], "merges differ from Python's");
    assert_eq!(json["model"], case.model);
    Ok(())
}

#[test]
fn test_from_file_malformed() -> TestResult {
    let good = std::fs::read_to_string(Path::new(FIXTURES).join("gpt2_bytelevel_dna.json"))?;
    let dir = tempfile::tempdir()?;
    let cases = [
        ("truncated.json", good[..good.len() / 2].to_string()),
        ("unknown_model.json", good.replacen("\"type\": \"BPE\"", "\"type\": \"NotAModel\"", 1)),
        ("word_level.json", r#"{"model": {"type": "WordLevel", "vocab": {"A": 0}, "unk_token": "A"}}"#.into()),
        ("empty.json", String::new()),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text)?;
        match BpeTokenizer::from_file(&path) {
            Err(e @ Error::Tokenizers { .. }) => assert!(e.to_string().contains(name), "{name}: {e}"),
            other => panic!("{name}: expected a Tokenizers error, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn test_encode_non_ascii() -> TestResult {
    let tokenizer = BpeTokenizer::from_file(Path::new(FIXTURES).join("gpt2_bytelevel_dna.json"))?;
    assert!(matches!(tokenizer.encode("ACGTµ".as_bytes()), Err(Error::NonAscii { byte: 0xc2, position: 4 })));
    assert!(matches!(tokenizer.encode(b""), Err(Error::EmptySequence)));
    let batch = tokenizer.encode_batch(&[b"ACGT", b"AC\xffGT"]);
    assert!(matches!(batch, Err(Error::InBatch { index: 1, .. })));
    Ok(())
}
