//! k-mer tokenization against DNABERT's own files: its vocabularies and its 6-mer fine-tuning data.

use gptomics_testdata as common;

use gptomics_tokenize::{
    SequenceTokenizer,
    kmer::{KmerTokenizer, KmerVocab},
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn test_vocabularies_equal_dnabert() -> TestResult {
    for k in 3..=6 {
        let Some(path) = common::data_file(&format!("dnabert/vocab-{k}mer.txt")) else { return Ok(()) };
        let theirs = std::fs::read_to_string(&path)?;
        let ours = KmerVocab::new(k)?;
        // Token for token, in order (DNABERT's k = 3..5 files lack the final newline; ours always has one).
        assert_eq!(ours.tokens(), theirs.lines().collect::<Vec<_>>(), "k = {k}");
        let dir = tempfile::tempdir()?;
        let saved = dir.path().join("vocab.txt");
        ours.save(&saved)?;
        assert_eq!(std::fs::read_to_string(&saved)?.trim_end(), theirs.trim_end(), "k = {k}");
        // Reading their file gives the same vocabulary.
        assert_eq!(KmerVocab::from_path(&path)?, ours);
    }
    Ok(())
}

#[test]
fn test_promoter_dev_set_ids_equal_dnabert_vocabulary() -> TestResult {
    let Some(tsv) = common::data_file("dnabert/promoter_6mer_dev.tsv") else { return Ok(()) };
    let Some(vocab_path) = common::data_file("dnabert/vocab-6mer.txt") else { return Ok(()) };
    // DNABERT's own id for a token is its line number in vocab.txt (0-based).
    let vocab_text = std::fs::read_to_string(vocab_path)?;
    let dnabert_id: std::collections::HashMap<&str, u32> =
        vocab_text.lines().enumerate().map(|(i, t)| (t, i as u32)).collect();
    let tokenizer = KmerTokenizer::dnabert(6)?;
    let text = std::fs::read_to_string(tsv)?;
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let (kmers, label) = line.split_once('\t').ok_or("row without a label")?;
        assert!(label == "0" || label == "1");
        let kmers: Vec<&str> = kmers.split(' ').collect();
        // Rebuild the 101 bp sequence: the first 6-mer, then the last base of each following one.
        let mut sequence = kmers[0].to_string();
        sequence.extend(kmers[1..].iter().filter_map(|k| k.chars().last()));
        assert_eq!(sequence.len(), 101);
        let expected: Vec<u32> = std::iter::once(dnabert_id["[CLS]"])
            .chain(kmers.iter().map(|k| dnabert_id.get(k).copied().unwrap_or(dnabert_id["[UNK]"])))
            .chain(std::iter::once(dnabert_id["[SEP]"]))
            .collect();
        let encoding = tokenizer.encode(sequence.as_bytes())?;
        assert_eq!(encoding.ids(), expected, "row {}", rows + 1);
        let expected_offsets: Vec<(usize, usize)> = (0..kmers.len()).map(|i| (i, i + 6)).collect();
        assert_eq!(encoding.offsets()[1..encoding.len() - 1], expected_offsets[..]);
        rows += 1;
    }
    assert_eq!(rows, 1_000);
    Ok(())
}
