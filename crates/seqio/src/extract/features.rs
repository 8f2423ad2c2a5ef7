//! Gene bodies and spliced transcripts.

use super::{SequenceSource, reverse_complement};
use crate::{
    annotation::{Gene, Strand, Transcript},
    error::Result,
};

/// The gene's sequence `start..=end`, in transcription direction (reverse-complemented on `-`; an
/// unknown strand reads as `+`).
///
/// ```
/// use gptomics_seqio::{annotation::GeneModels, extract::{self, InMemoryGenome}};
/// let mut genome = InMemoryGenome::from_records([("c", "AACCGGTTAC")]);
/// let gtf = b"c\ts\tgene\t1\t4\t.\t-\t.\tgene_id \"g\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// assert_eq!(extract::gene_body(&mut genome, models.get("g").expect("g"))?, b"GGTT");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn gene_body<S: SequenceSource + ?Sized>(source: &mut S, gene: &Gene) -> Result<Vec<u8>> {
    oriented(source.fetch(gene.contig(), gene.start(), gene.end())?, gene.strand())
}

/// The mature transcript: its exons joined in transcription order, reverse-complemented on `-` (an
/// unknown strand reads as `+`). Empty for a transcript without exons.
///
/// ```
/// use gptomics_seqio::{annotation::GeneModels, extract::{self, InMemoryGenome}};
/// let mut genome = InMemoryGenome::from_records([("c", "AACCGGTTAC")]);
/// let gtf = b"c\ts\texon\t9\t10\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n\
///             c\ts\texon\t1\t2\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// let transcript = &models.get("g").expect("g").transcripts()[0];
/// assert_eq!(extract::spliced_transcript(&mut genome, transcript)?, b"AAAC");
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
pub fn spliced_transcript<S: SequenceSource + ?Sized>(source: &mut S, transcript: &Transcript) -> Result<Vec<u8>> {
    // Capped by the contig: exon coordinates are the file's, and may be absurd.
    let capacity = transcript.spliced_length().min(source.contig_length(transcript.contig()).unwrap_or(0));
    let mut sequence = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    // Exons are sorted by genomic start, so joining them and reverse-complementing the whole on `-`
    // gives the exons in transcription order.
    for exon in transcript.exons() {
        sequence.extend(source.fetch(transcript.contig(), exon.start(), exon.end())?);
    }
    oriented(sequence, transcript.strand())
}

fn oriented(sequence: Vec<u8>, strand: Strand) -> Result<Vec<u8>> {
    Ok(if strand.is_forward() { sequence } else { reverse_complement(&sequence) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ParseError, annotation::GeneModels, extract::InMemoryGenome};

    // Positions: 1234567890123456
    const GENOME: &str = "ACGTTGCAaaccggtt";

    fn models() -> Result<GeneModels> {
        let gtf = "c\ts\texon\t2\t4\t.\t+\t.\tgene_id \"p\"; transcript_id \"tp\";\n\
                   c\ts\texon\t9\t10\t.\t+\t.\tgene_id \"p\"; transcript_id \"tp\";\n\
                   c\ts\texon\t13\t16\t.\t-\t.\tgene_id \"m\"; transcript_id \"tm\";\n\
                   c\ts\texon\t5\t7\t.\t-\t.\tgene_id \"m\"; transcript_id \"tm\";\n\
                   c\ts\tgene\t10\t17\t.\t+\t.\tgene_id \"out\";\n";
        GeneModels::from_gtf_reader(gtf.as_bytes(), "t.gtf")
    }

    #[test]
    fn test_gene_body() -> Result<()> {
        let (models, mut genome) = (models()?, InMemoryGenome::from_records([("c", GENOME)]));
        let [p, m, out] = [0, 1, 2].map(|i| &models.genes()[i]);
        assert_eq!(gene_body(&mut genome, p)?, b"CGTTGCAaa");
        // 5..=16 is TGCAaaccggtt; reverse complement:
        assert_eq!(gene_body(&mut genome, m)?, b"aaccggttTGCA");
        let e = gene_body(&mut genome, out).err();
        assert!(matches!(e.as_ref().and_then(crate::Error::kind), Some(ParseError::InvalidRange { .. })));
        Ok(())
    }

    #[test]
    fn test_spliced_transcript() -> Result<()> {
        let (models, mut genome) = (models()?, InMemoryGenome::from_records([("c", GENOME)]));
        let p = &models.genes()[0].transcripts()[0];
        let m = &models.genes()[1].transcripts()[0];
        assert_eq!(spliced_transcript(&mut genome, p)?, b"CGTaa");
        // exons 5..=7 (TGC) and 13..=16 (ggtt): joined TGCggtt, reverse complement aaccGCA.
        assert_eq!(spliced_transcript(&mut genome, m)?, b"aaccGCA");
        Ok(())
    }
}
