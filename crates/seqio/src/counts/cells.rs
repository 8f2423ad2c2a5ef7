//! Cell-level rules of count tables: which columns are annotation, and what a valid count is.

use crate::{ParseError, tsv::fields::is_na};

/// Header names (compared case-insensitively) always read as annotation, never as samples, because their
/// values are often all numeric and would otherwise pass for counts. A name not listed here can be forced
/// with [`super::CountTableOptions::annotation_column`]; text columns are found by content anyway.
///
/// ```
/// let names = gptomics_seqio::counts::ANNOTATION_NAMES;
/// assert!(names.contains(&"gene_biotype") && names.contains(&"effectivelength"));
/// ```
pub const ANNOTATION_NAMES: &[&str] = &[
    // featureCounts' metadata columns and other genomic positions.
    "chr",
    "chrom",
    "chromosome",
    "start",
    "end",
    "strand",
    // Gene and transcript lengths: featureCounts `Length`, GEO `gene_length`/`GeneLength`, RSEM
    // `length`/`effective_length`, salmon `EffectiveLength`, kallisto `eff_length`.
    "length",
    "gene_length",
    "genelength",
    "gene.length",
    "transcript_length",
    "effective_length",
    "effectivelength",
    "eff_length",
    // Normalised expression beside the counts (salmon, kallisto, RSEM, GEO supplements); never counts.
    "tpm",
    "fpkm",
    "rpkm",
    // Names and descriptions (text, but listed so that a short column is not judged by a few cells).
    "gene_name",
    "gene.name",
    "gene_symbol",
    "symbol",
    "description",
    "gene_biotype",
    "gene.biotype",
    "biotype",
    "gene_type",
    // Numeric gene ids: NCBI/GEO `GeneID`, Entrez ids as GEO and biomaRt name them.
    "geneid",
    "gene_id",
    "entrez",
    "entrez_id",
    "entrezid",
    "entrezgene",
    "entrezgene_id",
    "entrezgeneid",
    "entrez_gene_id",
];

/// Whether a column is annotation: forced by name, a well-known annotation name, or more non-numeric
/// than numeric among its non-missing cells. Ties, and all-missing columns, count as samples, so that a
/// sample column with a stray bad cell is reported rather than silently dropped.
pub(super) fn is_annotation<'a>(name: &str, forced: &[String], cells: impl Iterator<Item = &'a str>) -> bool {
    if forced.iter().any(|f| f == name) || ANNOTATION_NAMES.iter().any(|a| a.eq_ignore_ascii_case(name)) {
        return true;
    }
    let (mut numeric, mut text) = (0usize, 0usize);
    for cell in cells.filter(|c| !is_na(c)) {
        // `inf` and `NaN` parse, so they stay in count columns and are reported there.
        if cell.trim().parse::<f64>().is_ok() {
            numeric += 1;
        } else {
            text += 1;
        }
    }
    text > numeric
}

