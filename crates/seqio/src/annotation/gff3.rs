//! Gene models from GFF3 (Ensembl and GENCODE flavours), read with noodles.
//!
//! Features are linked by `ID` and `Parent`, which may appear in any order (Ensembl lists a block's
//! exons before their gene), so the links are resolved once the whole file is read:
//!
//! - genes are the `gene`, `ncRNA_gene` and `pseudogene` features (an `ID` is required);
//! - transcripts are the features with an `ID` whose `Parent` is a gene, whatever their type (`mRNA`,
//!   `lnc_RNA`, `pseudogenic_transcript`, `V_gene_segment`, …); CDS and UTR features are never
//!   transcripts;
//! - exons are `exon` features, attached to each transcript in their `Parent`. An exon whose parent is
//!   a gene (NCBI RefSeq writes them for pseudogenes and gene segments) belongs to that gene's
//!   *implicit transcript*: its id is the gene's id, it spans those exons and has no name, biotype or
//!   tags. Exons of a feature below a transcript (NCBI's `miRNA` under its `primary_transcript`) are
//!   not kept. A parent that is no feature of the file is [`ParseError::UnknownName`] naming it and
//!   the exon's line;
//! - a transcript on another contig or strand than its gene, or an exon on another than its transcript,
//!   is [`ParseError::InconsistentFeature`] naming the id, both places and the lines.
//!
//! Public ids follow Ensembl: the `gene_id`/`transcript_id` attribute when present, else the `ID` with
//! its `gene:`/`transcript:` prefix stripped. Names come from `Name`, else `gene_name`/`transcript_name`
//! (GENCODE); biotypes from `biotype`, else `gene_biotype`/`gene_type` or `transcript_biotype`/
//! `transcript_type`; tags from the comma-separated `tag` list. Reading stops at a `##FASTA` directive.

use std::io::BufRead;

use noodles::gff::{self, record::Attributes, record::attributes::field::Value};

mod link;

use self::link::{Candidate, Features, PendingExon};
use super::{Exon, Gene, Transcript, parse};
use crate::{
    error::{Error, Location, ParseError, Result},
    io::LineCounter,
};

const GENE_TYPES: &[&[u8]] = &[b"gene", b"ncRNA_gene", b"pseudogene"];
/// Features that have a transcript as parent but are parts of it, not transcripts.
const PART_TYPES: &[&[u8]] =
    &[b"exon", b"CDS", b"five_prime_UTR", b"three_prime_UTR", b"UTR", b"start_codon", b"stop_codon", b"intron"];

