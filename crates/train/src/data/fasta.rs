//! Labelled FASTA: labels in the record names (`>id|label[|group]`) or in a separate label table.

use std::collections::HashMap;
use std::path::Path;

use gptomics_seqio::ParseError;
use gptomics_seqio::fasta::{ReadOptions, Reader, Record};

use super::Dataset;
use super::bases::is_base;
use super::label_table::read_label_table;
use super::labels::LabelColumn;
use super::read::{LabelSource, TargetKind};
use super::rows::open;
use crate::error::{Error, Result};

/// Reads a FASTA file (plain or gzip) with its labels.
///
/// With [`LabelSource::Header`] each record name (the header up to the first space) is `id|label` or
/// `id|label|group`, the same form for every record. With [`LabelSource::Table`] each record name is
/// looked up in the table; a name missing from it is an error naming the record. Ids must be unique in a
/// labelled file. Bases are upper-cased and must be nucleotide letters (`ACGTN`, `U`, IUPAC codes).
/// Errors about a record give its 1-based record number where a line number would go.
///
/// [`LabelSource::None`] reads ids and sequences only and requires [`TargetKind::None`]; with
/// [`TargetKind::None`] any other source still gives ids and groups, and the labels are ignored.
pub fn read_fasta(path: &Path, labels: LabelSource<'_>, kind: TargetKind) -> Result<Dataset> {
    if matches!(labels, LabelSource::None) && kind != TargetKind::None {
        return Err(Error::InvalidConfig(format!(
            "{}: {kind:?} targets need labels: give them in the headers (`>id|label`) or in a label table",
            path.display()
        )));
    }
    let table = match labels {
        LabelSource::Table(table) => Some((table, read_label_table(table)?)),
        _ => None,
    };
    let options = ReadOptions { uppercase: true, validate: true };
    let mut reader = Reader::new(open(path)?).with_name(path.display().to_string()).with_options(options);
    let mut record = Record::default();
    let mut dataset = Dataset { ids: Vec::new(), sequences: Vec::new(), targets: super::Targets::None, groups: None };
    let mut column = LabelColumn::new(kind);
    let mut groups: Vec<String> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == Some(&ParseError::EmptyInput) => break,
            Err(e) => return Err(e.into()),
        }
        let number = dataset.sequences.len() as u64 + 1;
        let at =
            |reason: String| Error::parse(path, number, format!("record {number} ({:?}): {reason}", record.name()));
        let sequence = record.sequence();
        if sequence.is_empty() {
            return Err(at("empty sequence".into()));
        }
        if let Some(i) = sequence.iter().position(|&b| !is_base(b)) {
            return Err(at(format!("invalid character {:?} at position {}", char::from(sequence[i]), i + 1)));
        }
        let (id, group) = match (&table, labels) {
            (Some((table, rows)), _) => {
                let Some(row) = rows.get(record.name()) else {
                    return Err(at(format!("id not in label table {}", table.display())));
                };
                column.push(&row.label, table, row.line)?;
                (record.name().to_string(), row.group.clone())
            }
            (None, LabelSource::Header) => {
                let parts: Vec<&str> = record.name().split('|').collect();
                let (id, label, group) = match parts[..] {
                    [id, label] => (id, label, None),
                    [id, label, group] => (id, label, Some(group)),
                    _ => return Err(at("the name is not `id|label` or `id|label|group`".into())),
                };
                if id.is_empty() || label.is_empty() || group.is_some_and(str::is_empty) {
                    return Err(at("empty id, label or group in `id|label[|group]`".into()));
                }
                column.push(label, path, number)?;
                (id.to_string(), group.map(str::to_string))
            }
            _ => (record.name().to_string(), None),
        };
        match (group, number) {
            (Some(group), 1) => groups.push(group),
            (Some(group), _) if !groups.is_empty() => groups.push(group),
            (None, _) if groups.is_empty() => {}
            _ => return Err(at("some records have a group and others not".into())),
        }
        if !matches!(labels, LabelSource::None)
            && let Some(first) = seen.insert(id.clone(), number)
        {
            return Err(at(format!("duplicate id {id:?} (first in record {first})")));
        }
        dataset.ids.push(id);
        dataset.sequences.push(sequence.to_vec());
    }
    if dataset.sequences.is_empty() {
        return Err(Error::Dataset(format!("{}: no sequences", path.display())));
    }
    dataset.targets = column.finish();
    dataset.groups = (!groups.is_empty()).then_some(groups);
    Ok(dataset)
}
