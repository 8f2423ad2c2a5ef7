//! One exon of a transcript.

/// An exon: a 1-based, inclusive genomic interval `start..=end` (as written in GTF/GFF3), on its
/// transcript's contig and strand.
///
/// ```
/// use gptomics_seqio::annotation::Exon;
/// let exon = Exon::new(100, 199);
/// assert_eq!((exon.start(), exon.end(), exon.len()), (100, 199, 100));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exon {
    start: u64,
    end: u64,
}

impl Exon {
    /// An exon spanning `start..=end`; the two are swapped if given in the wrong order.
    ///
    /// ```
    /// use gptomics_seqio::annotation::Exon;
    /// assert_eq!(Exon::new(9, 5), Exon::new(5, 9));
    /// ```
    pub fn new(start: u64, end: u64) -> Self {
        Self { start: start.min(end), end: start.max(end) }
    }

    /// The first base, 1-based.
    ///
    /// ```
    /// assert_eq!(gptomics_seqio::annotation::Exon::new(5, 9).start(), 5);
    /// ```
    pub fn start(&self) -> u64 {
        self.start
    }

    /// The last base, 1-based and inclusive.
    ///
    /// ```
    /// assert_eq!(gptomics_seqio::annotation::Exon::new(5, 9).end(), 9);
    /// ```
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The number of bases, `end - start + 1` (never 0; saturating, so `Exon::new(0, u64::MAX)` is
    /// `u64::MAX` long rather than overflowing).
    ///
    /// ```
    /// assert_eq!(gptomics_seqio::annotation::Exon::new(5, 5).len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // an exon always holds at least one base
    pub fn len(&self) -> u64 {
        (self.end - self.start).saturating_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_new() -> Result<(), String> {
        let exon = Exon::new(20, 10);
        assert_eq!((exon.start(), exon.end(), exon.len()), (10, 20, 11));
        assert_eq!(Exon::new(0, u64::MAX).len(), u64::MAX);
        Ok(())
    }
}
