//! Gene models and extraction on real Ensembl and GENCODE files (from the shared reference data; the
//! tests skip when it is absent).

use gptomics_testdata as common;

use std::{collections::HashMap, path::Path};

use gptomics_seqio::{
    annotation::{Gene, GeneModels, Strand},
    extract::{self, EdgePolicy, InMemoryGenome, Window},
    fasta,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn load_genome(path: &Path) -> Result<InMemoryGenome, Box<dyn std::error::Error>> {
    let mut reader = fasta::Reader::from_path(path)?;
    let mut genome = InMemoryGenome::new();
    for result in reader.records() {
        let record = result?;
        genome.insert(record.name(), record.sequence().to_vec());
    }
    Ok(genome)
}

fn gene<'a>(models: &'a GeneModels, id: &str) -> Result<&'a Gene, String> {
    models.get(id).ok_or_else(|| format!("gene {id} missing"))
}

#[test]
fn test_sars_cov_2() -> TestResult {
    let Some(gff) = common::data_file("genomes/sars_cov_2.gff3.gz") else {
        return Ok(());
    };
    let Some(fa) = common::data_file("genomes/sars_cov_2.fa") else {
        return Ok(());
    };
    let models = GeneModels::from_path(&gff)?;
    assert_eq!(models.len(), 12);
    // Two ORF1ab genes (ORF1a and ORF1ab polyproteins), told apart by id.
    let orf1ab = models.by_name("ORF1ab");
    let ids: Vec<_> = orf1ab.iter().map(|g| g.id()).collect();
    assert_eq!(ids, ["ENSSASG00005000003", "ENSSASG00005000002"]);
    assert_eq!((orf1ab[0].end(), orf1ab[1].end()), (13483, 21555));

    let s = models.by_name("S");
    assert_eq!(s.len(), 1);
    let s = s[0];
    assert_eq!((s.contig(), s.start(), s.end(), s.strand()), ("MN908947.3", 21563, 25384, Strand::Forward));
    let canonical = s.canonical_transcript().ok_or("S has a transcript")?;
    assert_eq!(canonical.id(), "ENSSAST00005000004");

    let mut genome = load_genome(&fa)?;
    let body = extract::gene_body(&mut genome, s)?;
    assert_eq!(body.len(), 3822);
    assert!(body.starts_with(b"ATGTTTGTTTTTCTTGTTTTATTGCCACTAGTCTCTAGTCAGTGTGTT"));
    assert!(body.ends_with(b"TAA"));
    // One exon: the spliced transcript is the gene body.
    assert_eq!(extract::spliced_transcript(&mut genome, canonical)?, body);
    // The same through the FASTA index, without loading the genome.
    let mut indexed = fasta::IndexedReader::from_path(&fa)?;
    assert_eq!(extract::gene_body(&mut indexed, s)?, body);
    let window = Window { upstream: 1000, downstream: 500, edge: EdgePolicy::PadN };
    for gene in models.genes() {
        assert_eq!(extract::promoter(&mut indexed, gene, &window)?, extract::promoter(&mut genome, gene, &window)?);
    }
    Ok(())
}

