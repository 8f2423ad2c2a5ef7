//! Tab-separated rows of a text file, one at a time, with the line number every error needs.
//!
//! Shared by the TSV dataset reader and the label-table reader: plain or gzip input, `\n` or `\r\n` line
//! ends, UTF-8 checked per line, and blank lines allowed only at the end of the file.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::error::{Error, Result};

/// Opens `path` for reading, decompressing gzip and BGZF transparently.
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    gptomics_seqio::io::decompress(BufReader::new(file)).map_err(|e| Error::io(path, e))
}

/// Calls `row(line, fields)` for every non-blank line of `path` (1-based line numbers, fields split on
/// tabs). A blank line followed by more data is an error naming the blank line.
pub(crate) fn for_each_row(path: &Path, mut row: impl FnMut(u64, &[&str]) -> Result<()>) -> Result<()> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut line = 0u64;
    let mut first_blank = None;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        let bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| Error::parse(path, line, "not UTF-8 text"))?;
        if text.trim().is_empty() {
            first_blank.get_or_insert(line);
            continue;
        }
        if let Some(blank) = first_blank {
            return Err(Error::parse(
                path,
                blank,
                "blank line inside the table (only trailing blank lines are allowed)",
            ));
        }
        let fields: Vec<&str> = text.split('\t').collect();
        row(line, &fields)?;
    }
}
