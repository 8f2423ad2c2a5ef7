//! Reading sample metadata from a GEO series matrix (`GSE*_series_matrix.txt[.gz]`).
//!
//! The header lines (`!Sample_<field>\t"value"\t"value"...`, one value per sample) are read up to
//! `!series_matrix_table_begin`; the expression table after it is not needed and not read. Kept fields:
//! `title`, `source_name_ch1`, `description` (a repeated line adds `description_2`, ...) and each
//! `!Sample_characteristics_ch1` line, whose cells are `"key: value"`: each key becomes a column (one
//! sample may carry a key on another line than the next sample; values of a key repeated for one sample
//! are joined with `"; "`). A non-empty cell without `": "` goes to `characteristics_ch1_<n>`, `n` being the
//! characteristics line's rank. Samples are named by `!Sample_geo_accession`.
//!
//! Characteristics never write into the reader's own columns: a key that is a built-in name (`title`,
//! `source_name_ch1`, `description`, `geo_accession`, `characteristics_ch1`, or one of these followed by
//! `_<n>`) becomes the column `characteristics_<key>`, e.g. `title: control` goes to
//! `characteristics_title` and `title` keeps the `!Sample_title` values.

use std::{io::BufRead, path::Path};

use super::SampleSheet;
use crate::{
    Error, Location, ParseError, Result, io,
    tsv::fields::{Lines, Row},
};

/// The line that ends the header part of a series matrix.
const TABLE_BEGIN: &str = "!series_matrix_table_begin";

impl SampleSheet {
    /// Reads the sample metadata of a GEO series matrix file, plain or gzip; the counterpart of
    /// [`SampleSheet::from_path`] (a series matrix needs no options).
    ///
    /// ```no_run
    /// use gptomics_seqio::samples::SampleSheet;
    /// let sheet = SampleSheet::from_series_matrix("GSE000_series_matrix.txt.gz")?;
    /// println!("{:?}", sheet.levels("treatment"));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn from_series_matrix(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        read_series_matrix(io::open(path)?, &path.display().to_string())
    }

    /// Reads the sample metadata of a GEO series matrix from a reader, decompressing gzip; the counterpart
    /// of [`SampleSheet::from_reader`]. `name` is used in error locations. A file
    /// without `!Sample_geo_accession` is [`ParseError::MissingColumn`], a `!Sample_` line with another
    /// number of cells [`ParseError::RaggedRow`], a repeated accession [`ParseError::DuplicateSample`].
    ///
    /// ```
    /// use gptomics_seqio::samples::SampleSheet;
    /// let text = b"!Sample_title\t\"ctrl_1\"\t\"KD_1\"\n\
    ///     !Sample_geo_accession\t\"GSM1\"\t\"GSM2\"\n\
    ///     !Sample_characteristics_ch1\t\"treatment: none\"\t\"treatment: siRNA\"\n\
    ///     !series_matrix_table_begin\n";
    /// let sheet = SampleSheet::from_series_matrix_reader(&text[..], "GSE1")?;
    /// assert_eq!(sheet.samples(), ["GSM1", "GSM2"]);
    /// assert_eq!(sheet.get("GSM2", "treatment"), Some("siRNA"));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn from_series_matrix_reader<R: BufRead + Send>(reader: R, name: &str) -> Result<Self> {
        read_series_matrix(io::decompress(reader).map_err(|e| Error::io(name, e))?, name)
    }
}

