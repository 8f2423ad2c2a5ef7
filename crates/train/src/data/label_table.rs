//! Label tables: `id<TAB>label[<TAB>group]` rows that label the records of a FASTA file by name.

use std::collections::HashMap;
use std::path::Path;

use super::rows::for_each_row;
use crate::error::{Error, Result};

/// The names of a label table's optional header line.
const HEADER: [&str; 3] = ["id", "label", "group"];

/// One row of a label table.
pub(crate) struct LabelRow {
    /// The label text.
    pub(crate) label: String,
    /// The group, when the table has a third column.
    pub(crate) group: Option<String>,
    /// The row's line in the table (1-based), for errors about its label.
    pub(crate) line: u64,
}

/// Reads a label table into a map from id to its row. An optional header line `id\tlabel[\tgroup]`
/// (any case) is skipped; every row has the columns of the first (2 or 3), and ids are unique.
pub(crate) fn read_label_table(path: &Path) -> Result<HashMap<String, LabelRow>> {
    let mut rows: HashMap<String, LabelRow> = HashMap::new();
    let mut columns = None;
    for_each_row(path, |line, fields| {
        let n = fields.len();
        if !(2..=3).contains(&n) {
            let reason = format!("expected 2 or 3 tab-separated columns (id, label[, group]), found {n}");
            return Err(Error::parse(path, line, reason));
        }
        let is_header = columns.is_none() && fields.iter().zip(HEADER).all(|(f, h)| f.trim().eq_ignore_ascii_case(h));
        let expected = *columns.get_or_insert(n);
        if is_header {
            return Ok(());
        }
        if n != expected {
            return Err(Error::parse(path, line, format!("{n} columns where the first line has {expected}")));
        }
        let id = fields[0].trim();
        if id.is_empty() {
            return Err(Error::parse(path, line, "empty id"));
        }
        if let Some(previous) = rows.get(id) {
            let reason = format!("duplicate id {id:?} (first on line {})", previous.line);
            return Err(Error::parse(path, line, reason));
        }
        let group = match fields.get(2).map(|g| g.trim()) {
            Some("") => return Err(Error::parse(path, line, "empty group")),
            group => group.map(str::to_string),
        };
        rows.insert(id.to_string(), LabelRow { label: fields[1].trim().to_string(), group, line });
        Ok(())
    })?;
    Ok(rows)
}
