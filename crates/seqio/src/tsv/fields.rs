//! Reading delimited text (crate-private): numbered lines with `\n` or `\r\n` endings, and a splitter for
//! CSV/TSV lines that understands RFC 4180 quoting (`"a,b"`, `""` for a quote) on one line. CSV quoting is
//! strict; in TSV a field that is not a proper quoted field (`"A" kinase`) is read literally (see
//! [`Row::split`]).
//!
//! Quoted fields spanning several lines are not supported (count tables and sample sheets do not need
//! them); an unclosed quote is an error rather than a guess.

use std::io::BufRead;

use crate::error::{Error, Location, ParseError, Result};

/// A line-numbering reader that hands out each line without its terminator.
pub(crate) struct Lines<R> {
    inner: R,
    name: String,
    buf: Vec<u8>,
    line: u64,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(inner: R, name: &str) -> Self {
        Self { inner, name: name.to_string(), buf: Vec::new(), line: 0 }
    }

    /// The next line as `(line number, text)`, `None` at the end. Invalid UTF-8 is an error at its line;
    /// a UTF-8 byte order mark at the start of the input is dropped.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buf.clear();
        let n = self.inner.read_until(b'\n', &mut self.buf).map_err(|e| Error::io(&self.name, e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        let mut bytes = &self.buf[..];
        if self.line == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some((self.line, text))),
            Err(_) => Err(self.error(self.line, ParseError::Malformed("invalid UTF-8".into()))),
        }
    }

    fn error(&self, line: u64, kind: ParseError) -> Error {
        Error::parse(Location::file(&self.name).at_line(line), kind)
    }
}

/// The fields of one line, unescaped and stored compactly: one string and each field's span in it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    /// The line, copied in one go, followed by unescaped copies of the fields that hold `""`.
    text: String,
    /// Each field's start and end in `text` (lines are limited to 2 GiB): unquoted and plainly quoted
    /// fields are pieces of the line itself, so splitting copies nothing per field.
    spans: Vec<(u32, u32)>,
}

impl Row {
    /// Splits `line` on `delimiter`, honouring double quotes. Fails with a description of the problem.
    ///
    /// A field is quoted when it starts with `"` and its closing quote is followed by the delimiter or the
    /// end of the line. With a comma (or any delimiter but tab) anything else is an error, as RFC 4180
    /// wants. With a tab, such a field is read literally, up to the next tab: TSV writers, this crate's
    /// [`crate::tsv::Writer`] included, do not quote, so `"A" kinase` or `5" screen` are plain values
    /// there. R's `write.table(sep = "\t")`, which quotes every string, still reads as quoted; the one
    /// ambiguity left is an unquoted TSV value that is itself a whole quoted field (`"A"` reads as `A`).
    pub(crate) fn split(line: &str, delimiter: u8) -> std::result::Result<Self, ParseError> {
        let mut row = Self::default();
        row.split_from(line, delimiter)?;
        Ok(row)
    }

    /// [`Row::split`] into this row, reusing its buffers (a reader that looks at one line at a time then
    /// allocates nothing per line). On error the row's content is unspecified.
    pub(crate) fn split_from(&mut self, line: &str, delimiter: u8) -> std::result::Result<(), ParseError> {
        // A non-ASCII delimiter could split a multi-byte character.
        if !delimiter.is_ascii() || delimiter == b'"' {
            return Err(ParseError::Malformed(format!("unusable delimiter byte 0x{delimiter:02x}")));
        }
        // The text holds the line and unescaped copies of its fields, so at most twice its length.
        if line.len() > (u32::MAX / 2) as usize {
            return Err(ParseError::Malformed("a line longer than 2 GiB".into()));
        }
        let row = self;
        row.text.clear();
        row.spans.clear();
        row.text.push_str(line);
        let bytes = line.as_bytes();
        let mut i = 0;
        loop {
            let unquoted = |i: usize| {
                let end = bytes[i..].iter().position(|&b| b == delimiter).map_or(bytes.len(), |k| i + k);
                ((i, end), end)
            };
            let (span, end) = if bytes.get(i) == Some(&b'"') {
                match quoted(line, i + 1, delimiter, &mut row.text) {
                    Ok(found) => found,
                    Err(_) if delimiter == b'\t' => unquoted(i),
                    Err(kind) => return Err(kind),
                }
            } else {
                unquoted(i)
            };
            // Within the text, whose length was checked above.
            row.spans.push((span.0 as u32, span.1 as u32));
            if end == bytes.len() {
                break;
            }
            i = end + 1;
        }
        Ok(())
    }

    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, or `""` past the end.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.spans.get(i).map_or("", |&(start, end)| &self.text[start as usize..end as usize])
    }

    /// The fields in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&(start, end)| &self.text[start as usize..end as usize])
    }
}

