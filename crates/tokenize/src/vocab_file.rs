//! Plain vocabulary files, one token a line (DNABERT's `vocab.txt` layout), for every vocabulary type.

use std::{io::Write, path::Path};

use crate::{Error, Result};

/// The tokens of a vocabulary file, in id order, and the file's name for errors. CRLF endings and a
/// missing final newline are accepted.
pub(crate) fn read_tokens(path: &Path) -> Result<(Vec<String>, String)> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, e))?;
    Ok((text.lines().map(|l| l.trim_end_matches('\r').to_string()).collect(), name))
}

/// Writes tokens one a line, each followed by a newline.
pub(crate) fn write_tokens(path: &Path, tokens: &[String]) -> Result<()> {
    let name = path.display().to_string();
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| Error::io(&name, e))?);
    for token in tokens {
        writeln!(file, "{token}").map_err(|e| Error::io(&name, e))?;
    }
    file.flush().map_err(|e| Error::io(&name, e))
}
