//! Building a [`CountTable`] from a samples × genes grid (PyDESeq2's layout).

use std::collections::HashMap;

use super::{
    CountTable, CountTableOptions,
    build::{SPECIAL_PREFIX, check_id},
    cells::parse_count,
};
use crate::{
    ParseError, Result,
    tsv::grid::{Grid, error_at},
};

/// Builds a table whose rows are samples and columns genes (PyDESeq2's layout).
pub(super) fn samples_as_rows(grid: Grid, name: &str, options: &CountTableOptions) -> Result<CountTable> {
    let Grid { header, header_line, rows } = grid;
    let at_header = |kind| error_at(name, header_line, None, kind);
    let mut gene_idx = Vec::new();
    let mut special_idx = Vec::new();
    let mut gene_lookup = HashMap::with_capacity(header.len());
    for (j, id) in header.iter().enumerate().skip(1) {
        check_id(id, &header[0]).map_err(at_header)?;
        let duplicate = if id.starts_with(SPECIAL_PREFIX) {
            special_idx.iter().any(|&s| header[s] == *id) || {
                special_idx.push(j);
                false
            }
        } else {
            gene_lookup.insert(id.clone(), gene_idx.len()).is_some() || {
                gene_idx.push(j);
                false
            }
        };
        if duplicate {
            return Err(at_header(ParseError::DuplicateGene(id.clone())));
        }
    }
    if gene_idx.is_empty() {
        return Err(at_header(ParseError::EmptyInput));
    }
    let n_samples = rows.len();
    let mut counts = vec![0u64; gene_idx.len() * n_samples]; // [n_genes * n_samples], gene-major
    let mut special = vec![vec![0u64; n_samples]; special_idx.len()];
    let mut samples: Vec<String> = Vec::with_capacity(n_samples);
    for (s, (line, row)) in rows.iter().enumerate() {
        let error = |kind| error_at(name, *line, Some(s as u64 + 1), kind);
        let sample = row.get(0);
        if sample.trim().is_empty() {
            return Err(error(ParseError::MissingSampleName { column: header[0].clone() }));
        }
        if samples.iter().any(|x| x == sample) {
            return Err(error(ParseError::DuplicateSample(sample.to_string())));
        }
        let parse = |j: usize| parse_count(row.get(j), options.round_non_integer, &header[j], sample);
        for (g, &j) in gene_idx.iter().enumerate() {
            counts[g * n_samples + s] = parse(j).map_err(error)?;
        }
        for (values, &j) in special.iter_mut().zip(&special_idx) {
            values[s] = parse(j).map_err(error)?;
        }
        samples.push(sample.to_string());
    }
    Ok(CountTable {
        source: name.to_string(),
        genes: gene_idx.iter().map(|&j| header[j].clone()).collect(),
        gene_lookup,
        samples,
        counts,
        annotation_names: Vec::new(),
        annotation_values: Vec::new(),
        special: special_idx.iter().map(|&j| header[j].clone()).zip(special).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse error kind, line and record of a failed read.
    fn failure(result: Result<CountTable>) -> Option<(ParseError, Option<u64>, Option<u64>)> {
        let err = result.err()?;
        let at = err.location()?;
        Some((err.kind()?.clone(), at.line, at.record))
    }

    #[test]
    fn test_samples_as_rows() -> Result<()> {
        let text = b",g1,g2,__no_feature\nS1,1,2,9\nS2,3,4,8\nS3,5,6,7\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default().samples_as_rows(true))?;
        assert_eq!(table.genes(), ["g1", "g2"]);
        assert_eq!(table.samples(), ["S1", "S2", "S3"]);
        assert_eq!(table.row(0), Some(&[1, 3, 5][..]));
        assert_eq!(table.special_row("__no_feature"), Some(&[9, 8, 7][..]));
        let options = CountTableOptions::default().samples_as_rows(true);
        let bad = CountTable::from_reader(&b",g1\nS1,1\nS2,x\n"[..], "t", &options);
        let (g, s, v) = ("g1".to_string(), "S2".to_string(), "x".to_string());
        assert_eq!(failure(bad), Some((ParseError::NotANumber { gene: g, sample: s, value: v }, Some(3), Some(2))));
        let dup = CountTable::from_reader(&b",g1\nS1,1\nS1,2\n"[..], "t", &options);
        assert_eq!(failure(dup), Some((ParseError::DuplicateSample("S1".into()), Some(3), Some(2))));
        let blank = CountTable::from_reader(&b"sample,g1\nS1,1\n\"\",2\n"[..], "t", &options);
        let kind = ParseError::MissingSampleName { column: "sample".into() };
        assert_eq!(failure(blank), Some((kind, Some(3), Some(2))));
        let dup = CountTable::from_reader(&b",g1,g1\nS1,1,2\n"[..], "t", &options);
        assert_eq!(failure(dup), Some((ParseError::DuplicateGene("g1".into()), Some(1), None)));
        Ok(())
    }
}
