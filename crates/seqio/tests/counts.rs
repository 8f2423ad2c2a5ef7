//! Count tables and sample sheets on PyDESeq2's real synthetic data set (10 genes × 100 samples), and a
//! GEO series matrix written by hand in GEO's format.

use gptomics_testdata as common;

use std::io::Write;

use gptomics_seqio::{
    Error, ParseError, Result,
    counts::{CountTable, CountTableOptions},
    samples::{SampleSheet, SampleSheetOptions},
};

#[test]
fn test_synthetic_counts() -> Result<()> {
    let Some(path) = common::data_file("deseq2/synthetic_counts.csv") else {
        return Ok(());
    };
    let table = CountTable::from_path(&path, &CountTableOptions::default())?;
    assert_eq!((table.n_genes(), table.n_samples()), (10, 100));
    assert_eq!(table.genes()[0], "gene1");
    assert_eq!(table.genes()[9], "gene10");
    assert_eq!((table.samples()[0].as_str(), table.samples()[99].as_str()), ("sample1", "sample100"));
    assert!(table.annotation_columns().is_empty());
    assert_eq!(table.special_rows().count(), 0);
    // Cells read with: awk -F, 'NR==2{print $2,$3,$101} NR==5{print $2,$51} NR==11{print $2,$101}'
    assert_eq!(table.row(0).map(|r| (r[0], r[1], r[99])), Some((12, 1, 21)));
    assert_eq!((table.count(3, 0), table.count(3, 49)), (Some(130), Some(137)));
    assert_eq!((table.count(9, 0), table.count(9, 99)), (Some(3), Some(5)));
    // Library sizes from: awk -F, 'NR>1{s1+=$2; s50+=$51; s100+=$101} END{print s1, s50, s100}' → 307 301 233
    let sizes = table.library_sizes();
    assert_eq!((sizes[0], sizes[49], sizes[99]), (307, 301, 233));
    let column = table.column(table.sample_index("sample100").unwrap_or(usize::MAX));
    assert_eq!(column.map(|c| c.iter().sum::<u64>()), Some(233));
    Ok(())
}

#[test]
fn test_synthetic_counts_gzip_and_transposed() -> Result<()> {
    let Some(path) = common::data_file("deseq2/synthetic_counts.csv") else {
        return Ok(());
    };
    let table = CountTable::from_path(&path, &CountTableOptions::default())?;
    let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
    // The same table gzipped, and written back as TSV then read again.
    let gz_path = dir.path().join("counts.csv.gz");
    let text = std::fs::read(&path).map_err(|e| Error::io("read", e))?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&text).and_then(|()| encoder.try_finish()).map_err(|e| Error::io("gz", e))?;
    std::fs::write(&gz_path, encoder.get_ref()).map_err(|e| Error::io("write", e))?;
    let gz = CountTable::from_path(&gz_path, &CountTableOptions::default())?;
    assert_eq!((gz.genes(), gz.samples(), gz.counts()), (table.genes(), table.samples(), table.counts()));
    let mut tsv = Vec::new();
    table.write_tsv(&mut tsv).map_err(|e| Error::io("tsv", e))?;
    let back = CountTable::from_reader(&tsv[..], "back.tsv", &CountTableOptions::default())?;
    assert_eq!((back.genes(), back.samples(), back.counts()), (table.genes(), table.samples(), table.counts()));
    // PyDESeq2 keeps counts as samples × genes: build that layout by hand and read it transposed.
    let mut rows = vec![format!(",{}", table.genes().join(","))];
    for (s, sample) in table.samples().iter().enumerate() {
        let counts = table.column(s).unwrap_or_default();
        rows.push(format!("{sample},{}", counts.iter().map(u64::to_string).collect::<Vec<_>>().join(",")));
    }
    let options = CountTableOptions::default().samples_as_rows(true);
    let transposed = CountTable::from_reader(rows.join("\n").as_bytes(), "t.csv", &options)?;
    assert_eq!(transposed.counts(), table.counts());
    Ok(())
}

#[test]
fn test_synthetic_metadata() -> Result<()> {
    let Some(counts) = common::data_file("deseq2/synthetic_counts.csv") else {
        return Ok(());
    };
    let Some(meta) = common::data_file("deseq2/synthetic_metadata.csv") else {
        return Ok(());
    };
    let table = CountTable::from_path(&counts, &CountTableOptions::default())?;
    let sheet = SampleSheet::from_path(&meta, &SampleSheetOptions::default())?;
    assert_eq!(sheet.samples().len(), 100);
    assert_eq!(sheet.columns(), ["condition", "group"]);
    assert_eq!(sheet.levels("condition"), Some(vec!["A".to_string(), "B".to_string()]));
    assert_eq!(sheet.levels("group"), Some(vec!["X".to_string(), "Y".to_string()]));
    // From: awk -F, 'NR>1{print $2,$3}' synthetic_metadata.csv | sort | uniq -c  → 25 of each pair
    let conditions = sheet.column("condition").unwrap_or_default();
    assert_eq!(conditions.iter().filter(|c| *c == "A").count(), 50);
    assert_eq!((sheet.get("sample1", "condition"), sheet.get("sample1", "group")), (Some("A"), Some("X")));
    assert_eq!(sheet.get("sample2", "group"), Some("Y"));
    assert!(sheet.check_against(table.samples()).is_consistent());
    sheet.require_match(table.samples())?;
    // Metadata naming a sample the table lacks.
    let fewer = table.select_samples(&table.samples()[1..])?;
    let check = sheet.check_against(fewer.samples());
    assert_eq!((check.in_sheet_only(), check.in_table_only()), (&["sample1".to_string()][..], &[][..]));
    let err = sheet.require_match(fewer.samples()).err().and_then(|e| e.kind().cloned());
    assert!(matches!(err, Some(ParseError::SampleMismatch(m)) if m.contains("sample1")));
    Ok(())
}

