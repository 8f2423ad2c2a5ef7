//! A transcript: exons on one strand of one contig.

use super::{Exon, Strand};

/// A transcript of a gene, with its exons sorted by genomic start.
///
/// Coordinates are 1-based and inclusive. `start..=end` is the transcript line's span, or the span of
/// its exons when the file has no transcript line for it. The example shows every accessor:
///
/// ```
/// use gptomics_seqio::annotation::{Exon, GeneModels, Strand};
///
/// let gtf = b"c\ts\texon\t30\t40\t.\t-\t.\tgene_id \"g\"; transcript_id \"t\"; tag \"basic\";\n\
///             c\ts\texon\t10\t19\t.\t-\t.\tgene_id \"g\"; transcript_id \"t\"; transcript_name \"G-201\"; \
///             transcript_biotype \"lncRNA\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// let transcript = &models.get("g").expect("g").transcripts()[0];
/// assert_eq!((transcript.id(), transcript.name(), transcript.biotype()), ("t", Some("G-201"), Some("lncRNA")));
/// assert_eq!((transcript.contig(), transcript.strand()), ("c", Strand::Reverse));
/// assert_eq!((transcript.start(), transcript.end(), transcript.tss()), (10, 40, 40));
/// assert_eq!(transcript.exons(), [Exon::new(10, 19), Exon::new(30, 40)]);
/// assert_eq!((transcript.spliced_length(), transcript.tags()), (21, &["basic".to_owned()][..]));
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    pub(super) id: String,
    pub(super) name: Option<String>,
    pub(super) biotype: Option<String>,
    pub(super) strand: Strand,
    pub(super) contig: String,
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) exons: Vec<Exon>,
    pub(super) tags: Vec<String>,
}

impl Transcript {
    /// The transcript id (`transcript_id`; in GFF3 the `ID` without its `transcript:` prefix when there
    /// is no `transcript_id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The transcript name (`transcript_name` in GTF and GENCODE GFF3, `Name` in Ensembl GFF3).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The biotype (`transcript_biotype`, `transcript_type` or GFF3 `biotype`), e.g. `protein_coding`.
    pub fn biotype(&self) -> Option<&str> {
        self.biotype.as_deref()
    }

    /// The strand.
    pub fn strand(&self) -> Strand {
        self.strand
    }

    /// The contig (reference sequence) name.
    pub fn contig(&self) -> &str {
        &self.contig
    }

    /// The first base of the transcript's span, 1-based.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// The last base of the transcript's span, 1-based and inclusive.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The exons, sorted by genomic start whatever the strand (so on `-` the last one is transcribed
    /// first).
    pub fn exons(&self) -> &[Exon] {
        &self.exons
    }

    /// The tags (`tag` attributes), e.g. `basic`, `Ensembl_canonical`.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Whether the transcript carries `tag`.
    ///
    /// ```
    /// use gptomics_seqio::annotation::GeneModels;
    /// let gff = b"c\ts\tgene\t1\t9\t.\t+\t.\tID=gene:g\n\
    ///             c\ts\tmRNA\t1\t9\t.\t+\t.\tID=transcript:t;Parent=gene:g;tag=basic,Ensembl_canonical\n";
    /// let models = GeneModels::from_gff3_reader(&gff[..], "inline.gff3")?;
    /// assert!(models.get("g").expect("g").transcripts()[0].has_tag("Ensembl_canonical"));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// The transcription start site: the first transcribed base, `start` on `+` (and unknown strands),
    /// `end` on `-`.
    pub fn tss(&self) -> u64 {
        self.strand.five_prime(self.start, self.end)
    }

    /// The length of the mature transcript: the summed length of its exons (0 without exons; saturating).
    pub fn spliced_length(&self) -> u64 {
        self.exons.iter().map(Exon::len).fold(0, u64::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(strand: Strand) -> Transcript {
        Transcript {
            id: "t".into(),
            name: None,
            biotype: None,
            strand,
            contig: "c".into(),
            start: 5,
            end: 50,
            exons: vec![Exon::new(5, 10), Exon::new(40, 50)],
            tags: vec!["basic".into()],
        }
    }

    #[test]
    fn test_tss() -> Result<(), String> {
        assert_eq!(transcript(Strand::Forward).tss(), 5);
        assert_eq!(transcript(Strand::Reverse).tss(), 50);
        assert_eq!(transcript(Strand::Unknown).tss(), 5);
        Ok(())
    }

    #[test]
    fn test_spliced_length() -> Result<(), String> {
        assert_eq!(transcript(Strand::Forward).spliced_length(), 6 + 11);
        let mut empty = transcript(Strand::Forward);
        empty.exons.clear();
        assert_eq!(empty.spliced_length(), 0);
        empty.exons = vec![Exon::new(1, u64::MAX), Exon::new(1, 2)];
        assert_eq!(empty.spliced_length(), u64::MAX);
        Ok(())
    }

    #[test]
    fn test_has_tag() -> Result<(), String> {
        assert!(transcript(Strand::Forward).has_tag("basic"));
        assert!(!transcript(Strand::Forward).has_tag("Ensembl_canonical"));
        Ok(())
    }
}
