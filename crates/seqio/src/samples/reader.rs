//! Reading a [`SampleSheet`] from CSV or TSV.

use std::{io::BufRead, path::Path};

use super::{SAMPLE_COLUMN_NAMES, SampleSheet, SampleSheetOptions};
use crate::{
    Error, ParseError, Result, io,
    tsv::grid::{Grid, error_at, read_grid},
};

impl SampleSheet {
    /// Reads a CSV/TSV sheet from a file, plain or gzip.
    ///
    /// ```no_run
    /// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_path("metadata.csv", &SampleSheetOptions::default())?;
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>, options: &SampleSheetOptions) -> Result<Self> {
        let path = path.as_ref();
        read(io::open(path)?, &path.display().to_string(), options)
    }

    /// Reads a CSV/TSV sheet; `name` is used in error locations. A repeated sample is
    /// [`ParseError::DuplicateSample`], a blank one [`ParseError::MissingSampleName`], a row of the wrong
    /// width [`ParseError::RaggedRow`], a header without rows [`ParseError::EmptyInput`].
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, samples::{SampleSheet, SampleSheetOptions}};
    /// let text = b"sample,condition\ns1,A\ns1,B\n";
    /// let err = SampleSheet::from_reader(&text[..], "m.csv", &SampleSheetOptions::default()).err();
    /// assert_eq!(err.and_then(|e| e.kind().cloned()), Some(ParseError::DuplicateSample("s1".into())));
    /// ```
    pub fn from_reader<R: BufRead + Send>(reader: R, name: &str, options: &SampleSheetOptions) -> Result<Self> {
        read(io::decompress(reader).map_err(|e| Error::io(name, e))?, name, options)
    }
}

fn read(reader: impl BufRead, name: &str, options: &SampleSheetOptions) -> Result<SampleSheet> {
    let at = |line: u64, record: Option<u64>, kind| error_at(name, line, record, kind);
    let Grid { header, header_line, rows } = read_grid(reader, name, options.delimiter)?;
    let key = match &options.sample_column {
        Some(wanted) => header
            .iter()
            .position(|h| h == wanted)
            .ok_or_else(|| at(header_line, None, ParseError::MissingColumn(wanted.clone())))?,
        None => {
            SAMPLE_COLUMN_NAMES.iter().find_map(|c| header.iter().position(|h| h.eq_ignore_ascii_case(c))).unwrap_or(0)
        }
    };
    let metadata: Vec<usize> = (0..header.len()).filter(|&j| j != key).collect();
    let mut sheet = SampleSheet {
        source: name.to_string(),
        sample_column: header[key].clone(),
        samples: Vec::with_capacity(rows.len()),
        columns: Vec::with_capacity(metadata.len()),
        values: vec![Vec::with_capacity(rows.len()); metadata.len()],
    };
    for &j in &metadata {
        // An unnamed row-names column beside a named sample column.
        let column = if header[j].is_empty() { "row_names" } else { header[j].as_str() };
        if sheet.columns.iter().any(|c| c == column) || column == sheet.sample_column {
            return Err(at(header_line, None, ParseError::DuplicateColumn(column.to_string())));
        }
        sheet.columns.push(column.to_string());
    }
    for (k, (line, row)) in rows.iter().enumerate() {
        let sample = row.get(key);
        if sample.trim().is_empty() {
            let kind = ParseError::MissingSampleName { column: sheet.sample_column.clone() };
            return Err(at(*line, Some(k as u64 + 1), kind));
        }
        if sheet.samples.iter().any(|s| s == sample) {
            let kind = ParseError::DuplicateSample(sample.to_string());
            return Err(at(*line, Some(k as u64 + 1), kind));
        }
        sheet.samples.push(sample.to_string());
        for (values, &j) in sheet.values.iter_mut().zip(&metadata) {
            values.push(row.get(j).to_string());
        }
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Result<SampleSheet> {
        SampleSheet::from_reader(text, "m", &SampleSheetOptions::default())
    }

    /// The parse error kind and line of a failed read.
    fn failure(result: Result<SampleSheet>) -> Option<(ParseError, Option<u64>)> {
        let err = result.err()?;
        Some((err.kind()?.clone(), err.location()?.line))
    }

    #[test]
    fn test_read_row_names() -> Result<()> {
        // R's write.csv: quoted, unnamed first header cell, CRLF.
        let sheet = parse(b"\"\",\"condition\",\"group\"\r\n\"s1\",\"A\",\"X\"\r\n\"s2\",\"B\",\"Y\"\r\n")?;
        assert_eq!(sheet.sample_column(), "");
        assert_eq!(sheet.samples(), ["s1", "s2"]);
        assert_eq!(sheet.columns(), ["condition", "group"]);
        // R's write.table: the header has no field over the row names.
        let sheet = parse(b"condition\ts1_extra\ns1\tA\tx\n")?;
        assert_eq!((sheet.samples(), sheet.get("s1", "s1_extra")), (&["s1".to_string()][..], Some("x")));
        Ok(())
    }

    #[test]
    fn test_read_sample_column() -> Result<()> {
        let sheet = parse(b"# note\nlane,Sample_Name,Run\n1,liver_1,SRR9\n")?;
        assert_eq!((sheet.sample_column(), sheet.samples()), ("Sample_Name", &["liver_1".to_string()][..]));
        assert_eq!(sheet.columns(), ["lane", "Run"]);
        let options = SampleSheetOptions::default().sample_column("Run");
        let sheet = SampleSheet::from_reader(&b"lane,Sample_Name,Run\n1,liver_1,SRR9\n"[..], "m", &options)?;
        assert_eq!(sheet.samples(), ["SRR9"]);
        let sheet = parse(b",sample,x\n1,a,u\n2,b,v\n")?;
        assert_eq!((sheet.samples().len(), sheet.columns()), (2, &["row_names".to_string(), "x".into()][..]));
        Ok(())
    }

    #[test]
    fn test_read_errors() -> Result<()> {
        assert_eq!(failure(parse(b"")), Some((ParseError::EmptyInput, None)));
        assert_eq!(failure(parse(b"sample,c\n")), Some((ParseError::EmptyInput, Some(1))));
        let ragged = ParseError::RaggedRow { expected: 2, found: 3 };
        assert_eq!(failure(parse(b"sample,c\na,1\nb,2,3\n")), Some((ragged, Some(3))));
        let duplicate = ParseError::DuplicateSample("a".into());
        assert_eq!(failure(parse(b"sample,c\na,1\nb,2\na,3\n")), Some((duplicate, Some(4))));
        let column = ParseError::DuplicateColumn("c".into());
        assert_eq!(failure(parse(b"sample,c,c\na,1,2\n")), Some((column, Some(1))));
        let options = SampleSheetOptions::default().sample_column("id");
        let missing = SampleSheet::from_reader(&b"sample,c\na,1\n"[..], "m", &options);
        assert_eq!(failure(missing), Some((ParseError::MissingColumn("id".into()), Some(1))));
        let blank = ParseError::MissingSampleName { column: "sample".into() };
        assert_eq!(failure(parse(b"sample,c\na,1\n  ,2\n")), Some((blank, Some(3))));
        let blank = ParseError::MissingSampleName { column: String::new() };
        assert_eq!(failure(parse(b"\"\",c\n\"\",1\n")), Some((blank, Some(2))));
        Ok(())
    }
}
