//! Reading a delimited table (crate-private), shared by count tables and sample sheets: comment lines,
//! header search, delimiter detection, R's short header, ragged rows.
//!
//! [`read_rows`] hands each row to a callback as it is read, in one reused buffer, so a reader that
//! converts cells as they come (count tables) holds no text per cell. [`read_grid`] keeps all rows, each
//! as one unescaped string plus field offsets (a [`Row`]), for callers that need them all at once.

use std::io::BufRead;

use super::fields::{Lines, Row, detect_delimiter};
use crate::{Error, Location, ParseError, Result};

/// A table's text split into fields.
pub(crate) struct Grid {
    /// Header fields; the first may be empty (R's row names).
    pub(crate) header: Vec<String>,
    /// The header's 1-based line.
    pub(crate) header_line: u64,
    /// Data rows with their 1-based lines, each as wide as the header.
    pub(crate) rows: Vec<(u64, Row)>,
}

/// A table's header, as [`read_rows`] found it.
pub(crate) struct Header {
    /// Header fields; the first may be empty (R's row names).
    pub(crate) fields: Vec<String>,
    /// The header's 1-based line.
    pub(crate) line: u64,
}

/// An error at `line` and data row `record` of input `name`.
pub(crate) fn error_at(name: &str, line: u64, record: Option<u64>, kind: ParseError) -> Error {
    let at = Location::file(name).at_line(line);
    Error::parse(if let Some(r) = record { at.at_record(r) } else { at }, kind)
}

/// Splits the input into header and rows, with `delimiter` or the one detected from the header line, and
/// calls `on_row(header, line, row)` for each data row in order. The header passed is final from the
/// first row on; `row` is as wide as it and is reused for the next row.
///
/// Blank lines are skipped everywhere, `#` lines before the header. A header one field shorter than the
/// first row gains an empty first field (R's `write.table` writes no field over the row names). Errors:
/// no header is [`ParseError::EmptyInput`] without a line, a header without rows the same at the header's
/// line, and a row that does not split or is not as wide as the header carries its line and record.
pub(crate) fn read_rows(
    reader: impl BufRead,
    name: &str,
    delimiter: Option<u8>,
    mut on_row: impl FnMut(&[String], u64, &Row),
) -> Result<Header> {
    let mut lines = Lines::new(reader, name);
    let (header_line, header_text) = loop {
        match lines.next_line()? {
            None => return Err(Error::parse(Location::file(name), ParseError::EmptyInput)),
            Some((_, text)) if text.starts_with('#') || text.trim().is_empty() => {}
            Some((n, text)) => break (n, text.to_string()),
        }
    };
    let delimiter = detect_delimiter(&header_text, delimiter);
    let split = Row::split(&header_text, delimiter);
    let mut header: Vec<String> =
        split.map_err(|kind| error_at(name, header_line, None, kind))?.iter().map(String::from).collect();
    let mut row = Row::default();
    let mut records = 0u64;
    while let Some((line, text)) = lines.next_line()? {
        if text.trim().is_empty() {
            continue;
        }
        let record = records + 1;
        row.split_from(text, delimiter).map_err(|k| error_at(name, line, Some(record), k))?;
        if records == 0 && row.len() == header.len() + 1 {
            header.insert(0, String::new());
        }
        if row.len() != header.len() {
            let kind = ParseError::RaggedRow { expected: header.len(), found: row.len() };
            return Err(error_at(name, line, Some(record), kind));
        }
        records = record;
        on_row(&header, line, &row);
    }
    if records == 0 {
        return Err(error_at(name, header_line, None, ParseError::EmptyInput));
    }
    Ok(Header { fields: header, line: header_line })
}

/// [`read_rows`], keeping every row.
pub(crate) fn read_grid(reader: impl BufRead, name: &str, delimiter: Option<u8>) -> Result<Grid> {
    let mut rows = Vec::new();
    let header = read_rows(reader, name, delimiter, |_, line, row| rows.push((line, row.clone())))?;
    Ok(Grid { header: header.fields, header_line: header.line, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parse error kind, line and record of a failed read.
    fn failure(text: &[u8]) -> Option<(ParseError, Option<u64>, Option<u64>)> {
        let err = read_grid(text, "t", None).err()?;
        let at = err.location()?;
        Some((err.kind()?.clone(), at.line, at.record))
    }

    #[test]
    fn test_read_grid() -> Result<()> {
        let grid = read_grid(&b"# comment\n\na\tb\r\nx\t1\t2\n\ny\t3\t4\n"[..], "t", None)?;
        assert_eq!((grid.header, grid.header_line), (vec![String::new(), "a".into(), "b".into()], 3));
        let rows: Vec<(u64, Vec<&str>)> = grid.rows.iter().map(|(n, r)| (*n, r.iter().collect())).collect();
        assert_eq!(rows, [(4, vec!["x", "1", "2"]), (6, vec!["y", "3", "4"])]);
        let grid = read_grid(&b"a\tb;c\n1\t2;3\n"[..], "t", Some(b';'))?;
        assert_eq!(grid.header, ["a\tb", "c"]);
        Ok(())
    }

    #[test]
    fn test_read_rows() -> Result<()> {
        // Rows arrive in order with their lines, the header already widened for R's short header.
        let mut seen = Vec::new();
        let text = b"a,b\n\nx,1,2\ny,3,4\r\n";
        let header = read_rows(&text[..], "t", None, |header, line, row| {
            seen.push((header.len(), line, row.iter().map(String::from).collect::<Vec<_>>()));
        })?;
        assert_eq!((header.fields, header.line), (vec![String::new(), "a".into(), "b".into()], 1));
        let row = |s: [&str; 3]| s.map(String::from).to_vec();
        assert_eq!(seen, [(3, 3, row(["x", "1", "2"])), (3, 4, row(["y", "3", "4"]))]);
        // Rows before a bad one have been seen; the error names the bad one.
        let mut count = 0;
        let err = read_rows(&b"a,b\n1,2\n3\n"[..], "t", None, |_, _, _| count += 1).err();
        assert_eq!(count, 1);
        assert_eq!(err.and_then(|e| e.location().map(|l| (l.line, l.record))), Some((Some(3), Some(2))));
        Ok(())
    }

    #[test]
    fn test_read_grid_errors() -> Result<()> {
        assert_eq!(failure(b"# only\n\n"), Some((ParseError::EmptyInput, None, None)));
        assert_eq!(failure(b"\na,b\n\n"), Some((ParseError::EmptyInput, Some(2), None)));
        assert!(matches!(failure(b"\"a,b\n1,2\n"), Some((ParseError::Malformed(_), Some(1), None))));
        let ragged = ParseError::RaggedRow { expected: 2, found: 1 };
        assert_eq!(failure(b"a,b\n1,2\n\n3\n"), Some((ragged, Some(4), Some(2))));
        // Only the first row may widen the header.
        let ragged = ParseError::RaggedRow { expected: 2, found: 3 };
        assert_eq!(failure(b"a,b\n1,2\n3,4,5\n"), Some((ragged, Some(3), Some(2))));
        Ok(())
    }
}
