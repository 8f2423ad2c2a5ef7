//! Links GFF3 features by `ID` and `Parent` once the whole file is read.

use std::collections::{HashMap, HashSet};

use crate::{
    annotation::{Exon, Gene, Strand, Transcript, parse},
    error::{Error, Location, ParseError, Result},
};

/// An exon waiting for its transcripts (raw `ID`s) to be known.
pub(super) struct PendingExon {
    pub(super) parents: Vec<String>,
    pub(super) exon: Exon,
    pub(super) contig: String,
    pub(super) strand: Strand,
    pub(super) line: Location,
}

/// A feature with an `ID` and a `Parent`: a transcript if a parent is a gene.
pub(super) struct Candidate {
    pub(super) raw_id: String,
    pub(super) parents: Vec<String>,
    pub(super) transcript: Transcript,
    pub(super) line: Location,
}

#[derive(Default)]
pub(super) struct Features {
    genes: Vec<Gene>,
    /// Raw `ID` → index in `genes`.
    gene_index: HashMap<String, usize>,
    /// Public ids seen, to reject two genes sharing a `gene_id`.
    gene_ids: HashMap<String, usize>,
    /// The line of each gene, for errors.
    gene_lines: Vec<u64>,
    pub(super) candidates: Vec<Candidate>,
    pub(super) exons: Vec<PendingExon>,
}

impl Features {
    pub(super) fn add_gene(&mut self, raw_id: String, gene: Gene, at: &Location) -> Result<()> {
        let i = self.genes.len();
        if self.gene_index.contains_key(&raw_id) || self.gene_ids.contains_key(&gene.id) {
            return Err(Error::parse(at.clone(), ParseError::DuplicateId(gene.id)));
        }
        self.gene_index.insert(raw_id, i);
        self.gene_ids.insert(gene.id.clone(), i);
        self.gene_lines.push(at.line.unwrap_or_default());
        self.genes.push(gene);
        Ok(())
    }

    /// Attaches transcripts to genes and exons to transcripts. An exon whose parent is a gene (NCBI
    /// RefSeq) joins that gene's implicit transcript, made on first use; an exon whose parent is a
    /// feature below a transcript (NCBI's miRNA under its primary_transcript) is not kept.
    pub(super) fn link(mut self) -> Result<Vec<Gene>> {
        // Raw transcript `ID` → (gene index, index in that gene's transcripts, line).
        let mut transcripts: HashMap<String, (usize, usize, u64)> = HashMap::new();
        let mut transcript_ids: HashSet<String> = HashSet::new();
        let mut nested: HashSet<String> = HashSet::new();
        let mut implicits: Vec<(usize, usize)> = Vec::new();
        for candidate in self.candidates {
            let gene = candidate.parents.iter().find_map(|p| self.gene_index.get(p).copied());
            let Some(gene) = gene else {
                nested.insert(candidate.raw_id); // not a transcript: its parent is no gene
                continue;
            };
            let t = &candidate.transcript;
            let g = &self.genes[gene];
            let inconsistent = |k| Error::parse(candidate.line.clone(), k);
            parse::consistent(&t.id, (&g.contig, g.strand, self.gene_lines[gene]), (&t.contig, t.strand))
                .map_err(inconsistent)?;
            if transcripts.contains_key(&candidate.raw_id) || !transcript_ids.insert(t.id.clone()) {
                return Err(Error::parse(candidate.line, ParseError::DuplicateId(t.id.clone())));
            }
            let list = &mut self.genes[gene].transcripts;
            transcripts.insert(candidate.raw_id, (gene, list.len(), candidate.line.line.unwrap_or_default()));
            list.push(candidate.transcript);
        }
        for pending in self.exons {
            for parent in pending.parents {
                let (gene, i, first_line) = match transcripts.get(&parent) {
                    Some(&found) => found,
                    None if nested.contains(&parent) => continue,
                    None => match self.gene_index.get(&parent) {
                        Some(&gene) => {
                            let found = (gene, implicit(&mut self.genes[gene]), self.gene_lines[gene]);
                            implicits.push((gene, found.1));
                            transcripts.insert(parent, found);
                            found
                        }
                        None => return Err(Error::parse(pending.line, ParseError::UnknownName(parent))),
                    },
                };
                let t = &mut self.genes[gene].transcripts[i];
                let here = (pending.contig.as_str(), pending.strand);
                let at = || pending.line.clone();
                parse::consistent(&t.id, (&t.contig, t.strand, first_line), here).map_err(|k| Error::parse(at(), k))?;
                t.exons.push(pending.exon);
            }
        }
        for (gene, i) in implicits {
            let t = &mut self.genes[gene].transcripts[i];
            let starts = t.exons.iter().map(Exon::start);
            (t.start, t.end) = (starts.min().unwrap_or(t.start), t.exons.iter().map(Exon::end).max().unwrap_or(t.end));
        }
        for gene in &mut self.genes {
            for transcript in &mut gene.transcripts {
                transcript.exons.sort_unstable();
            }
            gene.choose_canonical();
        }
        Ok(self.genes)
    }
}

/// Adds the implicit transcript of exons whose parent is `gene`: same id, contig, strand and span as the
/// gene until its exons are known (they then set the span). Returns its index in the gene's transcripts.
fn implicit(gene: &mut Gene) -> usize {
    gene.transcripts.push(Transcript {
        id: gene.id.clone(),
        name: None,
        biotype: None,
        strand: gene.strand,
        contig: gene.contig.clone(),
        start: gene.start,
        end: gene.end,
        exons: Vec::new(),
        tags: Vec::new(),
    });
    gene.transcripts.len() - 1
}
