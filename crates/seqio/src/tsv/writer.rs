//! `tsv::Writer`: one header, then rows of displayable fields; no quoting, so tabs and line breaks in a
//! field are errors.

use std::{
    fmt::{self, Display, Write as _},
    io::{self, Write},
};

/// A displayable optional value: the value itself, or `NA` when `None`.
///
/// ```
/// use gptomics_seqio::tsv::OrNa;
/// assert_eq!(OrNa(Some(3)).to_string(), "3");
/// assert_eq!(OrNa::<u32>(None).to_string(), "NA");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrNa<T>(pub Option<T>);

impl<T: Display> Display for OrNa<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => f.write_str("NA"),
        }
    }
}

/// Writes a tab-separated table: fields joined by `\t`, rows ended by `\n`.
///
/// Once a header is written, every row must have as many fields as the header.
///
/// ```
/// use gptomics_seqio::tsv::Writer;
/// let mut writer = Writer::new(Vec::new());
/// writer.write_header(&["a", "b"])?;
/// writer.write_row([1, 2])?;
/// assert!(writer.write_row([1]).is_err()); // too few fields
/// assert!(writer.write_row(["x\ty", "z"]).is_err()); // a tab inside a field
/// assert_eq!(writer.get_ref(), b"a\tb\n1\t2\n");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<W> {
    inner: W,
    columns: Option<usize>,
    // Reused for formatting each row, so a row is validated whole before any byte of it is written.
    line: String,
}

impl<W> Writer<W> {
    /// Wraps a writer.
    ///
    /// ```
    /// let writer = gptomics_seqio::tsv::Writer::new(Vec::<u8>::new());
    /// assert!(writer.get_ref().is_empty());
    /// ```
    pub fn new(inner: W) -> Self {
        Self { inner, columns: None, line: String::new() }
    }

    /// The wrapped writer.
    ///
    /// ```
    /// let writer = gptomics_seqio::tsv::Writer::new(Vec::<u8>::new());
    /// assert_eq!(writer.get_ref().len(), 0);
    /// ```
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// The wrapped writer, mutably.
    ///
    /// ```
    /// let mut writer = gptomics_seqio::tsv::Writer::new(Vec::<u8>::new());
    /// writer.get_mut().clear();
    /// ```
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Unwraps the writer (rows are written through at once, nothing is held back).
    ///
    /// ```
    /// let mut writer = gptomics_seqio::tsv::Writer::new(Vec::new());
    /// writer.write_row(["x"])?;
    /// assert_eq!(writer.into_inner(), b"x\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Writer<W> {
    /// Writes the header line; later rows must have as many fields.
    ///
    /// ```
    /// let mut writer = gptomics_seqio::tsv::Writer::new(Vec::new());
    /// writer.write_header(&["gene", "s1"])?;
    /// assert_eq!(writer.get_ref(), b"gene\ts1\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write_header<S: AsRef<str>>(&mut self, names: &[S]) -> io::Result<()> {
        self.write_row(names.iter().map(AsRef::as_ref))?;
        self.columns = Some(names.len());
        Ok(())
    }

    /// Writes one row. Fails with [`io::ErrorKind::InvalidInput`], writing nothing, when a field holds a
    /// tab, `\n` or `\r`, or when the field count differs from the header's.
    ///
    /// ```
    /// use gptomics_seqio::tsv::{OrNa, Writer};
    /// let mut writer = Writer::new(Vec::new());
    /// writer.write_row([OrNa(Some(0.25)), OrNa(None)])?;
    /// assert_eq!(writer.get_ref(), b"0.25\tNA\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write_row<I>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator,
        I::Item: Display,
    {
        self.line.clear();
        let mut n = 0;
        for field in fields {
            if n > 0 {
                self.line.push('\t');
            }
            let start = self.line.len();
            write!(self.line, "{field}").map_err(|_| invalid("a field's Display failed".into()))?;
            let text = &self.line[start..];
            if text.contains(['\t', '\n', '\r']) {
                return Err(invalid(format!(
                    "field {} ({text:?}) holds a tab or line break, which TSV cannot carry",
                    n + 1
                )));
            }
            n += 1;
        }
        if let Some(expected) = self.columns
            && expected != n
        {
            return Err(invalid(format!("row has {n} fields, the header has {expected}")));
        }
        self.line.push('\n');
        self.inner.write_all(self.line.as_bytes())
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_write_header() -> io::Result<()> {
        let mut writer = Writer::new(Vec::new());
        writer.write_header(&[String::from("gene_id"), String::from("s1")])?;
        writer.write_row(["g1", "7"])?;
        assert_eq!(writer.get_ref(), b"gene_id\ts1\ng1\t7\n");
        Ok(())
    }

    #[test]
    fn test_write_row() -> io::Result<()> {
        let mut writer = Writer::new(Vec::new());
        writer.write_row([OrNa(Some("a")), OrNa(None)])?;
        let err = writer.write_row(["a\nb"]).err();
        assert_eq!(err.map(|e| e.kind()), Some(io::ErrorKind::InvalidInput));
        let err = writer.write_row(["cr\r"]).err();
        assert_eq!(err.map(|e| e.kind()), Some(io::ErrorKind::InvalidInput));
        // A rejected row leaves nothing behind.
        assert_eq!(writer.into_inner(), b"a\tNA\n");
        Ok(())
    }

    #[test]
    fn test_write_row_width() -> io::Result<()> {
        let mut writer = Writer::new(Vec::new());
        writer.write_header(&["a", "b", "c"])?;
        assert!(writer.write_row([1, 2]).is_err());
        assert!(writer.write_row([1, 2, 3, 4]).is_err());
        writer.write_row([1, 2, 3])?;
        assert_eq!(writer.get_ref(), b"a\tb\tc\n1\t2\t3\n");
        Ok(())
    }
}
