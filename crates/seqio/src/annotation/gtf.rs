//! Gene models from GTF (GTF2.2 as Ensembl and GENCODE write it), read with noodles.
//!
//! Features are grouped by their `gene_id` and `transcript_id` attributes. `gene` and `transcript`
//! lines are optional: a gene or transcript seen only through its exons spans them. Names and biotypes
//! come from the feature's own line (`gene`, `transcript`) when it has them, else from the first line
//! that does; tags are merged from all of a transcript's lines.
//!
//! Ids are global: a gene or transcript whose lines disagree on contig or strand, or a transcript id under
//! two genes, is [`ParseError::InconsistentFeature`] naming the id, both places and the lines. UCSC
//! `refGene` GTFs reuse transcript ids on chrX/chrY PAR and alt contigs; drop those contigs (or the
//! duplicates) before reading such a file, as merging them would fetch one contig's exons from another.

use std::io::BufRead;

use noodles::gtf;

mod builder;

use self::builder::{Builder, Described, Feature};
use super::{Gene, parse};
use crate::{
    error::{Error, Location, ParseError, Result},
    io::LineCounter,
};

/// Reads every gene of a GTF stream, in the order the genes first appear.
pub(super) fn read<R: BufRead>(inner: R, name: &str) -> Result<Vec<Gene>> {
    let mut reader = gtf::io::Reader::new(LineCounter::new(inner));
    let mut line = gtf::Line::default();
    let mut records = 0;
    let mut builder = Builder::default();
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
        let Some(record) = line.as_record() else {
            continue; // a comment
        };
        records += 1;
        let at = parse::at(name, line_number, records);
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
            attribute(key).ok_or_else(|| Error::parse(at.clone(), ParseError::MissingAttribute(key.to_owned())))
        };
        let feature =
            Feature { contig: parse::text(record.reference_sequence_name()), start, end, strand, line: line_number };
        let described = |prefix: &str, own_line: bool| Described {
            name: attribute(&format!("{prefix}_name")),
            biotype: attribute(&format!("{prefix}_biotype")).or_else(|| attribute(&format!("{prefix}_type"))),
            own_line,
        };
        let inconsistent = |k| Error::parse(at.clone(), k);
        let gene_id = required("gene_id")?;
        let gene = builder.gene(gene_id, &feature, described("gene", kind == Kind::Gene)).map_err(inconsistent)?;
        if kind == Kind::Gene {
            continue;
        }
        let tags = match attributes.get(b"tag").and_then(|v| v.ok()) {
            Some(values) => values.iter().map(|v| parse::text(v)).collect(),
            None => Vec::new(),
        };
        let id = required("transcript_id")?;
        let own_line = kind == Kind::Transcript;
        let transcript =
            builder.transcript(gene, id, &feature, described("transcript", own_line), tags).map_err(inconsistent)?;
        if kind == Kind::Exon {
            builder.exon(transcript, &feature);
        }
    }
    if records == 0 {
        return Err(Error::parse(Location::file(name), ParseError::EmptyInput));
    }
    Ok(builder.finish())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gene,
    Transcript,
    Exon,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Location,
        annotation::{Exon, Strand, Transcript},
    };

    const GTF: &str = "#!genome-build test\n\
c1\ts\tgene\t100\t900\t.\t-\t.\tgene_id \"g1\"; gene_name \"ONE\"; gene_type \"lncRNA\";\n\
c1\ts\ttranscript\t100\t900\t.\t-\t.\tgene_id \"g1\"; transcript_id \"t1\"; transcript_type \"lncRNA\"; tag \"basic\"; tag \"Ensembl_canonical\";\n\
c1\ts\texon\t800\t900\t.\t-\t.\tgene_id \"g1\"; transcript_id \"t1\";\n\
c1\ts\texon\t100\t150\t.\t-\t.\tgene_id \"g1\"; transcript_id \"t1\";\n\
c1\ts\tCDS\t120\t150\t.\t-\t0\tgene_id \"g1\"; transcript_id \"t1\";\n\
c1\ts\texon\t200\t700\t.\t-\t.\tgene_id \"g1\"; transcript_id \"t2\"; transcript_name \"ONE-202\";\n\
\n\
c2\ts\texon\t50\t60\t.\t+\t.\tgene_id \"g2\"; transcript_id \"t3\"; gene_name \"TWO\"; gene_biotype \"protein_coding\";\n\
c2\ts\texon\t10\t20\t.\t+\t.\tgene_id \"g2\"; transcript_id \"t3\";\n\
c2\ts\texon\t5\t30\t.\t+\t.\tgene_id \"g2\"; transcript_id \"t4\";\n";

    fn error(text: &str) -> Option<(ParseError, Location)> {
        let e = read(text.as_bytes(), "t.gtf").err()?;
        Some((e.kind()?.clone(), e.location()?.clone()))
    }

    #[test]
    fn test_read() -> Result<()> {
        let genes = read(GTF.as_bytes(), "t.gtf")?;
        assert_eq!(genes.len(), 2);
        let g1 = &genes[0];
        assert_eq!((g1.id(), g1.name(), g1.biotype()), ("g1", Some("ONE"), Some("lncRNA")));
        assert_eq!((g1.contig(), g1.start(), g1.end(), g1.tss()), ("c1", 100, 900, 900));
        let ids: Vec<_> = g1.transcripts().iter().map(Transcript::id).collect();
        assert_eq!(ids, ["t1", "t2"]);
        let t1 = &g1.transcripts()[0];
        assert_eq!(t1.exons(), [Exon::new(100, 150), Exon::new(800, 900)]);
        assert_eq!((t1.biotype(), t1.tags()), (Some("lncRNA"), &["basic".to_owned(), CANONICAL.to_owned()][..]));
        assert_eq!((t1.tss(), t1.spliced_length()), (900, 152));
        // Tagged t1 is canonical although t2 is longer (501 bp).
        assert_eq!(g1.canonical_transcript().map(Transcript::id), Some("t1"));
        let t2 = &g1.transcripts()[1];
        assert_eq!((t2.name(), t2.start(), t2.end(), t2.tss()), (Some("ONE-202"), 200, 700, 700));
        // g2 has no gene or transcript lines: spans come from the exons.
        let g2 = &genes[1];
        assert_eq!((g2.name(), g2.biotype()), (Some("TWO"), Some("protein_coding")));
        assert_eq!((g2.start(), g2.end(), g2.strand(), g2.tss()), (5, 60, Strand::Forward, 5));
        let t3 = &g2.transcripts()[0];
        assert_eq!((t3.start(), t3.end(), t3.tss(), t3.spliced_length()), (10, 60, 10, 22));
        // No tag: the longest spliced transcript, t4 (26 bp).
        assert_eq!(g2.canonical_transcript().map(Transcript::id), Some("t4"));
        Ok(())
    }

    const CANONICAL: &str = super::super::gene::CANONICAL_TAG;

    #[test]
    fn test_read_crlf() -> Result<()> {
        let crlf = GTF.replace('\n', "\r\n");
        assert_eq!(read(crlf.as_bytes(), "t.gtf")?, read(GTF.as_bytes(), "t.gtf")?);
        Ok(())
    }

    #[test]
    fn test_read_errors() -> Result<()> {
        let ok = "c\ts\texon\t1\t5\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
        let at = |line| Location::file("t.gtf").at_line(line).at_record(line - 1);
        let end_before_start = format!("#h\n{ok}c\ts\tCDS\t9\t5\t.\t+\t0\tgene_id \"g\";\n");
        let expected = ParseError::EndBeforeStart { start: 9, end: 5 };
        assert_eq!(error(&end_before_start), Some((expected, at(3))));
        let strand = format!("#h\n{ok}{ok}c\ts\texon\t1\t5\t.\tx\t.\tgene_id \"g\"; transcript_id \"t\";\n");
        assert_eq!(error(&strand), Some((ParseError::UnknownStrand("x".into()), at(4))));
        let no_gene_id = "#h\nc\ts\texon\t1\t5\t.\t+\t.\ttranscript_id \"t\";\n";
        assert_eq!(error(no_gene_id), Some((ParseError::MissingAttribute("gene_id".into()), at(2))));
        let no_transcript_id = "#h\nc\ts\texon\t1\t5\t.\t+\t.\tgene_id \"g\";\n";
        let expected = ParseError::MissingAttribute("transcript_id".into());
        assert_eq!(error(no_transcript_id), Some((expected, at(2))));
        let twice = "#h\nc\ts\tgene\t1\t5\t.\t+\t.\tgene_id \"g\";\nc\ts\tgene\t1\t5\t.\t+\t.\tgene_id \"g\";\n";
        assert_eq!(error(twice), Some((ParseError::DuplicateId("g".into()), at(3))));
        let short = "#h\nc\ts\texon\t1\t5\n";
        assert!(matches!(error(short), Some((ParseError::TruncatedRecord, l)) if l == at(2)));
        let not_a_number = "#h\nc\ts\texon\tone\t5\t.\t+\t.\tgene_id \"g\";\n";
        assert!(matches!(error(not_a_number), Some((ParseError::Malformed(_), l)) if l == at(2)));
        let empty = Some((ParseError::EmptyInput, Location::file("t.gtf")));
        assert_eq!(error(""), empty);
        assert_eq!(error("#only a comment\n\n"), empty);
        Ok(())
    }

    #[test]
    fn test_read_garbage() -> Result<()> {
        // Arbitrary bytes must give an error (or models), never a panic.
        let inputs: [&[u8]; 5] = [
            b"\xff\xfe\x00\t\t\t\t\t\t\t\t\n",
            b"c\ts\texon\t1\t18446744073709551616\t.\t+\t.\tgene_id \"g\";\n",
            b"c\ts\texon\t0\t1\t.\t+\t.\tgene_id \"g\";\n",
            b"c\ts\texon\t1\t2\t.\t+\t.\tgene_id \"g\\q\"; transcript_id\n",
            b"\t\t\t\t\t\t\t\t\t\t\t\t\r\n\r\n",
        ];
        for input in inputs {
            let _ = read(input, "fuzz.gtf");
        }
        Ok(())
    }

    #[test]
    fn test_read_line_numbers() -> Result<()> {
        let bad = "c\ts\texon\t9\t5\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
        let expected = ParseError::EndBeforeStart { start: 9, end: 5 };
        for text in [format!("#h\n\n{bad}"), format!("#h\r\n\r\n\r\n{bad}")] {
            let at = Location::file("t.gtf").at_line(text.lines().count() as u64).at_record(1);
            assert_eq!(error(&text), Some((expected.clone(), at)), "{text:?}");
        }
        let at = Location::file("t.gtf").at_line(3).at_record(1);
        assert_eq!(error(&format!("#h\n\n{}", bad.trim_end())), Some((expected, at)));
        Ok(())
    }

    #[test]
    fn test_read_inconsistent() -> Result<()> {
        // UCSC style: one transcript id on chrX and on chrY's PAR copy.
        let x = "chrX\tucsc\texon\t10\t20\t.\t+\t.\tgene_id \"SHOX\"; transcript_id \"NM_1\";\n";
        let y = "chrY\tucsc\texon\t10\t20\t.\t+\t.\tgene_id \"SHOX\"; transcript_id \"NM_1\";\n";
        let reason = "on chrY (+) here, but on chrX (+) at line 2".to_owned();
        let expected = ParseError::InconsistentFeature { id: "SHOX".into(), reason };
        assert_eq!(error(&format!("#h\n{x}{y}")), Some((expected, Location::file("t.gtf").at_line(3).at_record(2))));
        // Another strand, with the gene named on another line than the transcript.
        let minus = x.replace("\t+\t", "\t-\t").replace("SHOX", "G2");
        let gene = "chrX\tucsc\tgene\t1\t90\t.\t-\t.\tgene_id \"SHOX\";\n";
        let e = error(&format!("{x}{minus}{gene}")).map(|e| e.0);
        let reason = "under gene \"G2\" here, but under \"SHOX\" at line 1".to_owned();
        assert_eq!(e, Some(ParseError::InconsistentFeature { id: "NM_1".into(), reason }));
        let e = error(&format!("{x}{gene}")).map(|e| e.0);
        let reason = "on chrX (-) here, but on chrX (+) at line 1".to_owned();
        assert_eq!(e, Some(ParseError::InconsistentFeature { id: "SHOX".into(), reason }));
        Ok(())
    }

    #[test]
    fn test_read_exons_first() -> Result<()> {
        // Position-sorted: exons before their transcript and gene lines, which alone carry the tag,
        // the names and the biotypes.
        let gtf = "c\ts\texon\t1\t10\t.\t+\t.\tgene_id \"g\"; transcript_id \"t1\"; tag \"basic\";\n\
c\ts\texon\t1\t50\t.\t+\t.\tgene_id \"g\"; transcript_id \"t2\"; transcript_name \"exon-name\";\n\
c\ts\tgene\t1\t90\t.\t+\t.\tgene_id \"g\"; gene_name \"G\"; gene_type \"lncRNA\";\n\
c\ts\ttranscript\t1\t10\t.\t+\t.\tgene_id \"g\"; transcript_id \"t1\"; transcript_name \"G-201\"; tag \"Ensembl_canonical\";\n\
c\ts\ttranscript\t1\t50\t.\t+\t.\tgene_id \"g\"; transcript_id \"t2\"; transcript_name \"G-202\";\n";
        let genes = read(gtf.as_bytes(), "t.gtf")?;
        let g = &genes[0];
        assert_eq!((g.name(), g.biotype(), g.end()), (Some("G"), Some("lncRNA"), 90));
        let t1 = &g.transcripts()[0];
        assert_eq!((t1.name(), t1.tags()), (Some("G-201"), &["basic".to_owned(), CANONICAL.to_owned()][..]));
        assert_eq!(g.transcripts()[1].name(), Some("G-202"));
        // The tag on t1's own line wins over t2's length.
        assert_eq!(g.canonical_transcript().map(Transcript::id), Some("t1"));
        Ok(())
    }
}
