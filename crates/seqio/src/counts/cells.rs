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

/// Whether a column is annotation by its name alone: forced, or one of [`ANNOTATION_NAMES`].
pub(super) fn is_annotation_name(name: &str, forced: &[String]) -> bool {
    forced.iter().any(|f| f == name) || ANNOTATION_NAMES.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// Whether a column is annotation: [`is_annotation_name`], or more non-numeric than numeric among its
/// non-missing cells (`tally`). Ties, and all-missing columns, count as samples, so that a sample column
/// with a stray bad cell is reported rather than silently dropped.
pub(super) fn is_annotation(name: &str, forced: &[String], tally: Tally) -> bool {
    is_annotation_name(name, forced) || tally.text > tally.numeric
}

/// How many of a column's non-missing cells read as numbers and how many do not, counted as the table is
/// read so that no cell's text has to be kept to decide the column's role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Tally {
    numeric: usize,
    text: usize,
}

impl Tally {
    /// Counts one cell (missing cells are not counted).
    pub(super) fn add(&mut self, cell: &str) {
        if is_na(cell) {
            return;
        }
        // `inf` and `NaN` parse, so they stay in count columns and are reported there.
        if cell.trim().parse::<f64>().is_ok() {
            self.numeric += 1;
        } else {
            self.text += 1;
        }
    }

    /// Counts one cell already known to be a number (what [`Tally::add`] does for it, without parsing).
    pub(super) fn add_number(&mut self) {
        self.numeric += 1;
    }
}

/// The value of a cell written the plain way, `0` or digits without a leading zero, short enough to fit
/// `u64` (up to 19 digits): the common case, read without going through [`parse_count`]. The value's
/// decimal form is the cell itself, so the text need not be kept. `None` for anything else, including
/// counts that are valid but written otherwise (`007`, `12.0`, ` 7`), which [`parse_count`] then reads.
#[inline]
pub(super) fn plain_count(cell: &str) -> Option<u64> {
    let bytes = cell.as_bytes();
    if bytes.is_empty() || bytes.len() > 19 || (bytes[0] == b'0' && bytes.len() > 1) {
        return None;
    }
    let mut value = 0u64;
    for &b in bytes {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        // At most 19 digits: below 10^19 < 2^64, no overflow.
        value = value * 10 + u64::from(digit);
    }
    Some(value)
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

    fn tally(cells: &[&str]) -> Tally {
        let mut tally = Tally::default();
        cells.iter().for_each(|c| tally.add(c));
        tally
    }

    #[test]
    fn test_is_annotation() -> Result<(), ParseError> {
        assert!(is_annotation("Gene.name", &[], tally(&["A1BG", "7"])));
        assert!(is_annotation("notes", &[], tally(&["a", "b", "3"])));
        assert!(!is_annotation("s1", &[], tally(&["1", "abc", "3"])));
        assert!(!is_annotation("s1", &[], tally(&["NA", ""])));
        assert!(is_annotation("entrez_custom", &["entrez_custom".into()], tally(&["1"])));
        assert!(is_annotation("LENGTH", &[], tally(&["100"])));
        // A number counted without parsing weighs as much as one parsed.
        let mut known = tally(&["a"]);
        known.add_number();
        assert_eq!(known, tally(&["a", "12"]));
        assert!(!is_annotation("s1", &[], known));
        Ok(())
    }

    #[test]
    fn test_plain_count() -> Result<(), ParseError> {
        for cell in ["0", "7", "42", "1234567890123456789"] {
            assert_eq!(plain_count(cell).map(|v| v.to_string()).as_deref(), Some(cell));
            assert_eq!(plain_count(cell), Some(parse_count(cell, false, "g", "s")?));
        }
        // Valid counts that are not written plainly, and non-counts, are left to parse_count.
        let others = ["", "00", "007", " 7", "7 ", "+7", "-1", "1e3", "12.0", "NA", "x", "١", "18446744073709551615"];
        for cell in others {
            assert_eq!(plain_count(cell), None, "{cell:?}");
        }
        assert_eq!(parse_count("007", false, "g", "s")?, 7);
        Ok(())
    }

    #[test]
    fn test_is_annotation_numeric_names() -> crate::Result<()> {
        for name in ["GeneID", "EntrezGeneID", "Entrez", "Gene_Length", "GeneLength", "EffectiveLength", "TPM"] {
            assert!(is_annotation(name, &[], tally(&["12", "40"])), "{name}");
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
