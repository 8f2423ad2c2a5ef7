//! Links GFF3 features by `ID` and `Parent` once the whole file is read.

use std::collections::HashMap;

use crate::{
    annotation::{Exon, Gene, Transcript},
    error::{Error, Location, ParseError, Result},
};

/// An exon waiting for its transcripts (raw `ID`s) to be known.
pub(super) struct PendingExon {
    pub(super) parents: Vec<String>,
    pub(super) exon: Exon,
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
        self.genes.push(gene);
        Ok(())
    }

    /// Attaches transcripts to genes and exons to transcripts.
    pub(super) fn link(mut self) -> Result<Vec<Gene>> {
        // Raw transcript `ID` → (gene index, index in that gene's transcripts).
        let mut transcripts: HashMap<String, (usize, usize)> = HashMap::new();
        let mut transcript_ids: HashMap<String, ()> = HashMap::new();
        for candidate in self.candidates {
            let gene = candidate.parents.iter().find_map(|p| self.gene_index.get(p).copied());
            let Some(gene) = gene else {
                continue; // not a transcript: its parent is no gene
            };
            let id = &candidate.transcript.id;
            if transcripts.contains_key(&candidate.raw_id) || transcript_ids.contains_key(id) {
                return Err(Error::parse(candidate.line, ParseError::DuplicateId(id.clone())));
            }
            transcript_ids.insert(id.clone(), ());
            let list = &mut self.genes[gene].transcripts;
            transcripts.insert(candidate.raw_id, (gene, list.len()));
            list.push(candidate.transcript);
        }
        for pending in self.exons {
            for parent in pending.parents {
                let Some(&(gene, i)) = transcripts.get(&parent) else {
                    return Err(Error::parse(pending.line, ParseError::UnknownName(parent)));
                };
                self.genes[gene].transcripts[i].exons.push(pending.exon);
            }
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
