//! The list of bad inputs, each read from a real file through the public path-based entry points:
//! every one must be a typed error whose message names the file and the line (or record), never a panic.

use std::path::{Path, PathBuf};

use gptomics_seqio::{
    Error, ParseError,
    annotation::GeneModels,
    counts::{CountTable, CountTableOptions},
    fasta, fastq,
    samples::{SampleSheet, SampleSheetOptions},
};

struct Case {
    /// File name, whose extension chooses the reader where that matters.
    name: &'static str,
    content: &'static [u8],
    /// The expected reason, compared by variant.
    kind: fn(&ParseError) -> bool,
    /// The expected line (None: only the file is named, e.g. for whole-file problems).
    line: Option<u64>,
}

fn write(dir: &Path, case: &Case) -> PathBuf {
    let path = dir.join(case.name);
    std::fs::write(&path, case.content).expect("temporary file");
    path
}

fn read(path: &Path) -> Result<(), Error> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name.ends_with(".fq") {
        let mut reader = fastq::Reader::from_path(path)?;
        while reader.read_record(&mut fastq::Record::default())? > 0 {}
    } else if name.ends_with(".fa") {
        let mut reader = fasta::Reader::from_path(path)?;
        while reader.read_record(&mut fasta::Record::default())? > 0 {}
    } else if name.ends_with(".gtf") {
        GeneModels::from_gtf_path(path)?;
    } else if name.ends_with(".counts.tsv") {
        CountTable::from_path(path, &CountTableOptions::default())?;
    } else {
        unreachable!("no reader for {name}");
    }
    Ok(())
}

#[test]
fn test_bad_inputs_are_typed_errors_naming_file_and_line() {
    use ParseError as P;
    let cases = [
        Case {
            name: "truncated.fq",
            content: b"@r0\nACGT\n+\nIIII\n@r1\nAC\n",
            kind: |k| matches!(k, P::TruncatedRecord),
            line: Some(5),
        },
        Case {
            name: "mismatch.fq",
            content: b"@r0\nACGT\n+\nIII\n",
            kind: |k| matches!(k, P::LengthMismatch { .. }),
            line: Some(1),
        },
        Case {
            name: "noplus.fq",
            content: b"@r0\nACGT\nIIII\n@r1\nA\n+\nI\n",
            kind: |k| matches!(k, P::MissingPlusLine),
            line: Some(3),
        },
        Case {
            name: "lowqual.fq",
            content: b"@r0\nACGT\n+\nII\x1fI\n",
            kind: |k| matches!(k, P::InvalidQuality { byte: 0x1f, position: 3 }),
            line: Some(4),
        },
        Case { name: "empty.fq", content: b"", kind: |k| matches!(k, P::EmptyInput), line: Some(1) },
        Case { name: "empty.fa", content: b"", kind: |k| matches!(k, P::EmptyInput), line: Some(1) },
        Case {
            name: "noheader.fa",
            content: b"ACGT\n>a\nACGT\n",
            kind: |k| matches!(k, P::MissingFastaHeader),
            line: Some(1),
        },
        Case {
            name: "nonbase.fa",
            content: b">a\nACGT\nAC!T\n",
            kind: |k| matches!(k, P::InvalidBase { byte: '!', position: 7 }),
            line: Some(3),
        },
        Case {
            name: "endbeforestart.gtf",
            content: b"1\ts\tgene\t10\t20\t.\t+\t.\tgene_id \"g1\";\n1\ts\tgene\t30\t25\t.\t+\t.\tgene_id \"g2\";\n",
            kind: |k| matches!(k, P::EndBeforeStart { start: 30, end: 25 }),
            line: Some(2),
        },
        Case {
            name: "strand.gtf",
            content: b"1\ts\tgene\t10\t20\t.\tx\t.\tgene_id \"g1\";\n",
            kind: |k| matches!(k, P::UnknownStrand(s) if s == "x"),
            line: Some(1),
        },
        Case {
            name: "ragged.counts.tsv",
            content: b"gene\ts1\ts2\ng1\t1\t2\ng2\t3\n",
            kind: |k| matches!(k, P::RaggedRow { expected: 3, found: 2 }),
            line: Some(3),
        },
        Case {
            name: "dupgene.counts.tsv",
            content: b"gene\ts1\ng1\t1\ng1\t2\n",
            kind: |k| matches!(k, P::DuplicateGene(g) if g == "g1"),
            line: Some(3),
        },
        Case {
            name: "dupsample.counts.tsv",
            content: b"gene\ts1\ts1\ng1\t1\t2\n",
            kind: |k| matches!(k, P::DuplicateSample(s) if s == "s1"),
            line: Some(1),
        },
        Case {
            name: "negative.counts.tsv",
            content: b"gene\ts1\ts2\ng1\t1\t-2\n",
            kind: |k| matches!(k, P::NegativeCount { sample, .. } if sample == "s2"),
            line: Some(2),
        },
        Case {
            name: "na.counts.tsv",
            content: b"gene\ts1\ts2\ng1\t1\t2\ng2\tNA\t3\n",
            kind: |k| matches!(k, P::MissingValue { gene, .. } if gene == "g2"),
            line: Some(3),
        },
        // A header one field short is R's `write.table` layout, so the ragged row here is the third line.
        Case {
            name: "crlf-ragged.counts.tsv",
            content: b"gene\ts1\r\ng1\t1\r\ng2\t1\t5\t6\r\n",
            kind: |k| matches!(k, P::RaggedRow { .. }),
            line: Some(3),
        },
    ];
    let dir = tempfile::tempdir().expect("temporary folder");
    for case in &cases {
        let path = write(dir.path(), case);
        let error = match read(&path) {
            Ok(()) => panic!("{} was accepted", case.name),
            Err(e) => e,
        };
        let message = error.to_string();
        assert!(error.kind().is_some_and(case.kind), "{}: wrong reason: {message}", case.name);
        assert!(message.starts_with(&path.display().to_string()), "{}: file not named: {message}", case.name);
        if let Some(line) = case.line {
            assert_eq!(error.location().and_then(|l| l.line), Some(line), "{}: {message}", case.name);
            assert!(message.contains(&format!(":{line}")), "{}: line not in message: {message}", case.name);
        }
    }
}

