//! Dataset readers: DNABERT-style TSVs and labelled FASTA.
//!
//! ```no_run
//! use std::path::Path;
//! use gptomics_train::data::read::{LabelSource, TargetKind, read_fasta, read_tsv};
//!
//! // `sequence<TAB>label`, sequences as plain bases or DNABERT's overlapping k-mers.
//! let dev = read_tsv(Path::new("promoter_6mer_dev.tsv"), TargetKind::Classes)?;
//! dev.check_for_classification()?;
//! // `>id|label` headers, or labels in a separate `id<TAB>label` table.
//! let expr = read_fasta(Path::new("promoters.fa"), LabelSource::Table(Path::new("tpm.tsv")), TargetKind::Values)?;
//! # Ok::<(), gptomics_train::Error>(())
//! ```

use std::path::Path;

use super::Dataset;
use super::bases::parse_sequence;
use super::labels::LabelColumn;
use super::rows::for_each_row;
use crate::error::{Error, Result};

pub use super::fasta::read_fasta;

/// How to read the label column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// Labels are class names (any text); see [`Targets::Classes`](super::Targets::Classes) for their order.
    Classes,
    /// Labels are real numbers (finite `f64`), for regression.
    Values,
    /// Labels are ignored, and a TSV may have no label column (a pretraining corpus).
    None,
}

/// Where a FASTA file's labels come from.
#[derive(Clone, Copy, Debug)]
pub enum LabelSource<'a> {
    /// The record name is `id|label` or `id|label|group` (`>seq1|1|chr2 description`).
    Header,
    /// A TSV table `id<TAB>label[<TAB>group]`, optional header line `id\tlabel[\tgroup]`; every record's
    /// name must be in it (rows for other ids are ignored).
    Table(&'a Path),
    /// No labels: the record name is the id (only with [`TargetKind::None`]).
    None,
}

/// The column names a TSV header may hold; a first line made only of these (any case) is the header.
const COLUMN_NAMES: [&str; 4] = ["sequence", "label", "id", "group"];

/// Where each field sits in a TSV row.
#[derive(Debug, Default)]
struct Layout {
    columns: usize,
    sequence: usize,
    label: Option<usize>,
    id: Option<usize>,
    group: Option<usize>,
}

impl Layout {
    /// The layout a header line names, `None` when the line is not a header, an error when it is a header
    /// that cannot be used.
    fn from_header(fields: &[&str], kind: TargetKind) -> Option<std::result::Result<Self, String>> {
        let mut slots = [None; 4];
        for (column, field) in fields.iter().enumerate() {
            // A field that is not a column name: the line is data, not a header.
            let slot = COLUMN_NAMES.iter().position(|name| field.trim().eq_ignore_ascii_case(name))?;
            if slots[slot].replace(column).is_some() {
                return Some(Err(format!("header names column {:?} twice", COLUMN_NAMES[slot])));
            }
        }
        let [sequence, label, id, group] = slots;
        let Some(sequence) = sequence else {
            return Some(Err("header has no \"sequence\" column".into()));
        };
        if label.is_none() && kind != TargetKind::None {
            return Some(Err("header has no \"label\" column".into()));
        }
        Some(Ok(Self { columns: fields.len(), sequence, label, id, group }))
    }

    /// The layout of a file without header: `sequence<TAB>label`, or just `sequence` when labels are not
    /// wanted.
    fn headerless(columns: usize, kind: TargetKind) -> std::result::Result<Self, String> {
        match columns {
            2 => Ok(Self { columns, sequence: 0, label: Some(1), ..Self::default() }),
            1 if kind == TargetKind::None => Ok(Self { columns, ..Self::default() }),
            n => Err(format!("expected 2 tab-separated columns (sequence, label), found {n}")),
        }
    }

    /// The column names, for error messages.
    fn describe(&self) -> String {
        let mut named: Vec<(usize, &str)> = vec![(self.sequence, "sequence")];
        named.extend(self.label.map(|c| (c, "label")));
        named.extend(self.id.map(|c| (c, "id")));
        named.extend(self.group.map(|c| (c, "group")));
        named.sort_unstable();
        named.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join(", ")
    }
}

/// Reads a tab-separated dataset.
///
/// The DNABERT layout is `sequence<TAB>label` under a header line `sequence\tlabel`. More generally:
/// - a first line made only of the names `sequence`, `label`, `id` and `group` (any case, any order) is a
///   header, and the columns are found by name (`label` may be left out with [`TargetKind::None`]);
/// - otherwise the file has no header and its columns are `sequence<TAB>label` (or only `sequence` with
///   [`TargetKind::None`]).
///
/// Sequences are plain bases or DNABERT's space-separated overlapping k-mers, reassembled into bases
/// (the first k-mer, then the last base of each next one); neighbouring k-mers must overlap by k−1 bases.
/// Bases are upper-cased; `ACGTN`, `U` and the IUPAC ambiguity letters are accepted, anything else is an
/// error naming the line and the character. Ids come from the `id` column, else are `line N`. Every row
/// has the header's (or first line's) number of columns; blank lines may end the file.
pub fn read_tsv(path: &Path, kind: TargetKind) -> Result<Dataset> {
    let mut layout: Option<Layout> = None;
    let mut ids = Vec::new();
    let mut sequences = Vec::new();
    let mut labels = LabelColumn::new(kind);
    let mut groups = Vec::new();
    for_each_row(path, |line, fields| {
        let layout = match &mut layout {
            Some(layout) => layout,
            slot => match Layout::from_header(fields, kind) {
                Some(header) => {
                    *slot = Some(header.map_err(|reason| Error::parse(path, line, reason))?);
                    return Ok(());
                }
                None => slot.insert(Layout::headerless(fields.len(), kind).map_err(|r| Error::parse(path, line, r))?),
            },
        };
        if fields.len() != layout.columns {
            let reason = format!(
                "expected {} tab-separated columns ({}), found {}",
                layout.columns,
                layout.describe(),
                fields.len()
            );
            return Err(Error::parse(path, line, reason));
        }
        sequences.push(parse_sequence(fields[layout.sequence]).map_err(|r| Error::parse(path, line, r))?);
        if let Some(column) = layout.label {
            labels.push(fields[column], path, line)?;
        }
        ids.push(match layout.id {
            Some(column) => non_empty(fields[column], "id", path, line)?,
            None => format!("line {line}"),
        });
        if let Some(column) = layout.group {
            groups.push(non_empty(fields[column], "group", path, line)?);
        }
        Ok(())
    })?;
    if sequences.is_empty() {
        return Err(Error::Dataset(format!("{}: no sequences", path.display())));
    }
    let has_groups = layout.is_some_and(|l| l.group.is_some());
    Ok(Dataset { ids, sequences, targets: labels.finish(), groups: has_groups.then_some(groups) })
}

/// The trimmed field, or an error naming the column when it is empty.
fn non_empty(field: &str, column: &str, path: &Path, line: u64) -> Result<String> {
    let field = field.trim();
    if field.is_empty() {
        return Err(Error::parse(path, line, format!("empty {column}")));
    }
    Ok(field.to_string())
}
