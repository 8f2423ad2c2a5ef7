//! Fixed windows around transcription start sites, and promoters.

use super::{SequenceSource, reverse_complement};
use crate::{
    annotation::{Gene, Strand},
    error::{Error, Location, ParseError, Result},
};

/// What to do when a window reaches past either end of its contig.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EdgePolicy {
    /// Return the part of the window inside the contig (shorter than [`Window::len`]).
    #[default]
    Clip,
    /// Pad with `N` where the contig ends, on the side it ends, so the length is always
    /// [`Window::len`] and the TSS always sits at index `upstream`.
    PadN,
}

/// A window around a TSS, measured in transcription direction, with the TSS itself included:
///
/// ```text
///   transcription ──────────────────────────────▶
///   [ -upstream … -2 -1 ] [ 0 = TSS ] [ +1 +2 … +downstream ]
///   length = upstream + 1 + downstream; the TSS is at index `upstream` of the result
///
///   + strand, TSS at genomic t:  genomic  t-upstream ..= t+downstream, as is
///   - strand, TSS at genomic t:  genomic  t-downstream ..= t+upstream, reverse-complemented
/// ```
///
/// So `Window::new(70, 30, …)` gives 101 bp windows, −70..=+30, with the TSS at index 70. An
/// unknown strand reads as `+`.
///
/// ```
/// use gptomics_seqio::extract::{EdgePolicy, Window};
/// let window = Window::new(2, 1, EdgePolicy::PadN);
/// assert_eq!(window.len(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    /// Bases before the TSS (5' of it).
    pub upstream: u64,
    /// Bases after the TSS (3' of it), not counting the TSS.
    pub downstream: u64,
    /// What happens at contig ends.
    pub edge: EdgePolicy,
}

impl Window {
    /// A window of `upstream` bases, the TSS, and `downstream` bases.
    pub const fn new(upstream: u64, downstream: u64, edge: EdgePolicy) -> Self {
        Self { upstream, downstream, edge }
    }

    /// The full length, `upstream + 1 + downstream` (saturating).
    #[allow(clippy::len_without_is_empty)] // never empty: the TSS is always in it
    pub const fn len(&self) -> u64 {
        self.upstream.saturating_add(1).saturating_add(self.downstream)
    }
}

/// The window around `tss` (1-based) on `contig`, read in the direction of `strand`; see [`Window`].
///
/// A TSS outside the contig is [`ParseError::InvalidRange`], an unknown contig
/// [`ParseError::UnknownName`].
///
/// ```
/// use gptomics_seqio::annotation::Strand;
/// use gptomics_seqio::extract::{self, EdgePolicy, InMemoryGenome, Window};
/// let mut genome = InMemoryGenome::from_records([("c", "AACCGGTTAC")]);
/// let window = Window::new(2, 1, EdgePolicy::PadN);
/// assert_eq!(extract::tss_window(&mut genome, "c", 4, Strand::Forward, &window)?, b"ACCG");
/// assert_eq!(extract::tss_window(&mut genome, "c", 4, Strand::Reverse, &window)?, b"CCGG");
/// assert_eq!(extract::tss_window(&mut genome, "c", 1, Strand::Forward, &window)?, b"NNAA");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn tss_window<S: SequenceSource + ?Sized>(
    source: &mut S,
    contig: &str,
    tss: u64,
    strand: Strand,
    window: &Window,
) -> Result<Vec<u8>> {
    let at = || Location::file("<input>");
    let length =
        source.contig_length(contig).ok_or_else(|| Error::parse(at(), ParseError::UnknownName(contig.to_owned())))?;
    if tss == 0 || tss > length {
        let (contig, start, end) = (contig.to_owned(), tss, tss);
        return Err(Error::parse(at(), ParseError::InvalidRange { contig, start, end, length }));
    }
    // Bases wanted left and right of the TSS in genomic order.
    let (left, right) =
        if strand.is_forward() { (window.upstream, window.downstream) } else { (window.downstream, window.upstream) };
    let missing_left = left.saturating_sub(tss - 1);
    let missing_right = tss.saturating_add(right).saturating_sub(length);
    let start = tss - (left - missing_left);
    let end = tss + (right - missing_right);
    let inside = source.fetch(contig, start, end)?;
    let genomic = match window.edge {
        EdgePolicy::Clip => inside,
        EdgePolicy::PadN => {
            let mut padded = Vec::with_capacity(window.len() as usize);
            padded.resize(missing_left as usize, b'N');
            padded.extend_from_slice(&inside);
            padded.resize(padded.len() + missing_right as usize, b'N');
            padded
        }
    };
    Ok(if strand.is_forward() { genomic } else { reverse_complement(&genomic) })
}

