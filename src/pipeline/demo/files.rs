//! Saving a demo cohort as the files a user would download from GEO and Ensembl.

use std::{fmt::Write as _, fs, io, path::Path};

use super::{DemoCohort, DemoFiles, DemoGenome};

/// Writes `counts.csv`, `metadata.csv`, `genome.fa` and `genes.gtf` into `dir` (created if missing).
///
/// Each file is written to `<name>.tmp` and renamed into place, so a reader never sees half a file. A
/// cohort whose counts do not match its genes and samples is [`io::ErrorKind::InvalidInput`].
pub fn write(cohort: &DemoCohort, genome: &DemoGenome, dir: &Path) -> io::Result<DemoFiles> {
    let counts = counts_csv(cohort)?;
    fs::create_dir_all(dir)?;
    let files = DemoFiles {
        counts: dir.join("counts.csv"),
        metadata: dir.join("metadata.csv"),
        genome: dir.join("genome.fa"),
        gtf: dir.join("genes.gtf"),
    };
    write_atomically(&files.counts, counts.as_bytes())?;
    write_atomically(&files.metadata, metadata_csv(cohort).as_bytes())?;
    write_atomically(&files.genome, &genome.fasta)?;
    write_atomically(&files.gtf, genome.gtf.as_bytes())?;
    Ok(files)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    gptomics_train::io::write_atomic(path, bytes).map_err(io::Error::other)
}

/// GEO style: `ID,<samples…>,Gene.name`, one row per gene.
fn counts_csv(cohort: &DemoCohort) -> io::Result<String> {
    let (n_genes, n_samples) = (cohort.gene_ids.len(), cohort.samples.len());
    if n_samples == 0 || cohort.counts.len() != n_genes * n_samples || cohort.gene_names.len() != n_genes {
        let message = format!(
            "cohort {}: {} counts for {n_genes} genes ({} names) x {n_samples} samples",
            cohort.name,
            cohort.counts.len(),
            cohort.gene_names.len()
        );
        return Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    }
    let mut csv = String::from("ID");
    for sample in &cohort.samples {
        csv.push(',');
        csv.push_str(&field(sample));
    }
    csv.push_str(",Gene.name\n");
    for ((id, name), row) in cohort.gene_ids.iter().zip(&cohort.gene_names).zip(cohort.counts.chunks(n_samples)) {
        csv.push_str(&field(id));
        for count in row {
            // Writing to a String cannot fail.
            let _ = write!(csv, ",{count}");
        }
        let _ = writeln!(csv, ",{}", field(name));
    }
    Ok(csv)
}

/// `sample,condition,replicate`, the replicate numbered within its condition.
fn metadata_csv(cohort: &DemoCohort) -> String {
    let mut csv = String::from("sample,condition,replicate\n");
    for (i, (sample, condition)) in cohort.samples.iter().zip(&cohort.conditions).enumerate() {
        let replicate = cohort.conditions[..=i].iter().filter(|c| *c == condition).count();
        let _ = writeln!(csv, "{},{},{replicate}", field(sample), field(condition));
    }
    csv
}

