//! The strand of a gene or transcript.

use noodles::gff::feature::record::Strand as NoodlesStrand;

/// The strand a gene or transcript is read from.
///
/// GTF and GFF3 write it as `+`, `-`, `.` (not stranded) or `?` (stranded, but unknown); the last two
/// are both [`Strand::Unknown`]. Strand-dependent positions (TSS, extraction) treat an unknown strand
/// like the forward one, so they stay defined; callers that care check for `Unknown` first.
///
/// ```
/// use gptomics_seqio::annotation::Strand;
/// assert_eq!(Strand::Reverse.symbol(), '-');
/// assert!(Strand::Forward.is_forward() && Strand::Unknown.is_forward());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strand {
    /// `+`: read left to right, in increasing coordinates.
    Forward,
    /// `-`: read right to left, reverse-complemented.
    Reverse,
    /// `.` or `?`: no strand, or an unknown one.
    Unknown,
}

impl Strand {
    /// The strand's symbol in GTF/GFF3 (`+`, `-`, `.`).
    ///
    /// ```
    /// use gptomics_seqio::annotation::Strand;
    /// assert_eq!(Strand::Unknown.symbol(), '.');
    /// ```
    pub fn symbol(self) -> char {
        match self {
            Self::Forward => '+',
            Self::Reverse => '-',
            Self::Unknown => '.',
        }
    }

    /// Whether positions are read in increasing order: `true` for [`Forward`](Self::Forward) and, by
    /// convention, [`Unknown`](Self::Unknown).
    ///
    /// ```
    /// use gptomics_seqio::annotation::Strand;
    /// assert!(!Strand::Reverse.is_forward());
    /// ```
    pub fn is_forward(self) -> bool {
        self != Self::Reverse
    }

    /// The 5' end of `start..=end` on this strand: `start` on `+` (and unknown), `end` on `-`.
    pub(crate) fn five_prime(self, start: u64, end: u64) -> u64 {
        if self.is_forward() { start } else { end }
    }
}

impl From<NoodlesStrand> for Strand {
    fn from(strand: NoodlesStrand) -> Self {
        match strand {
            NoodlesStrand::Forward => Self::Forward,
            NoodlesStrand::Reverse => Self::Reverse,
            NoodlesStrand::None | NoodlesStrand::Unknown => Self::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_five_prime() -> Result<(), String> {
        assert_eq!(Strand::Forward.five_prime(10, 20), 10);
        assert_eq!(Strand::Reverse.five_prime(10, 20), 20);
        assert_eq!(Strand::Unknown.five_prime(10, 20), 10);
        Ok(())
    }

    #[test]
    fn test_from() -> Result<(), String> {
        assert_eq!(Strand::from(NoodlesStrand::Forward), Strand::Forward);
        assert_eq!(Strand::from(NoodlesStrand::Reverse), Strand::Reverse);
        assert_eq!(Strand::from(NoodlesStrand::None), Strand::Unknown);
        assert_eq!(Strand::from(NoodlesStrand::Unknown), Strand::Unknown);
        Ok(())
    }
}
