//! What the GTF and GFF3 readers share: locations, span and strand checks, text conversion.

use std::io;

use noodles::{core::Position, gff::feature::record::Strand as NoodlesStrand};

use super::Strand;
use crate::error::{self, Error, Location, ParseError, Result};

/// The 1-based number of the line a noodles `read_line` just returned, from the line feeds the
/// [`LineCounter`](crate::io::LineCounter) under it has seen (`consumed`), the bytes that call consumed
/// for the line (`n`, terminator included) and the line's length without its terminator (`len`).
///
/// noodles' GFF reader skips blank lines inside one `read_line` call, so counting calls would be wrong;
/// counting line feeds is not. The line just read is the last one consumed, unless it had no line feed
/// (the file's last line), in which case it is the one after.
pub(super) fn line_number(consumed: u64, n: usize, len: usize) -> u64 {
    if n > len { consumed } else { consumed + 1 }
}

/// The location of feature record `record` on line `line` of input `name`.
pub(super) fn at(name: &str, line: u64, record: u64) -> Location {
    Location::file(name).at_line(line).at_record(record)
}

/// Maps a noodles error at `at` into ours.
pub(super) fn noodles(at: &Location) -> impl FnOnce(io::Error) -> Error + '_ {
    move |e| error::from_noodles(at.clone(), e)
}

/// Start and end as `u64`, checked to be in order.
pub(super) fn span(at: &Location, start: io::Result<Position>, end: io::Result<Position>) -> Result<(u64, u64)> {
    let start = start.map_err(noodles(at))?;
    let end = end.map_err(noodles(at))?;
    let (start, end) = (usize::from(start) as u64, usize::from(end) as u64);
    if end < start {
        return Err(Error::parse(at.clone(), ParseError::EndBeforeStart { start, end }));
    }
    Ok((start, end))
}

/// The strand noodles parsed, or [`ParseError::UnknownStrand`] with the field's text when it rejected
/// it. `?` is accepted as unknown in GTF too, as GFF3 allows it (noodles' GTF reader does not).
pub(super) fn strand(at: &Location, parsed: io::Result<NoodlesStrand>, line: &[u8]) -> Result<Strand> {
    const STRAND_FIELD: usize = 6; // 0-based column of the strand in GTF and GFF3
    match parsed {
        Ok(strand) => Ok(strand.into()),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            // Only to quote the field in the error: noodles already split and rejected it.
            let field = line.split(|&b| b == b'\t').nth(STRAND_FIELD).unwrap_or_default();
            if field == b"?" {
                return Ok(Strand::Unknown);
            }
            Err(Error::parse(at.clone(), ParseError::UnknownStrand(text(field))))
        }
        Err(e) => Err(error::from_noodles(at.clone(), e)),
    }
}

/// Checks that a feature first seen on `seen` = (contig, strand, line) is `here` = (contig, strand) again:
/// ids are global in both formats, so a mismatch means two features share an id (UCSC reuses them across
/// chrX/chrY PAR and alt contigs), which must not be merged into one.
pub(super) fn consistent(
    id: &str,
    seen: (&str, Strand, u64),
    here: (&str, Strand),
) -> std::result::Result<(), ParseError> {
    if seen.0 == here.0 && seen.1 == here.1 {
        return Ok(());
    }
    let (was, here) = (format!("{} ({})", seen.0, seen.1.symbol()), format!("{} ({})", here.0, here.1.symbol()));
    let reason = format!("on {here} here, but on {was} at line {}", seen.2);
    Err(ParseError::InconsistentFeature { id: id.to_owned(), reason })
}

/// Bytes from the file as text; invalid UTF-8 is replaced, never rejected.
pub(super) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Widens `span` to cover `start..=end`.
pub(super) fn widen(span: &mut (u64, u64), start: u64, end: u64) {
    span.0 = span.0.min(start);
    span.1 = span.1.max(end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(n: usize) -> io::Result<Position> {
        Position::try_from(n).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    #[test]
    fn test_span() -> Result<()> {
        let at = Location::file("f").at_line(3);
        assert_eq!(span(&at, pos(5), pos(5))?, (5, 5));
        let e = span(&at, pos(9), pos(5)).err();
        assert_eq!(e.as_ref().and_then(Error::kind), Some(&ParseError::EndBeforeStart { start: 9, end: 5 }));
        assert_eq!(e.as_ref().and_then(Error::location), Some(&at));
        Ok(())
    }

    #[test]
    fn test_strand() -> Result<()> {
        let at = Location::file("f").at_line(1);
        let bad = || Err(io::Error::new(io::ErrorKind::InvalidData, "invalid strand"));
        assert_eq!(strand(&at, Ok(NoodlesStrand::Reverse), b"")?, Strand::Reverse);
        assert_eq!(strand(&at, bad(), b"c\ts\tt\t1\t2\t.\t?\t.\t")?, Strand::Unknown);
        let e = strand(&at, bad(), b"c\ts\tt\t1\t2\t.\tx\t.\t").err();
        assert_eq!(e.as_ref().and_then(Error::kind), Some(&ParseError::UnknownStrand("x".into())));
        Ok(())
    }

    #[test]
    fn test_line_number() -> Result<()> {
        // "a\n" after 4 line feeds were consumed in all: line 4.
        assert_eq!(line_number(4, 2, 1), 4);
        assert_eq!(line_number(4, 3, 1), 4); // "a\r\n"
        // "a" at the end of the input, after 4 line feeds: line 5.
        assert_eq!(line_number(4, 1, 1), 5);
        Ok(())
    }
}
