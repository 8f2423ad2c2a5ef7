//! Gene models from GTF (GTF2.2 as Ensembl and GENCODE write it), read with noodles.
//!
//! Features are grouped by their `gene_id` and `transcript_id` attributes. `gene` and `transcript`
//! lines are optional: a gene or transcript seen only through its exons spans them, and takes its name,
//! biotype and tags from the first line that mentions it.

use std::{collections::HashMap, io::BufRead};

use noodles::gtf;

use super::{Exon, Gene, Strand, Transcript, parse};
use crate::error::{Error, ParseError, Result};

/// Reads every gene of a GTF stream, in the order the genes first appear.
pub(super) fn read<R: BufRead>(inner: R, name: &str) -> Result<Vec<Gene>> {
    let mut reader = gtf::io::Reader::new(inner);
    let mut line = gtf::Line::default();
    let mut cursor = parse::Cursor::new(name);
    let mut builder = Builder::default();
    loop {
        let n = reader.read_line(&mut line).map_err(|e| Error::io(name, e))?;
        if n == 0 {
            break;
        }
        cursor.next_line();
        let raw = AsRef::as_ref(&line);
        let raw: &[u8] = raw;
        if raw.is_empty() {
            continue;
        }
        let Some(record) = line.as_record() else {
            continue; // a comment
        };
        cursor.next_record();
        let at = cursor.at();
        let record = record.map_err(parse::noodles(&at))?;
        let (start, end) = parse::span(&at, record.start(), record.end())?;
        let strand = parse::strand(&at, record.strand(), raw)?;
        let attributes = record.attributes().map_err(parse::noodles(&at))?;
        let ty: &[u8] = record.ty();
        let kind = match ty {
            b"gene" => Kind::Gene,
            b"transcript" | b"mRNA" => Kind::Transcript,
            b"exon" => Kind::Exon,
            _ => continue, // CDS, UTRs, codons: validated above, not kept
        };
        let attribute = |key: &str| {
            attributes
                .get(key.as_bytes())
                .and_then(|value| value.ok())
                .and_then(|value| value.iter().next().map(|v| parse::text(v)))
        };
        let required = |key: &str| {
            attribute(key).ok_or_else(|| {
                Error::parse(at.clone(), ParseError::MissingAttribute(key.to_owned()))
            })
        };
        let feature = Feature {
            contig: parse::text(record.reference_sequence_name()),
            start,
            end,
            strand,
        };
        let gene = builder.gene(required("gene_id")?, &feature, &attribute);
        match kind {
            Kind::Gene => builder.gene_line(gene, &feature).map_err(|k| Error::parse(at.clone(), k))?,
            Kind::Transcript | Kind::Exon => {
                let tags = match attributes.get(b"tag").and_then(|v| v.ok()) {
                    Some(values) => values.iter().map(|v| parse::text(v)).collect(),
                    None => Vec::new(),
                };
                let id = required("transcript_id")?;
                let transcript = builder.transcript(gene, id, &feature, &attribute, tags);
                if kind == Kind::Transcript {
                    builder
                        .transcript_line(transcript, &feature)
                        .map_err(|k| Error::parse(at.clone(), k))?;
                } else {
                    builder.exon(transcript, &feature);
                }
            }
        }
    }
    if cursor.records() == 0 {
        return Err(Error::parse(cursor.file(), ParseError::EmptyInput));
    }
    Ok(builder.finish())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gene,
    Transcript,
    Exon,
}

/// The columns of one line that the models keep.
struct Feature {
    contig: String,
    start: u64,
    end: u64,
    strand: Strand,
}

/// A gene or transcript being assembled, and whether its own line was seen (which fixes its span).
struct Draft<T> {
    item: T,
    has_line: bool,
}

#[derive(Default)]
struct Builder {
    genes: Vec<Draft<Gene>>,
    gene_index: HashMap<String, usize>,
    /// Transcripts with the index of their gene.
    transcripts: Vec<(usize, Draft<Transcript>)>,
    transcript_index: HashMap<String, usize>,
}

impl Builder {
    /// The gene `id`, created from this line's columns and attributes when new.
    fn gene(&mut self, id: String, f: &Feature, attribute: &dyn Fn(&str) -> Option<String>) -> usize {
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

    fn gene_line(&mut self, i: usize, f: &Feature) -> std::result::Result<(), ParseError> {
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
    fn transcript(
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

    fn transcript_line(&mut self, i: usize, f: &Feature) -> std::result::Result<(), ParseError> {
        let draft = &mut self.transcripts[i].1;
        if draft.has_line {
            return Err(ParseError::DuplicateId(draft.item.id.clone()));
        }
        draft.has_line = true;
        let t = &mut draft.item;
        (t.contig, t.start, t.end, t.strand) = (f.contig.clone(), f.start, f.end, f.strand);
        Ok(())
    }

    fn exon(&mut self, i: usize, f: &Feature) {
        let draft = &mut self.transcripts[i].1;
        if !draft.has_line {
            let mut span = (draft.item.start, draft.item.end);
            parse::widen(&mut span, f.start, f.end);
            (draft.item.start, draft.item.end) = span;
        }
        draft.item.exons.push(Exon::new(f.start, f.end));
    }

    fn finish(self) -> Vec<Gene> {
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