/// The window around a gene's promoter: the TSS of its canonical transcript (on that transcript's
/// strand), or the gene's own 5' end when it has no transcripts.
///
/// ```
/// use gptomics_seqio::{annotation::GeneModels, extract::{self, EdgePolicy, InMemoryGenome, Window}};
/// let mut genome = InMemoryGenome::from_records([("c", "AACCGGTTAC")]);
/// let gtf = b"c\ts\texon\t3\t6\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// let window = Window::new(2, 0, EdgePolicy::Clip);
/// assert_eq!(extract::promoter(&mut genome, models.get("g").expect("g"), &window)?, b"AAC");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn promoter<S: SequenceSource + ?Sized>(source: &mut S, gene: &Gene, window: &Window) -> Result<Vec<u8>> {
    let (tss, strand) = match gene.canonical_transcript() {
        Some(t) => (t.tss(), t.strand()),
        None => (gene.tss(), gene.strand()),
    };
    tss_window(source, gene.contig(), tss, strand, window)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::InMemoryGenome;

    // Positions:            1234567890
    const GENOME: &str = "ACGTAcgtaG";

    fn window(strand: Strand, tss: u64, up: u64, down: u64, edge: EdgePolicy) -> Result<String> {
        let mut genome = InMemoryGenome::from_records([("c", GENOME)]);
        let window = Window::new(up, down, edge);
        let seq = tss_window(&mut genome, "c", tss, strand, &window)?;
        Ok(String::from_utf8_lossy(&seq).into_owned())
    }

    #[test]
    fn test_tss_window() -> Result<()> {
        use EdgePolicy::{Clip, PadN};
        use Strand::{Forward, Reverse};
        // Inside the contig: + reads 3..=7 (GTAcg); - reads 4..=8 (TAcgt) reverse-complemented.
        assert_eq!(window(Forward, 5, 2, 2, Clip)?, "GTAcg");
        assert_eq!(window(Reverse, 5, 3, 1, Clip)?, "acgTA");
        assert_eq!(window(Reverse, 5, 3, 1, PadN)?, "acgTA");
        // + near the start: upstream is missing, padded on the left (5').
        assert_eq!(window(Forward, 2, 3, 1, Clip)?, "ACG");
        assert_eq!(window(Forward, 2, 3, 1, PadN)?, "NNACG");
        // + near the end: downstream is missing, padded on the right (3').
        assert_eq!(window(Forward, 9, 1, 3, Clip)?, "taG");
        assert_eq!(window(Forward, 9, 1, 3, PadN)?, "taGNN");
        // - near the start: genomic 1..=3 (ACG) is downstream, so the padding goes 3'.
        assert_eq!(window(Reverse, 2, 1, 3, Clip)?, "CGT");
        assert_eq!(window(Reverse, 2, 1, 3, PadN)?, "CGTNN");
        // - near the end: genomic 8..=10 (taG) is upstream, so the padding goes 5'.
        assert_eq!(window(Reverse, 9, 3, 1, Clip)?, "Cta");
        assert_eq!(window(Reverse, 9, 3, 1, PadN)?, "NNCta");
        // Both ends at once, and the TSS at index `upstream`.
        assert_eq!(window(Forward, 1, 2, 12, PadN)?, "NNACGTAcgtaGNNN");
        assert_eq!(window(Forward, 1, 2, 12, PadN)?.as_bytes()[2], b'A');
        assert_eq!(window(Reverse, 10, 0, 0, Clip)?, "C");
        Ok(())
    }

    #[test]
    fn test_tss_window_errors() -> Result<()> {
        let e = window(Strand::Forward, 11, 1, 1, EdgePolicy::Clip).err();
        assert!(matches!(e.as_ref().and_then(Error::kind), Some(ParseError::InvalidRange { start: 11, .. })));
        let e = window(Strand::Forward, 0, 1, 1, EdgePolicy::Clip).err();
        assert!(matches!(e.as_ref().and_then(Error::kind), Some(ParseError::InvalidRange { start: 0, .. })));
        let mut genome = InMemoryGenome::new();
        let e = tss_window(&mut genome, "x", 1, Strand::Forward, &Window::new(0, 0, EdgePolicy::Clip)).err();
        assert_eq!(e.as_ref().and_then(Error::kind), Some(&ParseError::UnknownName("x".into())));
        Ok(())
    }

    #[test]
    fn test_promoter() -> Result<()> {
        use crate::annotation::GeneModels;
        // Canonical transcript t2 (tagged) starts at 7 on -, the gene's 5' end is 9.
        let gtf = "c\ts\tgene\t2\t9\t.\t-\t.\tgene_id \"g\";\n\
                   c\ts\texon\t2\t9\t.\t-\t.\tgene_id \"g\"; transcript_id \"t1\";\n\
                   c\ts\texon\t3\t7\t.\t-\t.\tgene_id \"g\"; transcript_id \"t2\"; tag \"Ensembl_canonical\";\n\
                   c\ts\tgene\t4\t6\t.\t+\t.\tgene_id \"bare\";\n";
        let models = GeneModels::from_gtf_reader(gtf.as_bytes(), "t.gtf")?;
        let mut genome = InMemoryGenome::from_records([("c", GENOME)]);
        let w = Window::new(1, 1, EdgePolicy::Clip);
        // 6..=8 is cgt, reverse complement acg.
        assert_eq!(promoter(&mut genome, &models.genes()[0], &w)?, b"acg");
        assert_eq!(promoter(&mut genome, &models.genes()[1], &w)?, b"GTA");
        Ok(())
    }
}
