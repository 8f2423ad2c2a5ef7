//! The synthetic genome: random contigs, one two-exon gene per cohort gene, and [`MOTIF`] planted in the
//! promoters of the up-regulated genes only (layout in [`super`]).

use std::fmt::Write as _;

use gptomics_seqio::extract::reverse_complement;
use gptomics_train::rng::SplitMix64;

use super::{DemoCohort, DemoGenome, DemoOptions, MOTIF, Organism};

/// Contigs per genome: enough to exercise multi-contig code, few enough to read.
const CONTIGS: usize = 4;
/// Intergenic gaps, `[low, high)`: at least 1 kb, so every promoter window lies in its own gap.
const GAP: (usize, usize) = (1000, 2500);
/// Exon 1, intron and exon 2 lengths, `[low, high)`: transcripts of ~0.7–1.8 kb spliced.
const EXON1: (usize, usize) = (200, 600);
const INTRON: (usize, usize) = (300, 1500);
const EXON2: (usize, usize) = (500, 1200);
/// Planted motif copies lie wholly within these transcription coordinates (TSS = 0), inclusive.
const MOTIF_REGION: (i64, i64) = (-200, 50);
/// FASTA line width, as Ensembl writes genomes.
const FASTA_WIDTH: usize = 60;

/// A gene's place on its contig, 0-based half-open genomic coordinates.
struct Locus {
    gene: usize,
    start: usize,
    exon1: usize,
    intron: usize,
    exon2: usize,
    forward: bool,
}

impl Locus {
    fn end(&self) -> usize {
        self.start + self.exon1 + self.intron + self.exon2
    }

    /// The TSS, 0-based: the first transcribed base.
    fn tss(&self) -> usize {
        if self.forward { self.start } else { self.end() - 1 }
    }

    /// The exons in transcription order (exon 1 first), half-open.
    fn exons(&self) -> [(usize, usize); 2] {
        let end = self.end();
        if self.forward {
            [(self.start, self.start + self.exon1), (end - self.exon2, end)]
        } else {
            [(end - self.exon1, end), (self.start, self.start + self.exon2)]
        }
    }
}

/// Builds the genome and annotation of `cohort`; see the [module documentation](super).
pub fn genome(cohort: &DemoCohort, options: &DemoOptions) -> DemoGenome {
    let mut rng = SplitMix64::new(SplitMix64::derive(options.seed, 100 + cohort.organism as u64));
    let n_genes = cohort.gene_ids.len();
    let mut has_motif = vec![false; n_genes];
    for &g in &cohort.motif_genes {
        if let Some(flag) = has_motif.get_mut(g) {
            *flag = true;
        }
    }
    // Genes are scattered over the contigs, as Ensembl ids are unrelated to position.
    let mut order: Vec<usize> = (0..n_genes).collect();
    rng.shuffle(&mut order);
    let (mut fasta, mut gtf) = (Vec::new(), format!("#!genome-build gptomics-demo-{}\n", cohort.name));
    for c in 0..CONTIGS {
        let contig = match cohort.organism {
            Organism::Mouse => format!("chr{}", c + 1),
            Organism::Zebrafish => (c + 1).to_string(),
        };
        let mut loci = Vec::new();
        let mut position = 0;
        for &gene in &order[c * n_genes / CONTIGS..(c + 1) * n_genes / CONTIGS] {
            let start = position + draw(&mut rng, GAP);
            let (exon1, intron, exon2) = (draw(&mut rng, EXON1), draw(&mut rng, INTRON), draw(&mut rng, EXON2));
            let locus = Locus { gene, start, exon1, intron, exon2, forward: rng.below(2) == 0 };
            position = locus.end();
            loci.push(locus);
        }
        let mut sequence: Vec<u8> = (0..position + draw(&mut rng, GAP)).map(|_| base(&mut rng)).collect();
        let mut sites = Vec::new();
        for locus in loci.iter().filter(|l| has_motif[l.gene]) {
            sites.extend(plant(&mut sequence, locus, &mut rng));
        }
        sites.sort_unstable();
        scrub(&mut sequence, &sites, &mut rng);
        write_fasta(&mut fasta, &contig, &sequence);
        for locus in &loci {
            write_gtf(&mut gtf, &contig, locus, cohort);
        }
    }
    DemoGenome { fasta, gtf }
}

/// A uniform draw in `[low, high)`.
fn draw(rng: &mut SplitMix64, (low, high): (usize, usize)) -> usize {
    low + rng.below(high - low)
}

/// A random base, 42 % GC (the mouse and zebrafish genome-wide average is 40–42 %).
fn base(rng: &mut SplitMix64) -> u8 {
    match rng.below(100) {
        0..29 => b'A',
        29..58 => b'T',
        58..79 => b'G',
        _ => b'C',
    }
}

