//! The data rows of a genes-as-rows table as they are read, before the columns' roles are known.
//!
//! Which columns are samples is decided only after the last row (a column is annotation when most of its
//! cells are text), so every cell must be kept until then, but not as text: a cell written as a plain
//! count (`0`, `42`) is kept as its `u64`, and only the others (annotation text, `12.0`, `NA`, bad cells)
//! keep their text, for [`super::build::genes_as_rows`] to read or report afterwards. A 60,000 × 100
//! table of counts thus costs its 8 bytes per cell and one string per gene id. Nothing is checked here;
//! every error is found afterwards, so the first one reported is the same as if the whole table had been
//! held as text.

use super::{
    build::SPECIAL_PREFIX,
    cells::{Tally, is_annotation_name, plain_count},
};
use crate::tsv::fields::Row;

/// A cell kept as text: its position and where its text ends in [`GeneRows::text`].
#[derive(Clone, Copy, Debug)]
struct TextCell {
    row: usize,
    column: usize,
    end: usize,
}

/// One cell of a [`GeneRows`], as kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cell<'a> {
    /// A plain count; its decimal form is the cell's text.
    Count(u64),
    /// Any other text.
    Text(&'a str),
}

/// Rows of a genes-as-rows table: ids, lines and cells (columns after the id, numbered from 0).
#[derive(Debug, Default)]
pub(super) struct GeneRows {
    /// Columns after the id; set by the first row.
    n_columns: usize,
    /// Per column: annotation by name, so every cell keeps its text.
    keep_text: Vec<bool>,
    /// Per column: numeric and text cells of gene rows (HTSeq's special rows are not counted).
    tallies: Vec<Tally>,
    ids: Vec<String>,
    lines: Vec<u64>,
    /// [n_rows * n_columns], row-major; 0 where the cell is a [`TextCell`].
    values: Vec<u64>,
    /// In reading order, so ordered by (row, column).
    texts: Vec<TextCell>,
    /// The text of `texts`, one after another.
    text: String,
}

impl GeneRows {
    /// Keeps one data row of `header` (the id first). `forced` are the columns to keep as annotation
    /// whatever their content; with the header's well-known annotation names they are fixed by the
    /// first row.
    pub(super) fn push(&mut self, header: &[String], line: u64, row: &Row, forced: &[String]) {
        if self.lines.is_empty() {
            self.n_columns = header.len().saturating_sub(1);
            self.keep_text = header.iter().skip(1).map(|name| is_annotation_name(name, forced)).collect();
            self.tallies = vec![Tally::default(); self.n_columns];
        }
        let mut cells = row.iter();
        let id = cells.next().unwrap_or_default();
        let gene = !id.starts_with(SPECIAL_PREFIX);
        let r = self.lines.len();
        let Self { keep_text, tallies, values, texts, text, .. } = self;
        for (column, ((cell, &keep), tally)) in cells.zip(keep_text.iter()).zip(tallies.iter_mut()).enumerate() {
            match if keep { None } else { plain_count(cell) } {
                Some(v) => {
                    values.push(v);
                    if gene {
                        tally.add_number();
                    }
                }
                None => {
                    values.push(0);
                    text.push_str(cell);
                    texts.push(TextCell { row: r, column, end: text.len() });
                    if gene && !keep {
                        tally.add(cell);
                    }
                }
            }
        }
        self.ids.push(id.to_string());
        self.lines.push(line);
    }

    /// The tally of column `column` over gene rows.
    pub(super) fn tally(&self, column: usize) -> Tally {
        self.tallies.get(column).copied().unwrap_or_default()
    }

    /// Takes the rows apart for building: a cursor over the rows in file order, and the values buffer,
    /// which the counts may overwrite behind the cursor.
    pub(super) fn into_parts(self) -> (RowCursor, Vec<u64>) {
        let GeneRows { n_columns, ids, lines, values, texts, text, .. } = self;
        (RowCursor { n_columns, ids: ids.into_iter().zip(lines).enumerate(), texts, text, next_text: 0 }, values)
    }
}