/// Reads every gene of a GFF3 stream, in file order.
pub(super) fn read<R: BufRead>(inner: R, name: &str) -> Result<Vec<Gene>> {
    let mut reader = gff::io::Reader::new(LineCounter::new(inner));
    let mut line = gff::Line::default();
    let mut records = 0;
    let mut features = Features::default();
    loop {
        let n = reader.read_line(&mut line).map_err(|e| Error::io(name, e))?;
        if n == 0 {
            break;
        }
        let raw = AsRef::as_ref(&line);
        let raw: &[u8] = raw;
        let line_number = parse::line_number(reader.get_ref().lines(), n, raw.len());
        if raw.is_empty() {
            continue;
        }
        if let Some(directive) = line.as_directive() {
            let key: &[u8] = directive.key();
            if key == b"FASTA" {
                break;
            }
            continue;
        }
        let Some(record) = line.as_record() else {
            continue; // a comment
        };
        records += 1;
        let at = parse::at(name, line_number, records);
        let record = record.map_err(parse::noodles(&at))?;
        let (start, end) = parse::span(&at, record.start(), record.end())?;
        let strand = parse::strand(&at, record.strand(), raw)?;
        let attributes = record.attributes();
        for field in attributes.iter() {
            field.map_err(parse::noodles(&at))?;
        }
        let ty = record.ty();
        let ty: &[u8] = &ty;
        let values = |key: &str| values(&attributes, key);
        let first = |key: &str| values(key).into_iter().next();
        let contig = parse::text(&record.reference_sequence_name());
        if GENE_TYPES.contains(&ty) {
            let raw_id = first("ID").ok_or_else(|| missing(&at, "ID"))?;
            let id = first("gene_id").unwrap_or_else(|| strip(&raw_id, "gene:"));
            let gene = Gene {
                id,
                name: first("Name").or_else(|| first("gene_name")),
                biotype: first("biotype").or_else(|| first("gene_biotype")).or_else(|| first("gene_type")),
                contig,
                start,
                end,
                strand,
                transcripts: Vec::new(),
                canonical: None,
            };
            features.add_gene(raw_id, gene, &at)?;
        } else if ty == b"exon" {
            let parents = values("Parent");
            if parents.is_empty() {
                return Err(missing(&at, "Parent"));
            }
            features.exons.push(PendingExon { parents, exon: Exon::new(start, end), contig, strand, line: at });
        } else if let (Some(raw_id), false) = (first("ID"), PART_TYPES.contains(&ty)) {
            let parents = values("Parent");
            if parents.is_empty() {
                continue; // no parent, no transcript: `chromosome`, `biological_region`, …
            }
            let transcript = Transcript {
                id: first("transcript_id").unwrap_or_else(|| strip(&raw_id, "transcript:")),
                name: first("Name").or_else(|| first("transcript_name")),
                biotype: first("biotype").or_else(|| first("transcript_biotype")).or_else(|| first("transcript_type")),
                strand,
                contig,
                start,
                end,
                exons: Vec::new(),
                tags: values("tag"),
            };
            features.candidates.push(Candidate { raw_id, parents, transcript, line: at });
        }
    }
    if records == 0 {
        return Err(Error::parse(Location::file(name), ParseError::EmptyInput));
    }
    features.link()
}

/// All values of an attribute (one, or a comma-separated list), decoded; empty when absent. Attribute
/// syntax errors were reported before this is called.
fn values(attributes: &Attributes<'_>, key: &str) -> Vec<String> {
    match attributes.get(key.as_bytes()) {
        Some(Ok(Value::String(s))) => vec![parse::text(&s)],
        Some(Ok(Value::Array(array))) => array.iter().map(|v| parse::text(&v)).collect(),
        _ => Vec::new(),
    }
}

fn strip(raw_id: &str, prefix: &str) -> String {
    raw_id.strip_prefix(prefix).unwrap_or(raw_id).to_owned()
}

