//! A gene: its transcripts and the choice of a canonical one.

use std::cmp::Reverse;

use super::{Strand, Transcript};

/// The tag that marks Ensembl's (and GENCODE's) canonical transcript of a gene.
pub(super) const CANONICAL_TAG: &str = "Ensembl_canonical";

/// A gene with its transcripts (in file order).
///
/// Coordinates are 1-based and inclusive: the gene line's span, or the span of its transcripts when a
/// GTF has no `gene` line for it. The example shows every accessor:
///
/// ```
/// use gptomics_seqio::annotation::{GeneModels, Strand};
///
/// let gtf = b"c\ts\tgene\t10\t90\t.\t-\t.\tgene_id \"g\"; gene_name \"G\"; gene_biotype \"lncRNA\";\n\
///             c\ts\texon\t10\t50\t.\t-\t.\tgene_id \"g\"; transcript_id \"t1\";\n\
///             c\ts\texon\t20\t90\t.\t-\t.\tgene_id \"g\"; transcript_id \"t2\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// let gene = models.get("g").expect("g");
/// assert_eq!((gene.id(), gene.name(), gene.biotype()), ("g", Some("G"), Some("lncRNA")));
/// assert_eq!((gene.contig(), gene.start(), gene.end(), gene.strand()), ("c", 10, 90, Strand::Reverse));
/// assert_eq!(gene.tss(), 90);
/// assert_eq!(gene.transcripts().iter().map(|t| t.id()).collect::<Vec<_>>(), ["t1", "t2"]);
/// assert_eq!(gene.canonical_transcript().map(|t| t.id()), Some("t2")); // longest: 71 bp
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gene {
    pub(super) id: String,
    pub(super) name: Option<String>,
    pub(super) biotype: Option<String>,
    pub(super) contig: String,
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) strand: Strand,
    pub(super) transcripts: Vec<Transcript>,
    /// Index into `transcripts`, chosen by [`Gene::choose_canonical`] once the gene is complete.
    pub(super) canonical: Option<usize>,
}

impl Gene {
    /// The gene id (`gene_id`; in GFF3 the `ID` without its `gene:` prefix when there is no `gene_id`).
    /// Ids are unique within a [`GeneModels`](super::GeneModels); names are not.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The gene name or symbol (`gene_name` in GTF and GENCODE GFF3, `Name` in Ensembl GFF3).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The biotype (`gene_biotype`, GENCODE's `gene_type`, or GFF3 `biotype`).
    pub fn biotype(&self) -> Option<&str> {
        self.biotype.as_deref()
    }

    /// The contig (reference sequence) name.
    pub fn contig(&self) -> &str {
        &self.contig
    }

    /// The first base, 1-based.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// The last base, 1-based and inclusive.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The strand.
    pub fn strand(&self) -> Strand {
        self.strand
    }

    /// The transcripts, in the order the file lists them.
    pub fn transcripts(&self) -> &[Transcript] {
        &self.transcripts
    }

    /// The gene-level 5' end: `start` on `+` (and unknown strands), `end` on `-`. Transcripts may start
    /// further in; see [`Transcript::tss`].
    pub fn tss(&self) -> u64 {
        self.strand.five_prime(self.start, self.end)
    }

    /// The canonical transcript: the one tagged `Ensembl_canonical`, else the one with the longest
    /// spliced length, ties broken by the longest genomic span, then the smallest id (so the choice
    /// never depends on file order). `None` for a gene without transcripts.
    pub fn canonical_transcript(&self) -> Option<&Transcript> {
        self.canonical.and_then(|i| self.transcripts.get(i))
    }

    /// Picks the canonical transcript (see [`Gene::canonical_transcript`]); call once the transcripts
    /// are complete. Several tagged transcripts (which Ensembl never writes) are ranked like untagged ones.
    pub(super) fn choose_canonical(&mut self) {
        let rank = |(_, t): &(usize, &Transcript)| {
            (t.has_tag(CANONICAL_TAG), t.spliced_length(), t.end - t.start, Reverse(t.id.clone()))
        };
        self.canonical = self.transcripts.iter().enumerate().max_by_key(rank).map(|(i, _)| i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Exon;

    fn transcript(id: &str, exons: &[(u64, u64)], tags: &[&str]) -> Transcript {
        Transcript {
            id: id.into(),
            name: None,
            biotype: None,
            strand: Strand::Forward,
            contig: "c".into(),
            start: exons.iter().map(|e| e.0).min().unwrap_or(1),
            end: exons.iter().map(|e| e.1).max().unwrap_or(1),
            exons: exons.iter().map(|&(s, e)| Exon::new(s, e)).collect(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn gene(transcripts: Vec<Transcript>) -> Gene {
        let mut gene = Gene {
            id: "g".into(),
            name: None,
            biotype: None,
            contig: "c".into(),
            start: 1,
            end: 100,
            strand: Strand::Reverse,
            transcripts,
            canonical: None,
        };
        gene.choose_canonical();
        gene
    }

    fn canonical(gene: &Gene) -> Option<&str> {
        gene.canonical_transcript().map(Transcript::id)
    }

    #[test]
    fn test_canonical_transcript() -> Result<(), String> {
        // The tag wins over length.
        let tagged = gene(vec![
            transcript("long", &[(1, 100)], &["basic"]),
            transcript("short", &[(1, 10)], &["basic", CANONICAL_TAG]),
        ]);
        assert_eq!(canonical(&tagged), Some("short"));
        // Without tags: longest spliced length, even with a shorter span.
        let untagged =
            gene(vec![transcript("span", &[(1, 10), (90, 100)], &[]), transcript("spliced", &[(1, 30)], &[])]);
        assert_eq!(canonical(&untagged), Some("spliced"));
        // Equal spliced length: longest span, then smallest id, whatever the order.
        let tie = gene(vec![
            transcript("b", &[(1, 10)], &[]),
            transcript("c", &[(1, 5), (11, 15)], &[]),
            transcript("a", &[(1, 5), (11, 15)], &[]),
        ]);
        assert_eq!(canonical(&tie), Some("a"));
        assert_eq!(canonical(&gene(vec![])), None);
        Ok(())
    }

    #[test]
    fn test_tss() -> Result<(), String> {
        let mut g = gene(vec![]);
        assert_eq!(g.tss(), 100);
        g.strand = Strand::Forward;
        assert_eq!(g.tss(), 1);
        Ok(())
    }
}
