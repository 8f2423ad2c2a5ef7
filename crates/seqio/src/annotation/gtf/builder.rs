//! Assembles GTF lines into genes and transcripts, whatever order they come in.

use std::collections::HashMap;

use crate::{
    annotation::{Exon, Gene, Strand, Transcript, parse},
    error::ParseError,
};

/// The columns of one line that the models keep.
pub(super) struct Feature {
    pub(super) contig: String,
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) strand: Strand,
}

/// A gene or transcript being assembled, and whether its own line was seen (which fixes its span).
struct Draft<T> {
    item: T,
    has_line: bool,
}

#[derive(Default)]
pub(super) struct Builder {
    genes: Vec<Draft<Gene>>,
    gene_index: HashMap<String, usize>,
    /// Transcripts with the index of their gene.
    transcripts: Vec<(usize, Draft<Transcript>)>,
    transcript_index: HashMap<String, usize>,
}

impl Builder {
    /// The gene `id`, created from this line's columns and attributes when new.
    pub(super) fn gene(&mut self, id: String, f: &Feature, attribute: &dyn Fn(&str) -> Option<String>) -> usize {
        if let Some(&i) = self.gene_index.get(&id) {
            return i;
        }
        let gene = Gene {
            id: id.clone(),
            name: attribute("gene_name"),
            biotype: attribute("gene_biotype").or_else(|| attribute("gene_type")),
            contig: f.contig.clone(),
            start: f.start,
            end: f.end,
            strand: f.strand,
            transcripts: Vec::new(),
            canonical: None,
        };
        self.genes.push(Draft { item: gene, has_line: false });
        self.gene_index.insert(id, self.genes.len() - 1);
        self.genes.len() - 1
    }

    pub(super) fn gene_line(&mut self, i: usize, f: &Feature) -> std::result::Result<(), ParseError> {
        let draft = &mut self.genes[i];
        if draft.has_line {
            return Err(ParseError::DuplicateId(draft.item.id.clone()));
        }
        draft.has_line = true;
        let gene = &mut draft.item;
        (gene.contig, gene.start, gene.end, gene.strand) = (f.contig.clone(), f.start, f.end, f.strand);
        Ok(())
    }

    /// The transcript `id` of gene `gene`, created from this line when new.
    pub(super) fn transcript(
        &mut self,
        gene: usize,
        id: String,
        f: &Feature,
        attribute: &dyn Fn(&str) -> Option<String>,
        tags: Vec<String>,
    ) -> usize {
        if !self.genes[gene].has_line {
            let g = &mut self.genes[gene].item;
            let mut span = (g.start, g.end);
            parse::widen(&mut span, f.start, f.end);
            (g.start, g.end) = span;
        }
        if let Some(&i) = self.transcript_index.get(&id) {
            return i;
        }
        let transcript = Transcript {
            id: id.clone(),
            name: attribute("transcript_name"),
            biotype: attribute("transcript_biotype").or_else(|| attribute("transcript_type")),
            strand: f.strand,
            contig: f.contig.clone(),
            start: f.start,
            end: f.end,
            exons: Vec::new(),
            tags,
        };
        self.transcripts.push((gene, Draft { item: transcript, has_line: false }));
        self.transcript_index.insert(id, self.transcripts.len() - 1);
        self.transcripts.len() - 1
    }

    pub(super) fn transcript_line(&mut self, i: usize, f: &Feature) -> std::result::Result<(), ParseError> {
        let draft = &mut self.transcripts[i].1;
        if draft.has_line {
            return Err(ParseError::DuplicateId(draft.item.id.clone()));
        }
        draft.has_line = true;
        let t = &mut draft.item;
        (t.contig, t.start, t.end, t.strand) = (f.contig.clone(), f.start, f.end, f.strand);
        Ok(())
    }

    pub(super) fn exon(&mut self, i: usize, f: &Feature) {
        let draft = &mut self.transcripts[i].1;
        if !draft.has_line {
            let mut span = (draft.item.start, draft.item.end);
            parse::widen(&mut span, f.start, f.end);
            (draft.item.start, draft.item.end) = span;
        }
        draft.item.exons.push(Exon::new(f.start, f.end));
    }

    pub(super) fn finish(self) -> Vec<Gene> {
        let mut genes: Vec<Gene> = self.genes.into_iter().map(|d| d.item).collect();
        for (gene, draft) in self.transcripts {
            let mut transcript = draft.item;
            transcript.exons.sort_unstable();
            genes[gene].transcripts.push(transcript);
        }
        for gene in &mut genes {
            gene.choose_canonical();
        }
        genes
    }
}