#[test]
fn test_crlf_inputs_are_accepted() -> Result<(), Error> {
    let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
    let fq = dir.path().join("crlf.fq");
    std::fs::write(&fq, b"@r0\r\nACGT\r\n+\r\nIIII\r\n").map_err(|e| Error::io("write", e))?;
    assert_eq!(fastq::Reader::from_path(&fq)?.records().count(), 1);
    let fa = dir.path().join("crlf.fa");
    std::fs::write(&fa, b">a\r\nAC\r\nGT\r\n").map_err(|e| Error::io("write", e))?;
    let records: Vec<_> = fasta::Reader::from_path(&fa)?.records().collect::<Result<_, _>>()?;
    assert_eq!(records[0].sequence(), b"ACGT");
    let counts = dir.path().join("crlf.tsv");
    std::fs::write(&counts, b"gene\ts1\r\ng1\t3\r\n").map_err(|e| Error::io("write", e))?;
    assert_eq!(CountTable::from_path(&counts, &CountTableOptions::default())?.count(0, 0), Some(3));
    Ok(())
}

#[test]
fn test_metadata_naming_a_sample_the_table_lacks() -> Result<(), Error> {
    let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
    let sheet_path = dir.path().join("samples.csv");
    std::fs::write(&sheet_path, b"sample,condition\ns1,A\ns2,B\ns9,B\n").map_err(|e| Error::io("write", e))?;
    let counts_path = dir.path().join("counts.tsv");
    std::fs::write(&counts_path, b"gene\ts1\ts2\ng1\t1\t2\n").map_err(|e| Error::io("write", e))?;
    let table = CountTable::from_path(&counts_path, &CountTableOptions::default())?;
    let sheet = SampleSheet::from_path(&sheet_path, &SampleSheetOptions::default())?;
    let table_samples = table.samples();
    let check = sheet.check_against(table_samples);
    assert_eq!(check.in_sheet_only(), ["s9"]);
    let error = sheet.require_match(table_samples).expect_err("s9 is not in the table");
    assert!(matches!(error.kind(), Some(ParseError::SampleMismatch(m)) if m.contains("s9")), "{error}");
    assert!(error.to_string().contains("samples.csv"), "{error}");
    Ok(())
}
