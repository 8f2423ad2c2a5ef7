//! Fixed windows around transcription start sites, and promoters.

use super::{SequenceSource, reverse_complement};
use crate::{
    annotation::{Gene, Strand},
    error::{Error, Location, ParseError, Result},
};

/// The name errors give to the genome when the error is not the source's (which cannot tell its name).
const NAME: &str = "<genome>";

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
    /// The most bases a window may ask for on either side of its TSS: 100 Mb, far beyond any promoter or
    /// regulatory region. It keeps a mistyped window (`1e10`) from padding gigabytes of `N` under
    /// [`EdgePolicy::PadN`]; longer windows are [`ParseError::WindowTooLong`] under either policy, so
    /// both policies accept the same windows.
    pub const MAX_FLANK: u64 = 100_000_000;

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
/// [`ParseError::UnknownName`] (both as the source reports them, naming its file), a side longer than
/// [`Window::MAX_FLANK`] [`ParseError::WindowTooLong`].
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
    if window.upstream > Window::MAX_FLANK || window.downstream > Window::MAX_FLANK {
        let (upstream, downstream, max) = (window.upstream, window.downstream, Window::MAX_FLANK);
        return Err(Error::parse(Location::file(NAME), ParseError::WindowTooLong { upstream, downstream, max }));
    }
    let length = source.contig_length(contig).filter(|&length| (1..=length).contains(&tss));
    let Some(length) = length else {
        // Unknown contig or TSS outside it: the source's own error names its file.
        source.fetch(contig, tss, tss)?;
        // A source that serves what it says it lacks: report it here.
        let length = source.contig_length(contig).unwrap_or_default();
        let (contig, start, end) = (contig.to_owned(), tss, tss);
        return Err(Error::parse(Location::file(NAME), ParseError::InvalidRange { contig, start, end, length }));
    };
    // Bases wanted left and right of the TSS in genomic order, and how many of them lie past the contig's
    // ends (1 <= tss <= length, so neither subtraction can wrap and start..=end stays inside).
    let (left, right) =
        if strand.is_forward() { (window.upstream, window.downstream) } else { (window.downstream, window.upstream) };
    let missing_left = left.saturating_sub(tss - 1);
    let missing_right = right.saturating_sub(length - tss);
    let start = tss - (left - missing_left);
    let end = tss + (right - missing_right);
    let inside = source.fetch(contig, start, end)?;
    let genomic = match window.edge {
        EdgePolicy::Clip => inside,
        EdgePolicy::PadN => {
            // Both pads are at most MAX_FLANK, checked above.
            let (pad_left, pad_right) = (missing_left as usize, missing_right as usize);
            let mut padded = Vec::with_capacity(pad_left + inside.len() + pad_right);
            padded.resize(pad_left, b'N');
            padded.extend_from_slice(&inside);
            padded.resize(padded.len() + pad_right, b'N');
            padded
        }
    };
    Ok(if strand.is_forward() { genomic } else { reverse_complement(&genomic) })
}

/// The window around a gene's promoter: the TSS of its canonical transcript (on that transcript's
/// strand), or the gene's own 5' end when it has no transcripts.
///
/// Errors name the feature: their kind is [`ParseError::Feature`] (e.g. `"promoter of gene g1
/// (transcript t1)"`) around the reason [`tss_window`] gave.
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
    let canonical = gene.canonical_transcript();
    let (tss, strand) = canonical.map_or((gene.tss(), gene.strand()), |t| (t.tss(), t.strand()));
    tss_window(source, gene.contig(), tss, strand, window).map_err(|e| match e {
        Error::Parse { at, kind } => {
            let mut feature = format!("promoter of gene {}", gene.id());
            if let Some(t) = canonical {
                feature = format!("{feature} (transcript {})", t.id());
            }
            Error::parse(at, ParseError::Feature { feature, source: Box::new(kind) })
        }
        e => e,
    })
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
        let huge = Window::new(1, 10_000_000_000, EdgePolicy::PadN);
        let e = window(Strand::Forward, 1, huge.upstream, huge.downstream, huge.edge).err();
        assert!(matches!(e.as_ref().and_then(Error::kind), Some(ParseError::WindowTooLong { .. })));
        // Flanks near u64::MAX must not wrap (`tss + right` would); the limit catches them first.
        let e = window(Strand::Reverse, 10, u64::MAX, u64::MAX, EdgePolicy::Clip).err();
        assert!(matches!(e.as_ref().and_then(Error::kind), Some(ParseError::WindowTooLong { .. })));
        let max = Window::MAX_FLANK;
        assert_eq!(window(Strand::Forward, 5, max, max, EdgePolicy::Clip)?, GENOME);
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
        // Errors name the gene and its transcript.
        let mut short = InMemoryGenome::from_records([("c", "ACG")]);
        let e = promoter(&mut short, &models.genes()[0], &w).err().map(|e| e.to_string());
        let expected = "<input>: promoter of gene g (transcript t2): invalid range 7..=7 on \"c\" (length 3)";
        assert_eq!(e.as_deref(), Some(expected));
        Ok(())
    }
}