/// A CSV field, quoted only when it must be (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use gptomics_seqio::{
        annotation::GeneModels,
        counts::{CountTable, CountTableOptions},
        extract::{self, EdgePolicy, InMemoryGenome, Window},
        fasta,
        samples::{SampleSheet, SampleSheetOptions},
    };

    use super::super::{DemoOptions, MOTIF, Organism, cohort, genome};
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn written(organism: Organism, options: &DemoOptions) -> io::Result<(DemoCohort, tempfile::TempDir, DemoFiles)> {
        let cohort = cohort(organism, options);
        let genome = genome(&cohort, options);
        let dir = tempfile::tempdir()?;
        let files = write(&cohort, &genome, &dir.path().join("demo"))?;
        Ok((cohort, dir, files))
    }

    #[test]
    fn test_write_is_deterministic() -> TestResult {
        let options = DemoOptions { genes: 300, ..DemoOptions::default() };
        let (_, _a, first) = written(Organism::Zebrafish, &options)?;
        let (_, _b, second) = written(Organism::Zebrafish, &options)?;
        for (x, y) in [(&first.counts, &second.counts), (&first.genome, &second.genome), (&first.gtf, &second.gtf)] {
            assert_eq!(fs::read(x)?, fs::read(y)?, "{}", x.display());
        }
        assert!(!first.counts.with_extension("csv.tmp").exists());
        Ok(())
    }

    #[test]
    fn test_write_tables_read_back() -> TestResult {
        let (cohort, _dir, files) = written(Organism::Mouse, &DemoOptions { genes: 300, ..DemoOptions::default() })?;
        let options = CountTableOptions::default().annotation_column("Gene.name");
        let table = CountTable::from_path(&files.counts, &options)?;
        assert_eq!((table.genes(), table.samples()), (&cohort.gene_ids[..], &cohort.samples[..]));
        assert_eq!(table.counts(), cohort.counts);
        assert_eq!(table.annotation("Gene.name"), Some(&cohort.gene_names[..]));
        let sheet = SampleSheet::from_path(&files.metadata, &SampleSheetOptions::default())?;
        assert_eq!(sheet.samples(), cohort.samples);
        assert_eq!(sheet.column("condition"), Some(&cohort.conditions[..]));
        assert_eq!(sheet.get("EPI_KD_5", "replicate"), Some("5"));
        Ok(())
    }

    #[test]
    fn test_motif_only_in_motif_gene_promoters() -> TestResult {
        for organism in [Organism::Mouse, Organism::Zebrafish] {
            let (cohort, _dir, files) = written(organism, &DemoOptions::default())?;
            let models = GeneModels::from_gtf_path(&files.gtf)?;
            assert_eq!(models.len(), cohort.gene_ids.len());
            let text = fs::read(&files.genome)?;
            assert!(text.split(|&b| b == b'\n').all(|line| line.len() <= 60));
            let mut records = Vec::new();
            for record in fasta::Reader::new(&text[..]).records() {
                let record = record?;
                records.push((record.name().to_string(), record.sequence().to_vec()));
            }
            assert_eq!(records.len(), 4);
            let occurrences: usize = records.iter().map(|(_, s)| count(s, MOTIF) + count(s, &rc())).sum();
            let mut genome = InMemoryGenome::from_records(records);
            let window = Window::new(250, 50, EdgePolicy::PadN);
            let mut planted = 0;
            for (g, id) in cohort.gene_ids.iter().enumerate() {
                let gene = models.get(id).ok_or("gene missing from the GTF")?;
                assert_eq!(gene.name(), Some(cohort.gene_names[g].as_str()));
                let promoter = extract::promoter(&mut genome, gene, &window)?;
                let copies = count(&promoter, MOTIF);
                let is_motif_gene = cohort.motif_genes.binary_search(&g).is_ok();
                assert_eq!((copies > 0, count(&promoter, &rc())), (is_motif_gene, 0), "{id}");
                assert!(copies <= 2);
                planted += copies;
            }
            // Every occurrence in the genome, either strand, is a planted one.
            assert_eq!(occurrences, planted);
        }
        Ok(())
    }

    #[test]
    fn test_deseq2_recovers_planted_genes() -> TestResult {
        use gptomics_expr::{
            deseq2::{self, Contrast, CountMatrix, DeseqOptions, ResultsOptions},
            design::{Design, DesignOptions},
        };
        for organism in [Organism::Mouse, Organism::Zebrafish] {
            let (cohort, _dir, files) = written(organism, &DemoOptions::default())?;
            let sheet = SampleSheet::from_path(&files.metadata, &SampleSheetOptions::default())?;
            let counts = CountMatrix::new(cohort.gene_ids.clone(), cohort.samples.clone(), &cohort.counts)?;
            let design = Design::from_formula("~ condition", &sheet, counts.samples(), &DesignOptions::default())?;
            let fit = deseq2::run(&counts, &design, &DeseqOptions::default())?;
            // Disease vs control, the contrast the effect sizes were chosen for (treated vs control keeps only
            // 20-30 % of the up effects, and is harder).
            for truth in &cohort.contrasts[..1] {
                let contrast = Contrast::levels("condition", &truth.numerator, &truth.denominator);
                let results = fit.results(&ResultsOptions::new(contrast))?;
                let called: Vec<bool> = results.padj.iter().map(|p| *p < 0.05).collect();
                let planted = truth.log2_fold_change.iter().filter(|l| **l != 0.0).count();
                let hits = (0..called.len()).filter(|&g| called[g] && truth.log2_fold_change[g] != 0.0).count();
                let calls = called.iter().filter(|c| **c).count();
                let (recall, fdr) = (hits as f64 / planted as f64, 1.0 - hits as f64 / calls as f64);
                assert!(recall >= 0.9 && fdr <= 0.1, "{organism:?}: recall {recall}, FDR {fdr}");
            }
        }
        Ok(())
    }

    fn rc() -> Vec<u8> {
        extract::reverse_complement(MOTIF)
    }

    fn count(sequence: &[u8], motif: &[u8]) -> usize {
        sequence.windows(motif.len()).filter(|w| *w == motif).count()
    }
}