/// Walks the rows of a [`GeneRows`] in order (see [`GeneRows::into_parts`]).
pub(super) struct RowCursor {
    n_columns: usize,
    ids: std::iter::Enumerate<std::iter::Zip<std::vec::IntoIter<String>, std::vec::IntoIter<u64>>>,
    texts: Vec<TextCell>,
    text: String,
    next_text: usize,
}

/// One row handed out by [`RowCursor::next_row`].
pub(super) struct RowView<'a> {
    /// 0-based data row.
    pub(super) index: usize,
    pub(super) id: String,
    pub(super) line: u64,
    /// Where the row's cells begin in the values buffer.
    pub(super) offset: usize,
    pub(super) cells: RowCells<'a>,
}

impl RowCursor {
    /// The next row. Its cells are read from the values buffer of [`GeneRows::into_parts`], whose part
    /// for this row must still hold what was read.
    pub(super) fn next_row(&mut self) -> Option<RowView<'_>> {
        let (index, (id, line)) = self.ids.next()?;
        let first = self.next_text;
        while self.texts.get(self.next_text).is_some_and(|t| t.row == index) {
            self.next_text += 1;
        }
        let start = if first == 0 { 0 } else { self.texts[first - 1].end };
        let cells = RowCells { texts: &self.texts[first..self.next_text], text: &self.text, start };
        Some(RowView { index, id, line, offset: index * self.n_columns, cells })
    }
}

/// The text cells of one row.
pub(super) struct RowCells<'a> {
    texts: &'a [TextCell],
    text: &'a str,
    /// Where the first of `texts` starts in `text`.
    start: usize,
}

impl<'a> RowCells<'a> {
    /// Column `column` of the row whose values start at `values[0]`.
    #[inline]
    pub(super) fn get(&self, values: &[u64], column: usize) -> Cell<'a> {
        if self.texts.is_empty() {
            return Cell::Count(values[column]);
        }
        match self.texts.binary_search_by_key(&column, |t| t.column) {
            Ok(i) => {
                let start = if i == 0 { self.start } else { self.texts[i - 1].end };
                Cell::Text(&self.text[start..self.texts[i].end])
            }
            Err(_) => Cell::Count(values[column]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParseError;

    #[test]
    fn test_push() -> Result<(), ParseError> {
        let header: Vec<String> = ["id", "symbol", "s1", "s2"].map(String::from).to_vec();
        let mut rows = GeneRows::default();
        for (line, text) in [(2, "g1,TP53,3,12.0"), (3, "g2,7,007,4"), (4, "__ambiguous,x,y,z")] {
            rows.push(&header, line, &Row::split(text, b',')?, &[]);
        }
        // `symbol` is annotation by name: its cells are kept as text, and not tallied.
        assert_eq!(rows.tally(0), Tally::default());
        let mut s2 = Tally::default();
        s2.add_number();
        s2.add_number();
        assert_eq!(rows.tally(2), s2);
        let (mut cursor, values) = rows.into_parts();
        let mut seen = Vec::new();
        while let Some(row) = cursor.next_row() {
            let cells: Vec<Cell<'_>> = (0..3).map(|c| row.cells.get(&values[row.offset..], c)).collect();
            seen.push((row.id, row.line, format!("{cells:?}")));
        }
        let expected = [
            ("g1", 2, r#"[Text("TP53"), Count(3), Text("12.0")]"#),
            ("g2", 3, r#"[Text("7"), Text("007"), Count(4)]"#),
            ("__ambiguous", 4, r#"[Text("x"), Text("y"), Text("z")]"#),
        ];
        assert_eq!(seen, expected.map(|(i, l, c)| (i.to_string(), l, c.to_string())));
        Ok(())
    }
}
