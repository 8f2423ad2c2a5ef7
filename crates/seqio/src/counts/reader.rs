//! Reading a count table. The text is split into rows by [`crate::tsv::grid`] (shared with sample
//! sheets). Genes-as-rows tables are kept as they stream in ([`super::gene_rows::GeneRows`]: plain
//! counts as numbers, text only where a cell is not one) and then built; samples-as-rows tables, a few
//! wide rows, are held as a grid of fields first.

use std::{io::BufRead, path::Path};

use super::{CountTable, CountTableOptions, build, gene_rows::GeneRows, transposed};
use crate::{
    Error, Result, io,
    tsv::grid::{read_grid, read_rows},
};

impl CountTable {
    /// Reads a table from a file, plain or gzip/BGZF (detected from its first bytes).
    ///
    /// ```no_run
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_path("GSE000_counts.tsv.gz", &CountTableOptions::default())?;
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>, options: &CountTableOptions) -> Result<Self> {
        let path = path.as_ref();
        read(io::open(path)?, &path.display().to_string(), options)
    }

    /// Reads a table from a reader, decompressing gzip; `name` is used in error locations.
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, counts::{CountTable, CountTableOptions}};
    /// let bad = CountTable::from_reader(&b"id,s1\ng1,-3\n"[..], "x.csv", &CountTableOptions::default());
    /// assert!(matches!(bad.err().and_then(|e| e.kind().cloned()), Some(ParseError::NegativeCount { .. })));
    /// ```
    pub fn from_reader<R: BufRead + Send>(reader: R, name: &str, options: &CountTableOptions) -> Result<Self> {
        let reader = io::decompress(reader).map_err(|e| Error::io(name, e))?;
        read(reader, name, options)
    }
}

/// Reads a whole table.
pub(super) fn read(reader: impl BufRead, name: &str, options: &CountTableOptions) -> Result<CountTable> {
    if options.samples_as_rows {
        let grid = read_grid(reader, name, options.delimiter)?;
        return transposed::samples_as_rows(grid, name, options);
    }
    let mut rows = GeneRows::default();
    let forced = &options.annotation_columns;
    let header = read_rows(reader, name, options.delimiter, |header, line, row| {
        rows.push(header, line, row, forced);
    })?;
    build::genes_as_rows(header, rows, name, options)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::ParseError;

    fn parse(text: &[u8]) -> Result<CountTable> {
        CountTable::from_reader(text, "t", &CountTableOptions::default())
    }

    /// The parse error kind and line of a failed read.
    fn failure(result: Result<CountTable>) -> Option<(ParseError, Option<u64>)> {
        let err = result.err()?;
        Some((err.kind()?.clone(), err.location()?.line))
    }

    #[test]
    fn test_read_quoted_csv() -> Result<()> {
        let table = parse(b"\"\",\"a,1\",\"b\"\"2\"\n\"g1\",1,2\n\"g2\",\"3\",4\n")?;
        assert_eq!(table.samples(), ["a,1", "b\"2"]);
        assert_eq!(table.genes(), ["g1", "g2"]);
        assert_eq!(table.counts(), [1, 2, 3, 4]);
        Ok(())
    }

    #[test]
    fn test_read_tsv_crlf() -> Result<()> {
        let table = parse(b"gene_id\ts1\ts2\r\nENSG1\t0\t5\r\n\r\nENSG2\t7\t1\r\n")?;
        assert_eq!(table.samples(), ["s1", "s2"]);
        assert_eq!(table.row(1), Some(&[7, 1][..]));
        // The delimiter can be forced: a comma inside a TSV name is then kept.
        let options = CountTableOptions::default().delimiter(b'\t');
        let table = CountTable::from_reader(&b"id\tx,y\ng\t1\n"[..], "t", &options)?;
        assert_eq!(table.samples(), ["x,y"]);
        Ok(())
    }

    #[test]
    fn test_read_gzip() -> Result<()> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"gene,s1\ng1,12\n").and_then(|()| encoder.try_finish()).map_err(|e| Error::io("gz", e))?;
        let gz = encoder.get_ref().clone();
        assert_eq!(parse(&gz)?.count(0, 0), Some(12));
        Ok(())
    }

    #[test]
    fn test_read_grid_short_header() -> Result<()> {
        // R's write.table without col.names = NA: no field over the row names.
        let table = parse(b"s1\ts2\ng1\t1\t2\n")?;
        assert_eq!(
            (table.genes(), table.samples()),
            (&["g1".to_string()][..], &["s1".to_string(), "s2".to_string()][..])
        );
        Ok(())
    }

    #[test]
    fn test_read_grid_errors() -> Result<()> {
        assert_eq!(failure(parse(b"")), Some((ParseError::EmptyInput, None)));
        assert_eq!(failure(parse(b"# only a comment\n\n")), Some((ParseError::EmptyInput, None)));
        assert_eq!(failure(parse(b"id,s1\n\n")), Some((ParseError::EmptyInput, Some(1))));
        let ragged = ParseError::RaggedRow { expected: 3, found: 2 };
        assert_eq!(failure(parse(b"id,s1,s2\ng1,1,2\ng2,3\n")), Some((ragged, Some(3))));
        let err = parse(b"id,s1\ng1,1\n\"g2,3\n").err();
        assert_eq!(err.as_ref().and_then(|e| e.location()).map(|l| (l.line, l.record)), Some((Some(3), Some(2))));
        assert!(matches!(err.and_then(|e| e.kind().cloned()), Some(ParseError::Malformed(_))));
        Ok(())
    }
}
