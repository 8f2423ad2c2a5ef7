//! Turning the rows of a table into a [`CountTable`]: column roles, ids, and every count cell checked.

use std::collections::HashMap;

use super::{
    CountTable, CountTableOptions,
    cells::{is_annotation, parse_count},
    gene_rows::{Cell, GeneRows},
};
use crate::{
    ParseError, Result,
    tsv::grid::{Header, error_at},
};

/// HTSeq's special rows (`__no_feature`, `__ambiguous`, `__too_low_aQual`, `__not_aligned`,
/// `__alignment_not_unique`) all start with this; no real gene id does.
pub(super) const SPECIAL_PREFIX: &str = "__";

/// Builds a table whose rows are genes (the usual layout) from its header and rows. The checks run in
/// the order they would on the whole table held as text: header problems, then each row in turn (its
/// id, then its counts, left to right), so the first error reported does not depend on how rows were
/// kept.
pub(super) fn genes_as_rows(
    header: Header,
    rows: GeneRows,
    name: &str,
    options: &CountTableOptions,
) -> Result<CountTable> {
    let Header { fields: header, line: header_line } = header;
    let at_header = |kind| error_at(name, header_line, None, kind);
    if let Some(missing) = options.annotation_columns.iter().find(|c| !header[1..].contains(c)) {
        return Err(at_header(ParseError::MissingColumn(missing.clone())));
    }
    let (mut annotation_idx, mut sample_idx) = (Vec::new(), Vec::new());
    for (j, column) in header.iter().enumerate().skip(1) {
        if is_annotation(column, &options.annotation_columns, rows.tally(j - 1)) {
            annotation_idx.push(j);
        } else {
            sample_idx.push(j);
        }
    }
    if sample_idx.is_empty() {
        return Err(at_header(ParseError::MissingColumn("a sample count column".into())));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (j, column) in header.iter().enumerate().skip(1) {
        if let Some(first) = seen.insert(column, j) {
            let both_samples = sample_idx.contains(&first) && sample_idx.contains(&j);
            let kind = if both_samples { ParseError::DuplicateSample } else { ParseError::DuplicateColumn };
            return Err(at_header(kind(column.clone())));
        }
    }

    let (mut cursor, mut values) = rows.into_parts();
    let n_rows = values.len() / header.len().saturating_sub(1).max(1);
    let mut table = CountTable {
        source: name.to_string(),
        genes: Vec::with_capacity(n_rows),
        gene_lookup: HashMap::with_capacity(n_rows),
        samples: sample_idx.iter().map(|&j| header[j].clone()).collect(),
        counts: Vec::new(),
        annotation_names: annotation_idx.iter().map(|&j| header[j].clone()).collect(),
        annotation_values: vec![Vec::with_capacity(n_rows); annotation_idx.len()],
        special: Vec::new(),
    };
    // Counts are written over `values` as they are checked: row k's counts go at or before where row
    // k's cells were read from, so no cell is overwritten before it is read.
    let mut written = 0;
    while let Some(row) = cursor.next_row() {
        let error = |kind| error_at(name, row.line, Some(row.index as u64 + 1), kind);
        let id = row.id.as_str();
        check_id(id, &header[0]).map_err(error)?;
        let cell = |values: &[u64], j: usize| row.cells.get(&values[row.offset..], j - 1);
        let parse = |values: &[u64], j: usize| match cell(values, j) {
            Cell::Count(count) => Ok(count),
            Cell::Text(text) => parse_count(text, options.round_non_integer, id, &header[j]),
        };
        if id.starts_with(SPECIAL_PREFIX) {
            if table.special.iter().any(|(n, _)| n == id) {
                return Err(error(ParseError::DuplicateGene(id.to_string())));
            }
            let counts = sample_idx.iter().map(|&j| parse(&values, j)).collect::<std::result::Result<_, _>>();
            table.special.push((id.to_string(), counts.map_err(error)?));
            continue;
        }
        if table.gene_lookup.contains_key(id) {
            return Err(error(ParseError::DuplicateGene(id.to_string())));
        }
        for (annotation, &j) in table.annotation_values.iter_mut().zip(&annotation_idx) {
            annotation.push(match cell(&values, j) {
                Cell::Count(count) => count.to_string(),
                Cell::Text(text) => text.to_string(),
            });
        }
        for &j in &sample_idx {
            values[written] = parse(&values, j).map_err(error)?;
            written += 1;
        }
        table.gene_lookup.insert(row.id.clone(), table.genes.len());
        table.genes.push(row.id);
    }
    if table.genes.is_empty() {
        return Err(at_header(ParseError::EmptyInput));
    }
    values.truncate(written);
    values.shrink_to_fit();
    table.counts = values;
    Ok(table)
}

/// A gene id must not be blank.
pub(super) fn check_id(id: &str, id_column: &str) -> std::result::Result<(), ParseError> {
    if id.trim().is_empty() {
        return Err(ParseError::MissingValue {
            gene: id.to_string(),
            sample: id_column.to_string(),
            value: id.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input, and the error kind, line and record it must fail with.
    type Case = (&'static [u8], ParseError, Option<u64>, Option<u64>);

    fn parse(text: &[u8]) -> Result<CountTable> {
        CountTable::from_reader(text, "t", &CountTableOptions::default())
    }

    /// The parse error kind, line and record of a failed read.
    fn failure(result: Result<CountTable>) -> Option<(ParseError, Option<u64>, Option<u64>)> {
        let err = result.err()?;
        let at = err.location()?;
        Some((err.kind()?.clone(), at.line, at.record))
    }

    #[test]
    fn test_genes_as_rows_feature_counts() -> Result<()> {
        let text = b"# Program:featureCounts v2.0.1; Command:\"featureCounts\" \"-a\" \"genes.gtf\"\n\
            Geneid\tChr\tStart\tEnd\tStrand\tLength\tA.bam\tB.bam\n\
            g1\tchr1;chr1\t11;30\t20;40\t+;+\t21\t3\t0\n\
            g2\tchr2\t5\t9\t-\t5\t1\t8\n";
        let table = parse(text)?;
        assert_eq!(table.samples(), ["A.bam", "B.bam"]);
        assert_eq!(table.annotation_columns(), ["Chr", "Start", "End", "Strand", "Length"]);
        assert_eq!(table.annotation("Length"), Some(&["21".to_string(), "5".to_string()][..]));
        assert_eq!(table.counts(), [3, 0, 1, 8]);
        Ok(())
    }

    #[test]
    fn test_genes_as_rows_annotation() -> Result<()> {
        // `notes` is detected by content; `entrez2` only because it is forced.
        let text = b"ID,Gene.name,notes,entrez2,s1,s2\nE1,TP53,x,7157,1,2\nE2,7SK,7,4000,3,4\nE3,,y,1,5,6\n";
        let table = parse(text)?;
        assert_eq!(table.annotation_columns(), ["Gene.name", "notes"]);
        assert_eq!(table.samples(), ["entrez2", "s1", "s2"]);
        let options = CountTableOptions::default().annotation_column("entrez2");
        let table = CountTable::from_reader(&text[..], "t", &options)?;
        assert_eq!(table.annotation_columns(), ["Gene.name", "notes", "entrez2"]);
        assert_eq!(table.samples(), ["s1", "s2"]);
        assert_eq!(table.annotation("Gene.name").map(|v| v.join("|")), Some("TP53|7SK|".into()));
        let options = CountTableOptions::default().annotation_column("absent");
        let missing = CountTable::from_reader(&text[..], "t", &options);
        assert_eq!(failure(missing), Some((ParseError::MissingColumn("absent".into()), Some(1), None)));
        Ok(())
    }

    #[test]
    fn test_genes_as_rows_cells_kept() -> Result<()> {
        // Cells are kept as numbers while reading; annotation text must still come back as written, and
        // counts written otherwise than plainly must still be read.
        let text =
            b"id\tLength\tnotes\ts1\ts2\ng1\t0021\tx\t007\t1e3\ng2\t5\t12\t 7 \t0\ng3\t6\ty\t18446744073709551615\t3\n";
        let table = parse(text)?;
        assert_eq!(table.annotation_columns(), ["Length", "notes"]);
        assert_eq!(table.annotation("Length").map(|v| v.join("|")), Some("0021|5|6".into()));
        assert_eq!(table.annotation("notes").map(|v| v.join("|")), Some("x|12|y".into()));
        assert_eq!(table.counts(), [7, 1000, 7, 0, u64::MAX, 3]);
        Ok(())
    }

    #[test]
    fn test_genes_as_rows_error_order() -> Result<()> {
        // A row that does not split is reported before a bad count on an earlier line, as when the whole
        // table was held as text before any count was read.
        let ragged = ParseError::RaggedRow { expected: 2, found: 3 };
        assert_eq!(failure(parse(b"id,s1\ng1,x\ng2,1,2\n")), Some((ragged, Some(3), Some(2))));
        // A column's role is decided on all its cells: a text cell first does not make `s1` annotation.
        let (gene, sample, value) = ("g1".to_string(), "s1".to_string(), "abc".to_string());
        let text = ParseError::NotANumber { gene, sample, value };
        assert_eq!(failure(parse(b"id,s1\ng1,abc\ng2,1\ng3,2\n")), Some((text, Some(2), Some(1))));
        // Rows are checked in order: the bad count in row 1 before the duplicate gene in row 3.
        let (gene, sample, value) = ("g1".to_string(), "s1".to_string(), "-1".to_string());
        let negative = ParseError::NegativeCount { gene, sample, value };
        assert_eq!(failure(parse(b"id,s1\ng1,-1\ng2,1\ng2,2\n")), Some((negative, Some(2), Some(1))));
        Ok(())
    }

    #[test]
    fn test_genes_as_rows_htseq() -> Result<()> {
        let text = b"gene\tctrl\tkd\ng1\t10\t20\ng2\t0\t1\n__no_feature\t100\t200\n__ambiguous\t3\t4\n\
            __too_low_aQual\t0\t0\n__not_aligned\t5\t5\n__alignment_not_unique\t7\t9\n";
        let table = parse(text)?;
        assert_eq!(table.genes(), ["g1", "g2"]);
        assert_eq!(table.library_sizes(), [10, 21]);
        assert_eq!(table.special_row("__no_feature"), Some(&[100, 200][..]));
        assert_eq!(table.special_rows().count(), 5);
        assert_eq!(table.gene_index("__no_feature"), None);
        Ok(())
    }

    #[test]
    fn test_genes_as_rows_errors() -> Result<()> {
        let cell = |gene: &str, sample: &str, value: &str| (gene.to_string(), sample.to_string(), value.to_string());
        let (g, s, v) = cell("g2", "s2", "-4");
        let negative = ParseError::NegativeCount { gene: g, sample: s, value: v };
        let (g, s, v) = cell("g1", "s1", "NA");
        let na = ParseError::MissingValue { gene: g, sample: s, value: v };
        let (g, s, v) = cell("g2", "s2", "");
        let empty = ParseError::MissingValue { gene: g, sample: s, value: v };
        let (g, s, v) = cell("g3", "s1", "abc");
        let text = ParseError::NotANumber { gene: g, sample: s, value: v };
        let (g, s, v) = cell("g1", "s1", "Inf");
        let inf = ParseError::NotANumber { gene: g, sample: s, value: v };
        let (g, s, v) = cell("g1", "s1", "NaN");
        let nan = ParseError::NotANumber { gene: g, sample: s, value: v };
        let (g, s, v) = cell("", "id", "");
        let blank_id = ParseError::MissingValue { gene: g, sample: s, value: v };
        let cases: [Case; 11] = [
            (b"id,s1\ng1,1\ng2,2\ng1,3\n", ParseError::DuplicateGene("g1".into()), Some(4), Some(3)),
            (b"id,s1,s2,s1\ng1,1,2,3\n", ParseError::DuplicateSample("s1".into()), Some(1), None),
            (b"id,symbol,symbol,s1\ng1,A,B,3\n", ParseError::DuplicateColumn("symbol".into()), Some(1), None),
            (b"# c\nid,s1,s2\ng1,1,2\ng2,3,-4\n", negative, Some(4), Some(2)),
            (b"id,s1,s2\ng1,NA,2\ng2,3,4\n", na, Some(2), Some(1)),
            (b"id\ts1\ts2\ng1\t1\t2\ng2\t3\t\n", empty, Some(3), Some(2)),
            (b"id,s1\ng1,1\ng2,2\ng3,abc\n", text, Some(4), Some(3)),
            (b"id,s1\ng1,Inf\n", inf, Some(2), Some(1)),
            (b"id,s1\r\ng1,NaN\r\n", nan, Some(2), Some(1)),
            (b"id,s1\ng1,1\n\"\",2\n", blank_id, Some(3), Some(2)),
            (b"id,s1\n__no_feature,3\n", ParseError::EmptyInput, Some(1), None),
        ];
        for (input, kind, line, record) in cases {
            assert_eq!(failure(parse(input)), Some((kind, line, record)), "{}", String::from_utf8_lossy(input));
        }
        let only_text = failure(parse(b"id,symbol\ng1,TP53\n"));
        assert!(matches!(only_text, Some((ParseError::MissingColumn(_), Some(1), None))));
        Ok(())
    }
}