/// Writes one or two copies of the motif near `locus`'s TSS, in its orientation, and returns their
/// genomic starts with whether they were written forward. Two copies are at least one base apart, so
/// that no occurrence can be made of planted bases alone.
fn plant(sequence: &mut [u8], locus: &Locus, rng: &mut SplitMix64) -> Vec<(usize, bool)> {
    let length = MOTIF.len() as i64;
    let span = (MOTIF_REGION.1 - length + 1 - MOTIF_REGION.0 + 1) as usize;
    let first = MOTIF_REGION.0 + rng.below(span) as i64;
    let mut offsets = vec![first];
    if rng.below(2) == 1 {
        let second = loop {
            let offset = MOTIF_REGION.0 + rng.below(span) as i64;
            if (offset - first).abs() > length {
                break offset;
            }
        };
        offsets.push(second);
    }
    let (tss, motif) = (locus.tss() as i64, if locus.forward { MOTIF.to_vec() } else { reverse_complement(MOTIF) });
    offsets
        .into_iter()
        .map(|offset| {
            // Transcription offsets [offset, offset + len) are genomic [tss - offset - len + 1, tss - offset]
            // on the minus strand; the 1 kb gap keeps both inside the contig.
            let start = (if locus.forward { tss + offset } else { tss - offset - length + 1 }) as usize;
            sequence[start..start + MOTIF.len()].copy_from_slice(&motif);
            (start, locus.forward)
        })
        .collect()
}

/// Redraws random bases until the motif occurs, on either strand, only at the planted `sites` (sorted).
fn scrub(sequence: &mut [u8], sites: &[(usize, bool)], rng: &mut SplitMix64) {
    let reverse = reverse_complement(MOTIF);
    let protected = |p: usize| {
        let i = sites.partition_point(|&(start, _)| start <= p);
        i > 0 && p < sites[i - 1].0 + MOTIF.len()
    };
    loop {
        let mut redrawn = false;
        for i in 0..(sequence.len() + 1).saturating_sub(MOTIF.len()) {
            let window = &sequence[i..i + MOTIF.len()];
            let forward = window == MOTIF;
            if !forward && window != reverse.as_slice() {
                continue;
            }
            if sites.binary_search(&(i, forward)).is_ok() {
                continue;
            }
            for p in (i..i + MOTIF.len()).filter(|&p| !protected(p)) {
                sequence[p] = base(rng);
                redrawn = true;
            }
        }
        if !redrawn {
            return;
        }
    }
}

fn write_fasta(fasta: &mut Vec<u8>, name: &str, sequence: &[u8]) {
    fasta.extend_from_slice(format!(">{name}\n").as_bytes());
    for line in sequence.chunks(FASTA_WIDTH) {
        fasta.extend_from_slice(line);
        fasta.push(b'\n');
    }
}

/// Ensembl-style `gene`, `transcript` and `exon` lines (1-based inclusive coordinates).
fn write_gtf(gtf: &mut String, contig: &str, locus: &Locus, cohort: &DemoCohort) {
    let id = cohort.gene_ids.get(locus.gene).map_or("", String::as_str);
    let name = cohort.gene_names.get(locus.gene).map_or(id, String::as_str);
    let transcript = transcript_id(id);
    let strand = if locus.forward { '+' } else { '-' };
    let gene_attributes = format!("gene_id \"{id}\"; gene_name \"{name}\"; gene_biotype \"protein_coding\";");
    let transcript_attributes = format!(
        "gene_id \"{id}\"; transcript_id \"{transcript}\"; gene_name \"{name}\"; gene_biotype \"protein_coding\"; \
         transcript_biotype \"protein_coding\";"
    );
    let mut line = |feature: &str, (start, end): (usize, usize), attributes: &str| {
        // Writing to a String cannot fail.
        let _ = writeln!(gtf, "{contig}\tgptomics\t{feature}\t{}\t{end}\t.\t{strand}\t.\t{attributes}", start + 1);
    };
    line("gene", (locus.start, locus.end()), &gene_attributes);
    line("transcript", (locus.start, locus.end()), &transcript_attributes);
    for (i, exon) in locus.exons().into_iter().enumerate() {
        line("exon", exon, &format!("{transcript_attributes} exon_number \"{}\";", i + 1));
    }
}

/// The transcript id of a gene, Ensembl style: `SIMMUSG…01` → `SIMMUST…01`, else `<gene>-T1`.
fn transcript_id(gene: &str) -> String {
    let digits = gene.find(|c: char| c.is_ascii_digit()).unwrap_or(gene.len());
    match gene[..digits].strip_suffix('G') {
        Some(prefix) if digits < gene.len() => format!("{prefix}T{}", &gene[digits..]),
        _ => format!("{gene}-T1"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_transcript_id() {
        assert_eq!(transcript_id("SIMMUSG00000000001"), "SIMMUST00000000001");
        assert_eq!(transcript_id("gene7"), "gene7-T1");
        assert_eq!(transcript_id("G"), "G-T1");
    }

    #[test]
    fn test_scrub_keeps_only_planted_sites() {
        let mut rng = SplitMix64::new(5);
        let mut sequence = [b"AC".as_slice(), MOTIF, b"G", MOTIF, b"T", &reverse_complement(MOTIF), b"A"].concat();
        let sites = [(2, true), (18, true)];
        scrub(&mut sequence, &sites, &mut rng);
        assert_eq!(&sequence[2..17], MOTIF);
        assert_eq!(&sequence[18..33], MOTIF);
        assert_ne!(&sequence[34..49], reverse_complement(MOTIF).as_slice());
    }
}