/// Parses one count cell. Plain digit strings are read exactly; anything else goes through `f64`
/// (`1e3`, `12.0`), must be finite, non-negative, below 2^64, and integral unless `round` is set.
pub(super) fn parse_count(text: &str, round: bool, gene: &str, sample: &str) -> Result<u64, ParseError> {
    let cell = text.trim();
    let fields = || (gene.to_string(), sample.to_string(), text.to_string());
    if is_na(cell) {
        let (gene, sample, value) = fields();
        return Err(ParseError::MissingValue { gene, sample, value });
    }
    let not_a_number = || {
        let (gene, sample, value) = fields();
        ParseError::NotANumber { gene, sample, value }
    };
    if cell.bytes().all(|b| b.is_ascii_digit()) {
        return cell.parse::<u64>().map_err(|_| not_a_number());
    }
    let value: f64 = cell.parse().map_err(|_| not_a_number())?;
    if !value.is_finite() {
        return Err(not_a_number());
    }
    if value < 0.0 {
        let (gene, sample, value) = fields();
        return Err(ParseError::NegativeCount { gene, sample, value });
    }
    let whole = if value.fract() == 0.0 {
        value
    } else if round {
        value.round_ties_even()
    } else {
        let (gene, sample, value) = fields();
        return Err(ParseError::NonIntegerCount { gene, sample, value });
    };
    // 2^64: the first value `as u64` would saturate.
    if whole >= 18_446_744_073_709_551_616.0 {
        return Err(not_a_number());
    }
    Ok(whole as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::{CountTable, CountTableOptions};

    #[test]
    fn test_parse_count() -> Result<(), ParseError> {
        assert_eq!(parse_count("42", false, "g", "s")?, 42);
        assert_eq!(parse_count(" 7 ", false, "g", "s")?, 7);
        assert_eq!(parse_count("1e3", false, "g", "s")?, 1000);
        assert_eq!(parse_count("12.0", false, "g", "s")?, 12);
        assert_eq!(parse_count("2.5", true, "g", "s")?, 2);
        assert_eq!(parse_count("3.5", true, "g", "s")?, 4);
        assert_eq!(parse_count("2.6", true, "g", "s")?, 3);
        assert_eq!(parse_count("18446744073709551615", false, "g", "s")?, u64::MAX);
        let kind = |text: &str| parse_count(text, false, "g", "s").err();
        assert!(matches!(kind("NA"), Some(ParseError::MissingValue { .. })));
        assert!(matches!(kind(""), Some(ParseError::MissingValue { .. })));
        assert!(matches!(kind("Inf"), Some(ParseError::NotANumber { .. })));
        assert!(matches!(kind("NaN"), Some(ParseError::NotANumber { .. })));
        assert!(matches!(kind("abc"), Some(ParseError::NotANumber { .. })));
        assert!(matches!(kind("18446744073709551616"), Some(ParseError::NotANumber { .. })));
        assert!(matches!(kind("1e30"), Some(ParseError::NotANumber { .. })));
        assert!(matches!(kind("-1"), Some(ParseError::NegativeCount { .. })));
        assert!(matches!(kind("2.5"), Some(ParseError::NonIntegerCount { .. })));
        assert_eq!(kind("x"), Some(ParseError::NotANumber { gene: "g".into(), sample: "s".into(), value: "x".into() }));
        Ok(())
    }

    #[test]
    fn test_is_annotation() -> Result<(), ParseError> {
        assert!(is_annotation("Gene.name", &[], ["A1BG", "7"].into_iter()));
        assert!(is_annotation("notes", &[], ["a", "b", "3"].into_iter()));
        assert!(!is_annotation("s1", &[], ["1", "abc", "3"].into_iter()));
        assert!(!is_annotation("s1", &[], ["NA", ""].into_iter()));
        assert!(is_annotation("entrez_custom", &["entrez_custom".into()], ["1"].into_iter()));
        assert!(is_annotation("LENGTH", &[], ["100"].into_iter()));
        Ok(())
    }

    #[test]
    fn test_is_annotation_numeric_names() -> crate::Result<()> {
        for name in ["GeneID", "EntrezGeneID", "Entrez", "Gene_Length", "GeneLength", "EffectiveLength", "TPM"] {
            assert!(is_annotation(name, &[], ["12", "40"].into_iter()), "{name}");
        }
        // A GEO table with numeric ids and lengths, and salmon's quant.sf: only the counts are samples.
        let text = b"ensembl\tGeneID\tEntrezGeneID\tLength\ts1\ts2\nE1\t7157\t7157\t2512\t5\t6\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        assert_eq!(table.samples(), ["s1", "s2"]);
        let text = b"Name\tLength\tEffectiveLength\tTPM\tNumReads\ntx1\t1500\t1320.5\t12.3\t40.0\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        assert_eq!((table.samples(), table.annotation_columns().len()), (&["NumReads".to_string()][..], 3));
        Ok(())
    }

    #[test]
    fn test_parse_count_rounding() -> crate::Result<()> {
        let text = b"id\ts1\ts2\ng1\t2.5\t3.5\ng2\t10.49\t0.5\n";
        let options = CountTableOptions::default().round_non_integer(true);
        let table = CountTable::from_reader(&text[..], "t", &options)?;
        assert_eq!(table.counts(), [2, 4, 10, 0]);
        let strict = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())
            .err()
            .and_then(|e| Some((e.kind()?.clone(), e.location()?.line, e.location()?.record)));
        let kind = ParseError::NonIntegerCount { gene: "g1".into(), sample: "s1".into(), value: "2.5".into() };
        assert_eq!(strict, Some((kind, Some(2), Some(1))));
        Ok(())
    }
}