fn missing(at: &Location, key: &str) -> Error {
    Error::parse(at.clone(), ParseError::MissingAttribute(key.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Strand;

    // Ensembl order within a block: exons before their transcript and gene.
    const GFF3: &str = "##gff-version 3\n\
c\tens\tregion\t1\t1000\t.\t.\t.\tID=region:c\n\
c\tens\texon\t10\t20\t.\t-\t.\tParent=transcript:T1;Name=E1\n\
c\tens\texon\t40\t90\t.\t-\t.\tParent=transcript:T1,transcript:T2\n\
c\tens\tCDS\t40\t60\t.\t-\t0\tID=CDS:P1;Parent=transcript:T1\n\
c\tens\tgene\t10\t90\t.\t-\t.\tID=gene:G1;Name=ORF;biotype=protein_coding;gene_id=G1\n\
c\tens\tmRNA\t10\t90\t.\t-\t.\tID=transcript:T1;Parent=gene:G1;Name=ORF-201;biotype=protein_coding;tag=basic\n\
c\tens\tlnc_RNA\t40\t90\t.\t-\t.\tID=transcript:T2;Parent=gene:G1;tag=basic,Ensembl_canonical\n\
###\n\
c\tens\tncRNA_gene\t100\t200\t.\t+\t.\tID=gene:G2;Name=ORF\n\
c\tens\tbiological_region\t150\t160\t.\t+\t.\tlogic_name=cpg\n\
##FASTA\n\
>c\n\
ACGT\n";

    fn error(text: &str) -> Option<(ParseError, Location)> {
        let e = read(text.as_bytes(), "t.gff3").err()?;
        Some((e.kind()?.clone(), e.location()?.clone()))
    }

    #[test]
    fn test_read() -> Result<()> {
        let genes = read(GFF3.as_bytes(), "t.gff3")?;
        assert_eq!(genes.len(), 2);
        let g1 = &genes[0];
        assert_eq!((g1.id(), g1.name(), g1.biotype()), ("G1", Some("ORF"), Some("protein_coding")));
        assert_eq!((g1.strand(), g1.tss()), (Strand::Reverse, 90));
        let t1 = &g1.transcripts()[0];
        assert_eq!((t1.id(), t1.name(), t1.tags()), ("T1", Some("ORF-201"), &["basic".to_owned()][..]));
        assert_eq!(t1.exons(), [Exon::new(10, 20), Exon::new(40, 90)]);
        let t2 = &g1.transcripts()[1];
        assert_eq!((t2.id(), t2.exons().len(), t2.tss()), ("T2", 1, 90));
        // T2 is tagged canonical, although T1 is longer.
        assert_eq!(g1.canonical_transcript().map(Transcript::id), Some("T2"));
        let g2 = &genes[1];
        assert_eq!((g2.id(), g2.name(), g2.tss(), g2.transcripts().len()), ("G2", Some("ORF"), 100, 0));
        assert!(g2.canonical_transcript().is_none());
        Ok(())
    }

    #[test]
    fn test_read_crlf() -> Result<()> {
        let crlf = GFF3.replace('\n', "\r\n");
        assert_eq!(read(crlf.as_bytes(), "t.gff3")?, read(GFF3.as_bytes(), "t.gff3")?);
        Ok(())
    }

    #[test]
    fn test_read_errors() -> Result<()> {
        let gene = "c\ts\tgene\t1\t9\t.\t+\t.\tID=gene:G\n";
        let at = |line| Location::file("t.gff3").at_line(line).at_record(line - 1);
        let orphan = format!("##gff-version 3\n{gene}c\ts\texon\t1\t9\t.\t+\t.\tParent=transcript:X\n");
        assert_eq!(error(&orphan), Some((ParseError::UnknownName("transcript:X".into()), at(3))));
        let backwards = format!("##gff-version 3\n{gene}c\ts\texon\t9\t1\t.\t+\t.\tParent=gene:G\n");
        assert_eq!(error(&backwards), Some((ParseError::EndBeforeStart { start: 9, end: 1 }, at(3))));
        let strand = format!("##gff-version 3\n{gene}c\ts\tCDS\t1\t9\t.\t*\t0\tID=x\n");
        assert_eq!(error(&strand), Some((ParseError::UnknownStrand("*".into()), at(3))));
        let no_id = "##gff-version 3\nc\ts\tgene\t1\t9\t.\t+\t.\tName=A\n";
        assert_eq!(error(no_id), Some((ParseError::MissingAttribute("ID".into()), at(2))));
        let twice = format!("##gff-version 3\n{gene}{gene}");
        assert_eq!(error(&twice), Some((ParseError::DuplicateId("G".into()), at(3))));
        let bad_attributes = format!("##gff-version 3\n{gene}c\ts\tCDS\t1\t9\t.\t+\t0\tnoequals\n");
        assert!(matches!(error(&bad_attributes), Some((ParseError::Malformed(_), l)) if l == at(3)));
        let empty = Some((ParseError::EmptyInput, Location::file("t.gff3")));
        assert_eq!(error("##gff-version 3\n"), empty);
        Ok(())
    }

    #[test]
    fn test_read_line_numbers() -> Result<()> {
        // noodles skips blank lines itself; the line must still be the file's.
        let bad = "c\ts\tgene\t1\t9\t.\t+\t.\tName=A\n";
        for text in [format!("##gff-version 3\n\n{bad}"), format!("##gff-version 3\r\n \t\r\n\r\n{bad}")] {
            let expected = Location::file("t.gff3").at_line(text.lines().count() as u64).at_record(1);
            assert_eq!(error(&text), Some((ParseError::MissingAttribute("ID".into()), expected)), "{text:?}");
        }
        // A last line without a line feed.
        let expected = Location::file("t.gff3").at_line(3).at_record(1);
        assert_eq!(error(&format!("#c\n\n{}", bad.trim_end())).map(|e| e.1), Some(expected));
        Ok(())
    }

    #[test]
    fn test_read_ncbi() -> Result<()> {
        // NCBI RefSeq: a pseudogene's exons sit directly under the gene; a miRNA under its
        // primary_transcript has exons of its own.
        let gff = "##gff-version 3\n\
NC_1\tRefSeq\tregion\t1\t9000\t.\t+\t.\tID=NC_1:1..9000\n\
NC_1\tBestRefSeq\tpseudogene\t100\t900\t.\t-\t.\tID=gene-P1;Name=P1;gene_biotype=pseudogene\n\
NC_1\tBestRefSeq\texon\t700\t900\t.\t-\t.\tID=id-P1;Parent=gene-P1\n\
NC_1\tBestRefSeq\texon\t200\t300\t.\t-\t.\tID=id-P1-2;Parent=gene-P1\n\
NC_1\tBestRefSeq\tgene\t1000\t1100\t.\t+\t.\tID=gene-MIR1;Name=MIR1\n\
NC_1\tBestRefSeq\tprimary_transcript\t1000\t1100\t.\t+\t.\tID=rna-NR_1.1;Parent=gene-MIR1\n\
NC_1\tBestRefSeq\texon\t1000\t1100\t.\t+\t.\tID=exon-NR_1.1-1;Parent=rna-NR_1.1\n\
NC_1\tBestRefSeq\tmiRNA\t1040\t1060\t.\t+\t.\tID=rna-MIR1;Parent=rna-NR_1.1\n\
NC_1\tBestRefSeq\texon\t1040\t1060\t.\t+\t.\tID=exon-MIR1-1;Parent=rna-MIR1\n";
        let genes = read(gff.as_bytes(), "t.gff3")?;
        let p1 = &genes[0];
        assert_eq!((p1.id(), p1.transcripts().len()), ("gene-P1", 1));
        let implicit = &p1.transcripts()[0];
        assert_eq!((implicit.id(), implicit.start(), implicit.end(), implicit.tss()), ("gene-P1", 200, 900, 900));
        assert_eq!(implicit.exons(), [Exon::new(200, 300), Exon::new(700, 900)]);
        assert_eq!(p1.canonical_transcript().map(Transcript::id), Some("gene-P1"));
        let mir1 = &genes[1].transcripts()[0];
        assert_eq!((mir1.id(), mir1.exons()), ("rna-NR_1.1", &[Exon::new(1000, 1100)][..]));
        Ok(())
    }

    #[test]
    fn test_read_inconsistent() -> Result<()> {
        let head = "##gff-version 3\nX\ts\tgene\t1\t90\t.\t+\t.\tID=gene-S\n";
        let at = |line| Location::file("t.gff3").at_line(line).at_record(line - 1);
        let reason = |s: &str| s.to_owned();
        let mrna = "Y\ts\tmRNA\t1\t90\t.\t+\t.\tID=rna-1;Parent=gene-S\n";
        let expected = ParseError::InconsistentFeature {
            id: "rna-1".into(),
            reason: reason("on Y (+) here, but on X (+) at line 2"),
        };
        assert_eq!(error(&format!("{head}{mrna}")), Some((expected, at(3))));
        let mrna = mrna.replace("Y\t", "X\t");
        let exon = "X\ts\texon\t1\t9\t.\t-\t.\tParent=rna-1\n";
        let expected = ParseError::InconsistentFeature {
            id: "rna-1".into(),
            reason: reason("on X (-) here, but on X (+) at line 3"),
        };
        assert_eq!(error(&format!("{head}{mrna}{exon}")), Some((expected, at(4))));
        let exon = "Y\ts\texon\t1\t9\t.\t+\t.\tParent=gene-S\n";
        let expected = ParseError::InconsistentFeature {
            id: "gene-S".into(),
            reason: reason("on Y (+) here, but on X (+) at line 2"),
        };
        assert_eq!(error(&format!("{head}{exon}")), Some((expected, at(3))));
        Ok(())
    }
}