/// A GEO series matrix header as GEO writes it: tab-separated, every cell double-quoted.
const SERIES_MATRIX: &str = "!Series_title\t\"Effect of X knock-down in HeLa cells\"
!Series_geo_accession\t\"GSE99999\"
!Series_platform_id\t\"GPL24676\"

!Sample_title\t\"ctrl_1\"\t\"ctrl_2\"\t\"KD_1\"\t\"KD_2\"
!Sample_geo_accession\t\"GSM2000001\"\t\"GSM2000002\"\t\"GSM2000003\"\t\"GSM2000004\"
!Sample_status\t\"Public on Mar 02 2021\"\t\"Public on Mar 02 2021\"\t\"Public on Mar 02 2021\"\t\"Public on Mar 02 2021\"
!Sample_type\t\"SRA\"\t\"SRA\"\t\"SRA\"\t\"SRA\"
!Sample_source_name_ch1\t\"HeLa\"\t\"HeLa\"\t\"HeLa\"\t\"HeLa\"
!Sample_organism_ch1\t\"Homo sapiens\"\t\"Homo sapiens\"\t\"Homo sapiens\"\t\"Homo sapiens\"
!Sample_characteristics_ch1\t\"cell line: HeLa\"\t\"cell line: HeLa\"\t\"cell line: HeLa\"\t\"cell line: HeLa\"
!Sample_characteristics_ch1\t\"genotype: wild type\"\t\"genotype: wild type\"\t\"genotype: X KD\"\t\"genotype: X KD\"
!Sample_characteristics_ch1\t\"treatment: scrambled siRNA\"\t\"treatment: scrambled siRNA\"\t\"treatment: siX\"\t\"treatment: siX\"
!Sample_molecule_ch1\t\"total RNA\"\t\"total RNA\"\t\"total RNA\"\t\"total RNA\"
!Sample_description\t\"ctrl_1\"\t\"ctrl_2\"\t\"KD_1\"\t\"KD_2\"
!series_matrix_table_begin
\"ID_REF\"\t\"GSM2000001\"\t\"GSM2000002\"\t\"GSM2000003\"\t\"GSM2000004\"
!series_matrix_table_end
";

#[test]
fn test_series_matrix() -> Result<()> {
    let sheet = SampleSheet::from_series_matrix_reader(SERIES_MATRIX.as_bytes(), "GSE99999")?;
    assert_eq!(sheet.samples(), ["GSM2000001", "GSM2000002", "GSM2000003", "GSM2000004"]);
    let columns = ["title", "source_name_ch1", "cell line", "genotype", "treatment", "description"];
    assert_eq!(sheet.columns(), columns);
    assert_eq!(sheet.levels("genotype"), Some(vec!["wild type".to_string(), "X KD".to_string()]));
    assert_eq!(sheet.get("GSM2000003", "treatment"), Some("siX"));
    // A GEO count table named by title, its columns in another order.
    let table = "gene_id\tKD_2\tctrl_1\tKD_1\tctrl_2\nENSG1\t5\t6\t7\t8\n";
    let table = CountTable::from_reader(table.as_bytes(), "counts.tsv", &CountTableOptions::default())?;
    assert!(!sheet.check_against(table.samples()).is_consistent());
    let matched = sheet.match_by_column("title", table.samples())?;
    assert_eq!(matched.samples(), table.samples());
    assert_eq!(matched.get("KD_2", "geo_accession"), Some("GSM2000004"));
    assert_eq!(
        matched.column("treatment").map(|t| t.join("|")),
        Some("siX|scrambled siRNA|siX|scrambled siRNA".into())
    );
    // Gzipped input reads the same.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(SERIES_MATRIX.as_bytes()).and_then(|()| encoder.try_finish()).map_err(|e| Error::io("gz", e))?;
    let gz = SampleSheet::from_series_matrix_reader(&encoder.get_ref()[..], "GSE99999.gz")?;
    assert_eq!((gz.samples(), gz.columns()), (sheet.samples(), sheet.columns()));
    Ok(())
}

/// Readers meet arbitrary bytes (a fuzzer calls `CountTable::from_reader`): they may fail, never panic.
#[test]
fn test_arbitrary_bytes_never_panic() {
    const TOKENS: [&[u8]; 24] = [
        b",",
        b"\t",
        b"\"",
        b"\"\"",
        b"\n",
        b"\r\n",
        b"#",
        b"NA",
        b"",
        b"0",
        b"17",
        b"-3",
        b"2.5",
        b"1e400",
        b"Inf",
        b"__no_feature",
        b"gene",
        b"Chr",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\xc3\xa9",
        b"!Sample_title",
        b"!Sample_geo_accession",
        b"!Sample_characteristics_ch1\t\"k: v\"",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // xorshift64: deterministic, so a failure reproduces.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let all_options = [
        CountTableOptions::default(),
        CountTableOptions::default().samples_as_rows(true).round_non_integer(true),
        CountTableOptions::default().delimiter(0xc3).annotation_column("Chr"),
    ];
    for _ in 0..20_000 {
        let len = next() % 40;
        let mut input = Vec::new();
        for _ in 0..len {
            input.extend_from_slice(TOKENS[(next() % TOKENS.len() as u64) as usize]);
        }
        for options in &all_options {
            if let Ok(table) = CountTable::from_reader(&input[..], "fuzz", options) {
                let _ = table.write_tsv(Vec::new());
                let _ = table.library_sizes();
            }
        }
        let _ = SampleSheet::from_reader(&input[..], "fuzz", &SampleSheetOptions::default());
        let _ = SampleSheet::from_series_matrix_reader(&input[..], "fuzz");
    }
}