#[test]
fn test_ensembl_gtf_matches_gff3() -> TestResult {
    let Some(gtf) = common::data_file("annotation/ensembl_chr21.gtf.gz") else {
        return Ok(());
    };
    let Some(gff) = common::data_file("annotation/ensembl_chr21.gff3.gz") else {
        return Ok(());
    };
    let from_gtf = GeneModels::from_path(&gtf)?;
    let from_gff = GeneModels::from_path(&gff)?;
    // zcat ensembl_chr21.gff3.gz | awk -F'\t' '$3 ~ /^(gene|ncRNA_gene|pseudogene)$/' | wc -l  → 898
    assert_eq!(from_gff.len(), 898);
    // zcat ensembl_chr21.gtf.gz | awk -F'\t' '$3 == "gene"' | wc -l  → 258
    assert_eq!(from_gtf.len(), 258);

    let (mut shared, mut shared_canonical) = (0, 0);
    for g in &from_gtf {
        let Some(other) = from_gff.get(g.id()) else {
            continue;
        };
        shared += 1;
        assert_eq!((g.strand(), g.tss(), g.contig()), (other.strand(), other.tss(), other.contig()), "{}", g.id());
        assert_eq!(
            (g.start(), g.end(), g.name(), g.biotype()),
            (other.start(), other.end(), other.name(), other.biotype())
        );
        let Some(canonical) = other.canonical_transcript() else {
            continue;
        };
        let in_gtf: HashMap<_, _> = g.transcripts().iter().map(|t| (t.id(), t)).collect();
        let Some(same) = in_gtf.get(canonical.id()) else {
            continue;
        };
        shared_canonical += 1;
        let mine = g.canonical_transcript().ok_or("GTF gene has transcripts")?;
        assert_eq!((mine.id(), mine.tss()), (canonical.id(), canonical.tss()), "{}", g.id());
        assert_eq!(same.exons(), canonical.exons(), "{}", canonical.id());
    }
    // Counted in the shell: (id, strand, 5' end) of every gene in each file, joined.
    //   zcat ensembl_chr21.gtf.gz | awk -F'\t' '$3=="gene"{match($9,/gene_id "[^"]+"/);
    //     print substr($9,RSTART+9,RLENGTH-10)"\t"$7"\t"($7=="-"?$5:$4)}' | sort > gtf.txt
    //   zcat ensembl_chr21.gff3.gz | awk -F'\t' '$3~/^(gene|ncRNA_gene|pseudogene)$/{match($9,/gene_id=[^;]+/);
    //     print substr($9,RSTART+8,RLENGTH-8)"\t"$7"\t"($7=="-"?$5:$4)}' | sort > gff.txt
    //   join -t$'\t' gtf.txt gff.txt | awk -F'\t' '$2==$4 && $3==$5' | wc -l   → 258
    // and the same for `Ensembl_canonical` transcript ids (comm -12 of both lists) → 258.
    assert!(shared >= 258, "{shared} shared genes");
    assert!(shared_canonical >= 258, "{shared_canonical} shared canonical transcripts");

    // A minus-strand spot check: URB1, whose 5' end is its gene end.
    for models in [&from_gtf, &from_gff] {
        let urb1 = gene(models, "ENSG00000142207")?;
        assert_eq!((urb1.name(), urb1.strand(), urb1.tss()), (Some("URB1"), Strand::Reverse, 32393012));
        let canonical = urb1.canonical_transcript().ok_or("URB1 has transcripts")?;
        assert_eq!((canonical.id(), canonical.tss()), ("ENST00000382751", 32393012));
    }
    Ok(())
}

#[test]
fn test_gencode_gff3() -> TestResult {
    let Some(gff) = common::data_file("genomes/gencode.v45.first-few.gff3.gz") else {
        return Ok(());
    };
    let Some(fa) = common::data_file("genomes/hg38.chr1.f100k.fa") else {
        return Ok(());
    };
    let models = GeneModels::from_gff3_path(&gff)?;
    let ids: Vec<_> = models.iter().map(Gene::id).collect();
    assert_eq!(ids, ["ENSG00000290825.1", "ENSG00000223972.6"]);
    let ddx11l2 = gene(&models, "ENSG00000290825.1")?;
    assert_eq!((ddx11l2.name(), ddx11l2.biotype()), (Some("DDX11L2"), Some("lncRNA")));
    let canonical = ddx11l2.canonical_transcript().ok_or("DDX11L2 has a transcript")?;
    assert_eq!((canonical.id(), canonical.name()), ("ENST00000456328.2", Some("DDX11L2-202")));
    assert_eq!((canonical.exons().len(), canonical.spliced_length()), (3, 359 + 109 + 1189));
    let ddx11l1 = gene(&models, "ENSG00000223972.6")?;
    assert_eq!(ddx11l1.biotype(), Some("transcribed_unprocessed_pseudogene"));
    assert_eq!(ddx11l1.transcripts()[0].exons().len(), 6);

    // Its promoter on the first 100 kb of chr1: 10 bp, the TSS (11,869), 10 bp.
    let mut genome = load_genome(&fa)?;
    let window = Window::new(10, 10, EdgePolicy::Clip);
    assert_eq!(extract::promoter(&mut genome, ddx11l2, &window)?, b"TTTTCTTTTCGTTAACTTGCC");
    Ok(())
}