fn read_series_matrix(reader: impl BufRead, name: &str) -> Result<SampleSheet> {
    let at = |line: u64, kind| Error::parse(Location::file(name).at_line(line), kind);
    let mut lines = Lines::new(reader, name);
    let mut kept: Vec<(u64, String, Row)> = Vec::new(); // (line, field, cells after the first)
    let mut accessions: Option<(u64, Row)> = None;
    let mut any_line = false;
    while let Some((line, text)) = lines.next_line()? {
        any_line |= !text.trim().is_empty();
        if text.starts_with(TABLE_BEGIN) {
            break;
        }
        let Some(field) = text.strip_prefix("!Sample_").and_then(|t| t.split('\t').next()) else {
            continue;
        };
        let is_kept = matches!(field, "title" | "source_name_ch1" | "description" | "characteristics_ch1");
        if !(is_kept || field == "geo_accession") {
            continue;
        }
        let row = Row::split(text, b'\t').map_err(|k| at(line, k))?;
        if field == "geo_accession" {
            if accessions.is_none() {
                accessions = Some((line, row));
            }
        } else {
            kept.push((line, field.to_string(), row));
        }
    }
    let Some((accession_line, accession_row)) = accessions else {
        if !any_line {
            return Err(Error::parse(Location::file(name), ParseError::EmptyInput));
        }
        let kind = ParseError::MissingColumn("!Sample_geo_accession".into());
        return Err(Error::parse(Location::file(name), kind));
    };
    let samples: Vec<String> = accession_row.iter().skip(1).map(String::from).collect();
    for (i, sample) in samples.iter().enumerate() {
        if samples[..i].contains(sample) {
            let at = Location::file(name).at_line(accession_line).at_record(i as u64 + 1);
            return Err(Error::parse(at, ParseError::DuplicateSample(sample.clone())));
        }
    }
    let mut sheet = SampleSheet {
        source: name.to_string(),
        sample_column: "geo_accession".into(),
        samples,
        columns: Vec::new(),
        values: Vec::new(),
    };
    let n = sheet.samples.len();
    let mut characteristics_rank = 0;
    for (line, field, row) in kept {
        if row.len() != n + 1 {
            return Err(at(line, ParseError::RaggedRow { expected: n + 1, found: row.len() }));
        }
        let cells = (0..n).map(|s| row.get(s + 1));
        if field == "characteristics_ch1" {
            characteristics_rank += 1;
            for (s, cell) in cells.enumerate().filter(|(_, c)| !c.trim().is_empty()) {
                let (key, value) = match cell.split_once(": ") {
                    Some((key, value)) if !key.trim().is_empty() => (characteristic_column(key.trim()), value.trim()),
                    _ => (format!("characteristics_ch1_{characteristics_rank}"), cell.trim()),
                };
                let values = sheet.column_mut(&key, n);
                if values[s].is_empty() {
                    values[s] = value.to_string();
                } else {
                    values[s] = format!("{}; {value}", values[s]);
                }
            }
        } else {
            let mut column = field.clone();
            let mut k = 1;
            while sheet.columns.contains(&column) {
                k += 1;
                column = format!("{field}_{k}");
            }
            sheet.columns.push(column);
            sheet.values.push(cells.map(String::from).collect());
        }
    }
    Ok(sheet)
}

/// Column names the reader makes itself: the kept fields, the sample column, and the prefix of key-less
/// characteristics. Each may also appear with a `_<n>` suffix (a repeated field, a characteristics rank).
const BUILT_IN: &[&str] = &["title", "source_name_ch1", "description", "geo_accession", "characteristics_ch1"];

/// The column for characteristics key `key`: the key itself, or `characteristics_<key>` when it is a
/// built-in name (see [`BUILT_IN`]), so that a key never writes into a built-in column.
fn characteristic_column(key: &str) -> String {
    let base = match key.rsplit_once('_') {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => key,
    };
    if BUILT_IN.contains(&key) || BUILT_IN.contains(&base) { format!("characteristics_{key}") } else { key.to_string() }
}