/// The quoted field whose text starts at `start` in `line` (just after its opening quote): the span of its
/// content in `text`, a copy of `line` (the span lies in that copy, or, when the field holds `""`
/// escapes, in its unescaped copy appended to `text`), and where the field ends: the index of the
/// delimiter after the closing quote, or the line's length.
fn quoted(
    line: &str,
    start: usize,
    delimiter: u8,
    text: &mut String,
) -> std::result::Result<((usize, usize), usize), ParseError> {
    let bytes = line.as_bytes();
    let mut i = start;
    let mut escaped = false;
    let close = loop {
        let Some(k) = memchr::memchr(b'"', &bytes[i..]) else {
            return Err(ParseError::Malformed("unclosed quoted field".into()));
        };
        i += k + 1;
        if bytes.get(i) != Some(&b'"') {
            break i - 1;
        }
        escaped = true;
        i += 1;
    };
    let end = match bytes.get(i) {
        None => i,
        Some(&b) if b == delimiter => i,
        Some(_) => return Err(ParseError::Malformed("text after the closing quote of a field".into())),
    };
    if !escaped {
        return Ok(((start, close), end));
    }
    // Every quote inside is the first of a `""` pair: keep it, drop its twin.
    let from = text.len();
    let mut j = start;
    while let Some(k) = memchr::memchr(b'"', &bytes[j..close]) {
        text.push_str(&line[j..=j + k]);
        j += k + 2;
    }
    text.push_str(&line[j..close]);
    Ok(((from, text.len()), end))
}

/// The delimiter of a table: `forced` if given, else tab when the header line holds one, else comma.
pub(crate) fn detect_delimiter(header: &str, forced: Option<u8>) -> u8 {
    forced.unwrap_or(if header.contains('\t') { b'\t' } else { b',' })
}

/// Whether a cell means "missing" the way R and pandas write it: empty, `NA` or `N/A`.
pub(crate) fn is_na(cell: &str) -> bool {
    matches!(cell.trim(), "" | "NA" | "N/A" | "na")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str, delimiter: u8) -> std::result::Result<Vec<String>, ParseError> {
        Ok(Row::split(line, delimiter)?.iter().map(String::from).collect())
    }

    #[test]
    fn test_split() -> std::result::Result<(), ParseError> {
        assert_eq!(fields(r#""","a","b""c",1"#, b',')?, ["", "a", "b\"c", "1"]);
        assert_eq!(fields(r#""a""b",x,"c""""d","""",e"#, b',')?, ["a\"b", "x", "c\"\"d", "\"", "e"]);
        assert_eq!(fields("a\t\"x,y\"\t", b'\t')?, ["a", "x,y", ""]);
        assert_eq!(fields("", b',')?, [""]);
        assert_eq!(fields("5'UTR,12\"", b',')?, ["5'UTR", "12\""]);
        assert!(matches!(Row::split("\"open,1", b','), Err(ParseError::Malformed(_))));
        assert!(matches!(Row::split("\"a\"b,1", b','), Err(ParseError::Malformed(_))));
        // A non-ASCII delimiter is refused rather than splitting `é` (0xc3 0xa9) in half.
        assert!(matches!(Row::split("é,1", 0xc3), Err(ParseError::Malformed(_))));
        Ok(())
    }

    #[test]
    fn test_split_from() -> std::result::Result<(), ParseError> {
        // The buffers are reused: nothing of the longer first line survives in the second.
        let mut row = Row::default();
        row.split_from("\"a,b\",cc,ddd", b',')?;
        assert_eq!(row.iter().collect::<Vec<_>>(), ["a,b", "cc", "ddd"]);
        row.split_from("x,", b',')?;
        assert_eq!(row.iter().collect::<Vec<_>>(), ["x", ""]);
        assert!(matches!(row.split_from("\"open,1", b','), Err(ParseError::Malformed(_))));
        row.split_from("", b'\t')?;
        assert_eq!((row.len(), row.get(0), row.get(1)), (1, "", ""));
        Ok(())
    }

    #[test]
    fn test_split_tsv_literal_quotes() -> std::result::Result<(), ParseError> {
        // Tab-delimited: a field that is not a proper quoted field is read as written.
        assert_eq!(fields("\"A\" kinase\t5", b'\t')?, ["\"A\" kinase", "5"]);
        assert_eq!(fields("g\t\"a\"\"b\" c", b'\t')?, ["g", "\"a\"\"b\" c"]);
        assert_eq!(fields("\"open\t1", b'\t')?, ["\"open", "1"]);
        assert_eq!(fields("\"x\ty\"z\t1", b'\t')?, ["\"x", "y\"z", "1"]);
        // R's write.table(sep = "\t") quotes every string: still unquoted.
        assert_eq!(fields("\"gene\"\t\"a\tb\"\t\"q\"\"\"", b'\t')?, ["gene", "a\tb", "q\""]);
        // CSV stays strict.
        assert!(matches!(Row::split("\"A\" kinase,5", b','), Err(ParseError::Malformed(_))));
        Ok(())
    }

    #[test]
    fn test_next_line() -> Result<()> {
        let mut lines = Lines::new(&b"\xef\xbb\xbfa,b\r\nc\n\nd"[..], "t");
        let mut seen = Vec::new();
        while let Some((n, text)) = lines.next_line()? {
            seen.push((n, text.to_string()));
        }
        let expected = [(1, "a,b"), (2, "c"), (3, ""), (4, "d")].map(|(n, s)| (n, s.to_string()));
        assert_eq!(seen, expected);
        let mut bad = Lines::new(&b"ok\n\xff\n"[..], "t");
        bad.next_line()?;
        let err = bad.next_line().err();
        assert_eq!(err.and_then(|e| e.location().and_then(|l| l.line)), Some(2));
        Ok(())
    }

    #[test]
    fn test_detect_delimiter() -> Result<()> {
        assert_eq!(detect_delimiter("a\tb,c", None), b'\t');
        assert_eq!(detect_delimiter("a,b", None), b',');
        assert_eq!(detect_delimiter("a,b", Some(b';')), b';');
        assert!(is_na(" NA ") && is_na("") && !is_na("0"));
        Ok(())
    }
}
