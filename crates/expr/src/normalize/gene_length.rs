//! Gene lengths from gene models, for TPM and other length normalisations.

use gptomics_seqio::annotation::{Exon, Gene, GeneModels};

use crate::{Error, Result};

/// Which length stands for a gene.
///
/// The default is [`GeneLength::ExonUnion`] because it is the length of exactly the bases that
/// featureCounts (and HTSeq's `union` mode) count reads on when it summarises exons to genes: any read
/// on any exon of any transcript counts for the gene, so the gene's "feature" is the union of its exons.
/// That is the `Length` column of featureCounts output and what `tpm` should divide such counts by.
/// [`GeneLength::CanonicalTranscript`] suits counts of one transcript per gene or a mature-mRNA length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GeneLength {
    /// The number of distinct bases covered by any exon of any of the gene's transcripts (overlapping
    /// exons counted once): featureCounts' gene `Length`.
    #[default]
    ExonUnion,
    /// The spliced length of the gene's canonical transcript (see
    /// [`Gene::canonical_transcript`]: Ensembl's canonical tag, else the longest).
    CanonicalTranscript,
}

/// The length of `gene` in bases by `kind`; 0 for a gene without exons.
///
/// ```
/// use gptomics_expr::normalize::{GeneLength, gene_length};
/// use gptomics_seqio::annotation::GeneModels;
/// // Two transcripts: exons 1-100 + 201-300, and 51-250: union 1-300 (300 bp); longest spliced 200 bp.
/// let gtf = b"c\ts\texon\t1\t100\t.\t+\t.\tgene_id \"g\"; transcript_id \"t1\";\n\
///             c\ts\texon\t201\t300\t.\t+\t.\tgene_id \"g\"; transcript_id \"t1\";\n\
///             c\ts\texon\t51\t250\t.\t+\t.\tgene_id \"g\"; transcript_id \"t2\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// let gene = models.get("g").expect("g");
/// assert_eq!(gene_length(gene, GeneLength::ExonUnion), 300);
/// assert_eq!(gene_length(gene, GeneLength::CanonicalTranscript), 200); // t1 wins the tie on span
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn gene_length(gene: &Gene, kind: GeneLength) -> u64 {
    match kind {
        GeneLength::ExonUnion => {
            let mut exons: Vec<Exon> = gene.transcripts().iter().flat_map(|t| t.exons().iter().copied()).collect();
            exons.sort_unstable();
            union_length(&exons)
        }
        GeneLength::CanonicalTranscript => gene.canonical_transcript().map_or(0, |t| t.spliced_length()),
    }
}

/// The lengths, in bases (as `f64`, ready for [`tpm`](super::tpm)), of the genes `gene_ids` in
/// `models`, looked up by gene id (`Gene::id`, e.g. `ENSG00000141510`, without a version suffix unless
/// the annotation has one).
///
/// A gene id absent from the annotation, or a gene with no exons (length 0), is an
/// [`Error::InvalidInput`] naming the gene: a TPM with a made-up length would be silently wrong.
///
/// ```
/// use gptomics_expr::normalize::{GeneLength, gene_lengths};
/// use gptomics_seqio::annotation::GeneModels;
/// let gtf = b"c\ts\texon\t1\t1000\t.\t+\t.\tgene_id \"a\"; transcript_id \"t\";\n";
/// let models = GeneModels::from_gtf_reader(&gtf[..], "inline.gtf")?;
/// assert_eq!(gene_lengths(&models, &["a"], GeneLength::default())?, [1000.0]);
/// let e = gene_lengths(&models, &["a", "b"], GeneLength::default()).unwrap_err();
/// assert_eq!(e.to_string(), "gene_lengths: gene `b` is not in the annotation");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn gene_lengths<S: AsRef<str>>(models: &GeneModels, gene_ids: &[S], kind: GeneLength) -> Result<Vec<f64>> {
    gene_ids
        .iter()
        .map(|id| {
            let id = id.as_ref();
            let gene = models
                .get(id)
                .ok_or_else(|| Error::invalid(format!("gene_lengths: gene `{id}` is not in the annotation")))?;
            match gene_length(gene, kind) {
                0 => Err(Error::invalid(format!("gene_lengths: gene `{id}` has no exons"))),
                // Genes are far below 2^53 bases, so the conversion is exact.
                length => Ok(length as f64),
            }
        })
        .collect()
}

/// The number of bases covered by exons sorted by start (1-based inclusive intervals; saturating).
fn union_length(sorted: &[Exon]) -> u64 {
    let mut total = 0u64;
    let mut current: Option<(u64, u64)> = None;
    for exon in sorted {
        current = match current {
            Some((start, end)) if exon.start() <= end.saturating_add(1) => Some((start, end.max(exon.end()))),
            Some(done) => {
                total = total.saturating_add(Exon::new(done.0, done.1).len());
                Some((exon.start(), exon.end()))
            }
            None => Some((exon.start(), exon.end())),
        };
    }
    if let Some((start, end)) = current {
        total = total.saturating_add(Exon::new(start, end).len());
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_union_length() -> Result<()> {
        assert_eq!(union_length(&[]), 0);
        // Adjacent, nested, overlapping and separate exons.
        let exons = [Exon::new(1, 10), Exon::new(5, 8), Exon::new(11, 20), Exon::new(15, 25), Exon::new(40, 41)];
        assert_eq!(union_length(&exons), 25 + 2);
        Ok(())
    }

    #[test]
    fn test_gene_lengths() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let gtf = b"c\ts\tgene\t1\t90\t.\t+\t.\tgene_id \"empty\";\n\
                    c\ts\texon\t1\t10\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
        let models = GeneModels::from_gtf_reader(&gtf[..], "t.gtf")?;
        assert_eq!(gene_lengths(&models, &["g"], GeneLength::CanonicalTranscript)?, [10.0]);
        let e = gene_lengths(&models, &["empty"], GeneLength::ExonUnion).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("gene_lengths: gene `empty` has no exons"));
        assert!(gene_lengths::<&str>(&models, &[], GeneLength::ExonUnion)?.is_empty());
        Ok(())
    }

    #[test]
    fn test_gene_lengths_real_annotation() -> std::result::Result<(), Box<dyn std::error::Error>> {
        // Ensembl chr21: exon union never exceeds the gene span and is at least the canonical length.
        let Some(path) = gptomics_testdata::data_file("annotation/ensembl_chr21.gtf.gz") else { return Ok(()) };
        let models = GeneModels::from_gtf_path(path)?;
        let mut with_exons = 0;
        for gene in &models {
            let union = gene_length(gene, GeneLength::ExonUnion);
            let canonical = gene_length(gene, GeneLength::CanonicalTranscript);
            assert!(union <= gene.end() - gene.start() + 1, "{}", gene.id());
            assert!(canonical <= union, "{}", gene.id());
            with_exons += usize::from(union > 0);
        }
        assert!(with_exons > 10);
        Ok(())
    }
}