impl SampleSheet {
    /// The values of column `name`, added (filled with `""` for `n` samples) if absent.
    fn column_mut(&mut self, name: &str, n: usize) -> &mut Vec<String> {
        let i = match self.columns.iter().position(|c| c == name) {
            Some(i) => i,
            None => {
                self.columns.push(name.to_string());
                self.values.push(vec![String::new(); n]);
                self.columns.len() - 1
            }
        };
        &mut self.values[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MATRIX: &[u8] = b"!Series_title\t\"Knock-down of X in HeLa\"\r\n\
        !Series_geo_accession\t\"GSE000\"\r\n\
        \r\n\
        !Sample_title\t\"ctrl_1\"\t\"KD_1\"\t\"KD_2\"\r\n\
        !Sample_geo_accession\t\"GSM101\"\t\"GSM102\"\t\"GSM103\"\r\n\
        !Sample_status\t\"Public on Jan 01 2020\"\t\"Public on Jan 01 2020\"\t\"Public on Jan 01 2020\"\r\n\
        !Sample_source_name_ch1\t\"HeLa\"\t\"HeLa\"\t\"HeLa\"\r\n\
        !Sample_characteristics_ch1\t\"cell line: HeLa\"\t\"cell line: HeLa\"\t\"cell line: HeLa\"\r\n\
        !Sample_characteristics_ch1\t\"treatment: none\"\t\"treatment: siRNA\"\t\"time: 2h\"\r\n\
        !Sample_characteristics_ch1\t\"\"\t\"\"\t\"treatment: siRNA\"\r\n\
        !Sample_characteristics_ch1\t\"batch1\"\t\"batch1\"\t\"batch2\"\r\n\
        !Sample_description\t\"a\"\t\"b\"\t\"c\"\r\n\
        !Sample_description\t\"a2\"\t\"b2\"\t\"c2\"\r\n\
        !series_matrix_table_begin\r\n\
        \"ID_REF\"\t\"GSM101\"\t\"GSM102\"\t\"GSM103\"\r\n\
        \"g1\"\t1\t2\tthis table is not read\r\n";

    #[test]
    fn test_read_series_matrix() -> Result<()> {
        let sheet = SampleSheet::from_series_matrix_reader(MATRIX, "GSE000")?;
        assert_eq!(sheet.samples(), ["GSM101", "GSM102", "GSM103"]);
        let expected = ["title", "source_name_ch1", "cell line", "treatment", "time", "characteristics_ch1_4"];
        assert_eq!(sheet.columns(), [&expected[..], &["description", "description_2"]].concat());
        assert_eq!(sheet.column("treatment").map(|v| v.join("|")), Some("none|siRNA|siRNA".into()));
        assert_eq!(sheet.column("time").map(|v| v.join("|")), Some("||2h".into()));
        assert_eq!(sheet.levels("characteristics_ch1_4"), Some(vec!["batch1".into(), "batch2".into()]));
        assert_eq!((sheet.get("GSM102", "title"), sheet.get("GSM103", "description_2")), (Some("KD_1"), Some("c2")));
        Ok(())
    }

    #[test]
    fn test_read_series_matrix_builtin_keys() -> Result<()> {
        // Characteristics keys named like built-in columns get a prefix instead of merging into them.
        let text = b"!Sample_title\t\"ctrl_1\"\t\"KD_1\"\n\
            !Sample_geo_accession\t\"GSM1\"\t\"GSM2\"\n\
            !Sample_characteristics_ch1\t\"title: control\"\t\"title: knock-down\"\n\
            !Sample_characteristics_ch1\t\"description: x\"\t\"description: y\"\n\
            !Sample_characteristics_ch1\t\"geo_accession: G1\"\t\"description_2: z\"\n\
            !Sample_characteristics_ch1\t\"characteristics_ch1_1: w\"\t\"\"\n\
            !Sample_description\t\"d1\"\t\"d2\"\n";
        let sheet = SampleSheet::from_series_matrix_reader(&text[..], "m")?;
        let expected = [
            "title",
            "characteristics_title",
            "characteristics_description",
            "characteristics_geo_accession",
            "characteristics_description_2",
            "characteristics_characteristics_ch1_1",
            "description",
        ];
        assert_eq!(sheet.columns(), expected);
        assert_eq!(sheet.column("title").map(|v| v.join("|")), Some("ctrl_1|KD_1".into()));
        assert_eq!(sheet.column("description").map(|v| v.join("|")), Some("d1|d2".into()));
        assert_eq!(sheet.get("GSM2", "characteristics_title"), Some("knock-down"));
        assert_eq!(sheet.get("GSM1", "characteristics_description"), Some("x"));
        let matched = sheet.match_by_column("title", &["KD_1", "ctrl_1"])?;
        assert_eq!(matched.get("KD_1", "geo_accession"), Some("GSM2"));
        Ok(())
    }

    #[test]
    fn test_read_series_matrix_errors() -> Result<()> {
        let failure = |text: &[u8]| {
            let err = SampleSheet::from_series_matrix_reader(text, "m").err()?;
            Some((err.kind()?.clone(), err.location()?.line))
        };
        assert_eq!(failure(b""), Some((ParseError::EmptyInput, None)));
        let missing = ParseError::MissingColumn("!Sample_geo_accession".into());
        assert_eq!(failure(b"!Sample_title\t\"a\"\n"), Some((missing, None)));
        let ragged = ParseError::RaggedRow { expected: 3, found: 2 };
        let text = b"!Sample_geo_accession\t\"GSM1\"\t\"GSM2\"\n!Sample_title\t\"a\"\n";
        assert_eq!(failure(text), Some((ragged, Some(2))));
        let text = b"!Sample_title\t\"a\"\t\"b\"\n!Sample_geo_accession\t\"GSM1\"\t\"GSM1\"\n";
        assert_eq!(failure(text), Some((ParseError::DuplicateSample("GSM1".into()), Some(2))));
        Ok(())
    }
}
