//! Dataset readers on hand-made fixtures, the errors they must give, and DNABERT's promoter dev set.

use std::path::{Path, PathBuf};

use gptomics_train::data::{LabelSource, TargetKind, read_fasta, read_tsv};
use gptomics_train::{Dataset, Error, Targets};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data").join(name)
}

/// Writes `content` to a file in a fresh temporary directory.
fn temp_file(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("writing the temporary file");
    (dir, path)
}

fn classes(dataset: &Dataset) -> (Vec<&str>, Vec<usize>) {
    match &dataset.targets {
        Targets::Classes { names, labels } => (names.iter().map(String::as_str).collect(), labels.clone()),
        other => panic!("expected classes, got {other:?}"),
    }
}

/// The parse error's line and reason.
fn parse_error(error: Error) -> (u64, String) {
    match error {
        Error::Parse { line, reason, .. } => (line, reason),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn test_read_tsv_kmers_with_header() {
    let dataset = read_tsv(&fixture("kmers.tsv"), TargetKind::Classes).unwrap();
    assert_eq!(dataset.sequences, [b"ACGTAC".to_vec(), b"ACGG".to_vec(), b"TTTAN".to_vec()]);
    assert_eq!(dataset.ids, ["line 2", "line 3", "line 4"]);
    assert_eq!(dataset.lengths(), [6, 4, 5]);
    assert_eq!(dataset.groups, None);
    // Integer labels sort numerically: 10 after 1.
    assert_eq!(classes(&dataset), (vec!["0", "1", "10"], vec![1, 0, 2]));
    dataset.check_for_classification().unwrap();
}

#[test]
fn test_read_tsv_named_columns_and_values() {
    let dataset = read_tsv(&fixture("named.tsv"), TargetKind::Values).unwrap();
    assert_eq!(dataset.ids, ["r1", "r2", "r3"]);
    assert_eq!(dataset.sequences[1], b"GGNNRY");
    assert_eq!(dataset.values(), Some(&[0.5, -1e-3, 2.0][..]));
    assert_eq!(dataset.groups.as_deref(), Some(&["chr1".to_string(), "chr2".into(), "chr1".into()][..]));
    assert!(matches!(dataset.check_for_classification(), Err(Error::Dataset(_))));
    let unlabelled = read_tsv(&fixture("named.tsv"), TargetKind::None).unwrap();
    assert_eq!(unlabelled.targets, Targets::None);
}

#[test]
fn test_read_tsv_headerless_crlf() {
    let dataset = read_tsv(&fixture("headerless.tsv"), TargetKind::Classes).unwrap();
    assert_eq!(dataset.ids, ["line 1", "line 2", "line 3"]);
    assert_eq!(dataset.sequences[2], b"TTTT");
    assert_eq!(classes(&dataset), (vec!["a", "b"], vec![1, 0, 1]));
}

#[test]
fn test_read_tsv_sequence_only_without_labels() {
    let (_dir, path) = temp_file("corpus.tsv", "ACGT\nGG\n");
    let dataset = read_tsv(&path, TargetKind::None).unwrap();
    assert_eq!((dataset.len(), dataset.targets), (2, Targets::None));
    // With labels wanted, one column is not enough.
    let (line, reason) = parse_error(read_tsv(&path, TargetKind::Classes).unwrap_err());
    assert_eq!(line, 1);
    assert!(reason.contains("expected 2 tab-separated columns"), "{reason}");
}

#[test]
fn test_read_tsv_errors() {
    let missing = read_tsv(Path::new("/no/such/file.tsv"), TargetKind::Classes).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");

    let (_dir, path) = temp_file("empty.tsv", "sequence\tlabel\n\n");
    let empty = read_tsv(&path, TargetKind::Classes).unwrap_err();
    assert!(matches!(empty, Error::Dataset(ref m) if m.contains("no sequences")), "{empty:?}");

    let cases: [(&str, TargetKind, u64, &str); 10] = [
        ("sequence\tlabel\nACGT\t0.5\nACGT\thigh\n", TargetKind::Values, 3, "\"high\" is not a finite number"),
        ("sequence\tlabel\nACG CGT\t1\nACG GTA\t0\n", TargetKind::Classes, 3, "do not overlap by 2 bases"),
        ("sequence\tlabel\nACG CGTA\t1\n", TargetKind::Classes, 2, "k-mer 2 has 4 bases"),
        ("sequence\tlabel\nACGT\t1\nACXT\t0\n", TargetKind::Classes, 3, "invalid character 'X' at position 3"),
        ("sequence\tlabel\nACGT\t1\tx\n", TargetKind::Classes, 2, "expected 2 tab-separated columns (sequence, label)"),
        ("sequence\tlabel\nACGT\t1\n\nGG\t0\n", TargetKind::Classes, 3, "blank line"),
        ("sequence\tlabel\n\t1\n", TargetKind::Classes, 2, "empty sequence"),
        ("sequence\tlabel\nACGT\t \n", TargetKind::Classes, 2, "empty label"),
        ("sequence\tid\nACGT\tx\n", TargetKind::Classes, 1, "no \"label\" column"),
        ("label\tsequence\tlabel\nACGT\t1\t1\n", TargetKind::Classes, 1, "\"label\" twice"),
    ];
    for (content, kind, expected_line, expected_reason) in cases {
        let (_dir, path) = temp_file("bad.tsv", content);
        let error = read_tsv(&path, kind).unwrap_err();
        assert!(error.to_string().contains("bad.tsv"), "{error}");
        let (line, reason) = parse_error(error);
        assert_eq!(line, expected_line, "{content:?}: {reason}");
        assert!(reason.contains(expected_reason), "{content:?}: {reason}");
    }
}

#[test]
fn test_read_fasta_header_labels() {
    let dataset = read_fasta(&fixture("header_labels.fa"), LabelSource::Header, TargetKind::Classes).unwrap();
    assert_eq!(dataset.ids, ["s1", "s2", "s3"]);
    assert_eq!(dataset.sequences, [b"ACGTAC".to_vec(), b"GGTT".to_vec(), b"N".to_vec()]);
    assert_eq!(classes(&dataset), (vec!["neg", "pos"], vec![1, 0, 1]));
    assert_eq!(dataset.groups.as_deref(), Some(&["chrA".to_string(), "chrB".into(), "chrA".into()][..]));
}

#[test]
fn test_read_fasta_label_table() {
    let table = fixture("labels.tsv");
    let dataset = read_fasta(&fixture("plain.fa"), LabelSource::Table(&table), TargetKind::Values).unwrap();
    assert_eq!(dataset.ids, ["s1", "s2", "s3"]);
    assert_eq!(dataset.values(), Some(&[2.0, 0.0, 0.0][..]));
    assert_eq!(dataset.groups, None);
    let unlabelled = read_fasta(&fixture("plain.fa"), LabelSource::None, TargetKind::None).unwrap();
    assert_eq!((unlabelled.len(), unlabelled.targets), (3, Targets::None));
    let error = read_fasta(&fixture("plain.fa"), LabelSource::None, TargetKind::Classes).unwrap_err();
    assert!(matches!(error, Error::InvalidConfig(_)), "{error:?}");
}

#[test]
fn test_read_fasta_errors() {
    let missing = read_fasta(Path::new("/no/such/file.fa"), LabelSource::Header, TargetKind::Classes).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
    let (_dir, empty) = temp_file("empty.fa", "\n");
    let error = read_fasta(&empty, LabelSource::Header, TargetKind::Classes).unwrap_err();
    assert!(matches!(error, Error::Dataset(_)), "{error:?}");

    // An id missing from the label table names the record and the id.
    let (_dir, table) = temp_file("labels.tsv", "s1\t1\ns2\t0\n");
    let error = read_fasta(&fixture("plain.fa"), LabelSource::Table(&table), TargetKind::Classes).unwrap_err();
    let (line, reason) = parse_error(error);
    assert_eq!(line, 3);
    assert!(reason.contains("record 3 (\"s3\")") && reason.contains("not in label table"), "{reason}");

    // Duplicate ids in a table name both lines.
    let (_dir, table) = temp_file("labels.tsv", "id\tlabel\ns1\t1\ns2\t0\ns1\t0\n");
    let error = read_fasta(&fixture("plain.fa"), LabelSource::Table(&table), TargetKind::Classes).unwrap_err();
    let (line, reason) = parse_error(error);
    assert_eq!(line, 4);
    assert!(reason.contains("duplicate id \"s1\" (first on line 2)"), "{reason}");

    let cases: [(&str, TargetKind, u64, &str); 5] = [
        (">a|1\nAC\n>a|0\nGG\n", TargetKind::Classes, 2, "duplicate id \"a\" (first in record 1)"),
        (">a|1\nAC\n>b|x\nGG\n", TargetKind::Values, 2, "\"x\" is not a finite number"),
        (">a|1\nAC\n>b\nGG\n", TargetKind::Classes, 2, "not `id|label` or `id|label|group`"),
        (">a|1|g\nAC\n>b|0\nGG\n", TargetKind::Classes, 2, "some records have a group"),
        (">a|1\nAC-T\n", TargetKind::Classes, 1, "invalid character '-' at position 3"),
    ];
    for (content, kind, expected_line, expected_reason) in cases {
        let (_dir, path) = temp_file("bad.fa", content);
        let (line, reason) = parse_error(read_fasta(&path, LabelSource::Header, kind).unwrap_err());
        assert_eq!(line, expected_line, "{content:?}: {reason}");
        assert!(reason.contains(expected_reason), "{content:?}: {reason}");
    }
    // Letters outside the IUPAC alphabet are caught by the FASTA reader, with their line.
    let (_dir, path) = temp_file("bad.fa", ">a|1\nAC\nAJ\n");
    let error = read_fasta(&path, LabelSource::Header, TargetKind::Classes).unwrap_err();
    assert!(matches!(error, Error::Seqio(_)) && error.to_string().contains(":3"), "{error}");
}

#[test]
fn test_check_for_classification_one_class() {
    let (_dir, path) = temp_file("one.tsv", "ACGT\t1\nGG\t1\n");
    let dataset = read_tsv(&path, TargetKind::Classes).unwrap();
    let error = dataset.check_for_classification().unwrap_err();
    assert!(matches!(error, Error::Dataset(ref m) if m.contains("one class")), "{error:?}");
}

#[test]
fn test_read_tsv_dnabert_promoter_dev() {
    let Some(path) = gptomics_testdata::data_file("dnabert/promoter_6mer_dev.tsv") else { return };
    let dataset = read_tsv(&path, TargetKind::Classes).unwrap();
    assert_eq!(dataset.len(), 1000);
    let (names, labels) = classes(&dataset);
    assert_eq!(names, ["0", "1"]);
    assert_eq!(labels.iter().filter(|&&l| l == 1).count(), 500);
    dataset.check_for_classification().unwrap();
    assert!(dataset.sequences[0].starts_with(b"GTGGGGAG"));
    // Each sequence has one base per k-mer plus k - 1 = 5.
    let text = std::fs::read_to_string(&path).unwrap();
    let kmer_counts: Vec<usize> = text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').next().unwrap().split(' ').count())
        .collect();
    let expected: Vec<usize> = kmer_counts.iter().map(|c| c + 5).collect();
    assert_eq!(dataset.lengths(), expected);
}
