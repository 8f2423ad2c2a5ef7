//! Assembles GTF lines into genes and transcripts, whatever order they come in.
//!
//! Every line names its gene (and, below genes, its transcript) by id; a gene's or transcript's own line
//! (`gene`, `transcript`) fixes its span, name and biotype, while other lines only fill in what is still
//! unknown. Tags are merged from every line of a transcript, as Ensembl repeats them on exons. A line
//! whose contig or strand differs from earlier lines of the same gene or transcript, or that puts a
//! transcript under another gene, is [`ParseError::InconsistentFeature`]: ids are global, so merging
//! across contigs (UCSC reuses ids on chrX/chrY PAR and alt contigs) would make wrong models.

use std::collections::HashMap;

use crate::{
    annotation::{Exon, Gene, Strand, Transcript, parse},
    error::ParseError,
};

type Result<T> = std::result::Result<T, ParseError>;

/// The columns of one line that the models keep, and the line's number.
pub(super) struct Feature {
    pub(super) contig: String,
    pub(super) start: u64,
    pub(super) end: u64,
    pub(super) strand: Strand,
    pub(super) line: u64,
}

/// What one line says about a gene or transcript beyond the columns.
pub(super) struct Described {
    pub(super) name: Option<String>,
    pub(super) biotype: Option<String>,
    /// Whether this is the feature's own line (`gene` for a gene, `transcript` for a transcript).
    pub(super) own_line: bool,
}

/// A gene or transcript being assembled, whether its own line was seen (which fixes its span), and the
/// line it was first seen on.
struct Draft<T> {
    item: T,
    has_line: bool,
    first_line: u64,
}

impl<T> Draft<T> {
    fn new(item: T, f: &Feature) -> Self {
        Self { item, has_line: false, first_line: f.line }
    }
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
    /// The gene `id`, created from this line when new, else checked against it and updated.
    pub(super) fn gene(&mut self, id: String, f: &Feature, d: Described) -> Result<usize> {
        let Some(&i) = self.gene_index.get(&id) else {
            let gene = Gene {
                id: id.clone(),
                name: d.name,
                biotype: d.biotype,
                contig: f.contig.clone(),
                start: f.start,
                end: f.end,
                strand: f.strand,
                transcripts: Vec::new(),
                canonical: None,
            };
            self.genes.push(Draft { has_line: d.own_line, ..Draft::new(gene, f) });
            self.gene_index.insert(id, self.genes.len() - 1);
            return Ok(self.genes.len() - 1);
        };
        let draft = &mut self.genes[i];
        let gene = &mut draft.item;
        parse::consistent(&gene.id, (&gene.contig, gene.strand, draft.first_line), (&f.contig, f.strand))?;
        if d.own_line {
            if draft.has_line {
                return Err(ParseError::DuplicateId(gene.id.clone()));
            }
            draft.has_line = true;
            (gene.start, gene.end) = (f.start, f.end);
        }
        update(&mut gene.name, d.name, d.own_line);
        update(&mut gene.biotype, d.biotype, d.own_line);
        Ok(i)
    }

    /// The transcript `id` of gene `gene`, created from this line when new, else checked against it and
    /// updated; `tags` are merged into its tags.
    pub(super) fn transcript(
        &mut self,
        gene: usize,
        id: String,
        f: &Feature,
        d: Described,
        tags: Vec<String>,
    ) -> Result<usize> {
        if !self.genes[gene].has_line {
            let g = &mut self.genes[gene].item;
            let mut span = (g.start, g.end);
            parse::widen(&mut span, f.start, f.end);
            (g.start, g.end) = span;
        }
        let Some(&i) = self.transcript_index.get(&id) else {
            let transcript = Transcript {
                id: id.clone(),
                name: d.name,
                biotype: d.biotype,
                strand: f.strand,
                contig: f.contig.clone(),
                start: f.start,
                end: f.end,
                exons: Vec::new(),
                tags: Vec::new(),
            };
            let mut draft = Draft { has_line: d.own_line, ..Draft::new(transcript, f) };
            merge_tags(&mut draft.item.tags, tags);
            self.transcripts.push((gene, draft));
            self.transcript_index.insert(id, self.transcripts.len() - 1);
            return Ok(self.transcripts.len() - 1);
        };
        let (owner, draft) = &mut self.transcripts[i];
        let t = &mut draft.item;
        if *owner != gene {
            let (here, before) = (&self.genes[gene].item.id, &self.genes[*owner].item.id);
            let reason = format!("under gene {here:?} here, but under {before:?} at line {}", draft.first_line);
            return Err(ParseError::InconsistentFeature { id: t.id.clone(), reason });
        }
        parse::consistent(&t.id, (&t.contig, t.strand, draft.first_line), (&f.contig, f.strand))?;
        if d.own_line {
            if draft.has_line {
                return Err(ParseError::DuplicateId(t.id.clone()));
            }
            draft.has_line = true;
            (t.start, t.end) = (f.start, f.end);
        }
        update(&mut t.name, d.name, d.own_line);
        update(&mut t.biotype, d.biotype, d.own_line);
        merge_tags(&mut t.tags, tags);
        Ok(i)
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

/// A field from the feature's own line replaces what other lines implied; other lines only fill a gap.
fn update(field: &mut Option<String>, value: Option<String>, own_line: bool) {
    if value.is_some() && (own_line || field.is_none()) {
        *field = value;
    }
}

/// Adds the tags not there yet, keeping first-seen order.
fn merge_tags(tags: &mut Vec<String>, new: Vec<String>) {
    for tag in new {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
}
