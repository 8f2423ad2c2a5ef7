//! Loading one cohort's inputs, with every check that can fail made before any stage runs: files exist,
//! counts and sample sheet name the same samples, the design's columns and each contrast's levels exist and
//! have samples, and the genome holds the annotation's contigs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gptomics_expr::deseq2::CountMatrix;
use gptomics_expr::design::{Design, DesignOptions};
use gptomics_expr::gene_sets::GeneSet;
use gptomics_seqio::annotation::GeneModels;
use gptomics_seqio::counts::{CountTable, CountTableOptions};
use gptomics_seqio::fasta::IndexedReader;
use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};

use super::config::{CohortInputs, Markers, Metadata};
use super::error::{Error, Result};
use super::markers;

/// A cohort's inputs, read and checked.
pub struct Loaded {
    /// The count table as read.
    pub table: CountTable,
    /// The counts as DESeq2 takes them.
    pub counts: CountMatrix,
    /// The sample sheet, in the count table's sample order.
    pub sheet: SampleSheet,
    /// One symbol per table row: the gene-name column where given (empty cells fall back to the ID).
    pub gene_names: Vec<String>,
    /// The design matrix.
    pub design: Design,
    /// The marker sets.
    pub markers: Vec<GeneSet>,
    /// Gene models and the genome, when both were given.
    pub genome: Option<(PathBuf, GeneModels)>,
    /// Per sample (table order), its level of the main contrast's factor.
    pub groups: Vec<String>,
}

impl Loaded {
    /// Per sample, its level of `factor` (checked to exist by [`load`] for every contrast's factor).
    pub fn levels(&self, factor: &str) -> Result<&[String]> {
        self.sheet.column(factor).ok_or_else(|| Error::input(format!("the sample metadata has no column `{factor}`")))
    }
}

/// Reads and checks `inputs`.
pub fn load(inputs: &CohortInputs) -> Result<Loaded> {
    require_file("count table", &inputs.counts)?;
    match &inputs.metadata {
        Metadata::SampleSheet(p) | Metadata::SeriesMatrix(p) => require_file("sample metadata", p)?,
    }
    for (what, path) in [("genome", &inputs.genome), ("annotation", &inputs.gtf)] {
        if let Some(path) = path {
            require_file(what, path)?;
        }
    }
    for fastq in &inputs.fastq {
        require_file("FASTQ", fastq)?;
    }
    if inputs.genome.is_some() != inputs.gtf.is_some() {
        return Err(Error::input("the promoter stage needs both --genome and --gtf (one was given)"));
    }
    if inputs.contrasts.is_empty() {
        return Err(Error::input("no contrast: give at least one FACTOR,NUMERATOR,DENOMINATOR"));
    }
    let markers = match &inputs.markers {
        Markers::Builtin(organism) => markers::builtin(organism)?,
        Markers::File(path) => markers::from_path(path)?,
    };

    let mut options = CountTableOptions::default();
    if let Some(column) = &inputs.gene_name_column {
        options = options.annotation_column(column.clone());
    }
    let table = CountTable::from_path(&inputs.counts, &options)?;
    let sheet = match &inputs.metadata {
        Metadata::SampleSheet(path) => {
            let sheet = SampleSheet::from_path(path, &SampleSheetOptions::default())?;
            sheet.require_match(table.samples())?;
            sheet.align_to(table.samples())?
        }
        // GEO names samples by accession (GSM...) while count tables usually use titles.
        Metadata::SeriesMatrix(path) => {
            let sheet = SampleSheet::from_series_matrix(path)?;
            match sheet.align_to(table.samples()) {
                Ok(aligned) => aligned,
                Err(_) => sheet.match_by_column("title", table.samples())?,
            }
        }
    };
    for contrast in &inputs.contrasts {
        if contrast.numerator == contrast.denominator {
            return Err(Error::input(format!(
                "contrast {}: numerator and denominator are the same level",
                contrast.name()
            )));
        }
        let Some(values) = sheet.column(&contrast.factor) else {
            return Err(Error::input(format!(
                "contrast {}: the sample metadata has no column `{}` (columns: {})",
                contrast.name(),
                contrast.factor,
                sheet.columns().join(", ")
            )));
        };
        for level in [&contrast.numerator, &contrast.denominator] {
            let n = values.iter().filter(|v| *v == level).count();
            if n < 2 {
                return Err(Error::input(format!(
                    "contrast {}: level `{level}` of `{}` has {n} sample(s); a group needs at least two",
                    contrast.name(),
                    contrast.factor
                )));
            }
        }
    }
    let design = Design::from_formula(&inputs.design, &sheet, table.samples(), &DesignOptions::default())?;
    for contrast in &inputs.contrasts {
        if design.variable(&contrast.factor).is_none() {
            return Err(Error::input(format!(
                "contrast {}: `{}` is not a variable of the design `{}`",
                contrast.name(),
                contrast.factor,
                inputs.design
            )));
        }
    }
    let counts = CountMatrix::from_table(&table)?;
    let gene_names = match inputs.gene_name_column.as_deref().and_then(|c| table.annotation(c)) {
        Some(names) => {
            names.iter().zip(table.genes()).map(|(n, id)| if n.is_empty() { id } else { n }.clone()).collect()
        }
        None => table.genes().to_vec(),
    };
    let genome = match (&inputs.genome, &inputs.gtf) {
        (Some(fasta), Some(gtf)) => Some((fasta.clone(), check_genome(fasta, gtf)?)),
        _ => None,
    };
    let groups =
        inputs.contrasts.first().and_then(|c| sheet.column(&c.factor)).map(<[String]>::to_vec).unwrap_or_default();
    Ok(Loaded { table, counts, sheet, gene_names, design, markers, genome, groups })
}

fn require_file(what: &str, path: &Path) -> Result<()> {
    if path.is_file() {
        Ok(())
    } else {
        Err(Error::input(format!("{what} `{}` does not exist or is not a file", path.display())))
    }
}

/// Reads the annotation and checks that every contig it uses is in the genome.
fn check_genome(fasta: &Path, gtf: &Path) -> Result<GeneModels> {
    let models = GeneModels::from_path(gtf)?;
    if models.is_empty() {
        return Err(Error::input(format!("annotation `{}` holds no genes", gtf.display())));
    }
    let genome = IndexedReader::from_path(fasta)?;
    let contigs: BTreeSet<String> = genome.contigs().map(|(name, _)| name).collect();
    let missing: BTreeSet<&str> = models.iter().map(|g| g.contig()).filter(|c| !contigs.contains(*c)).collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        return Err(Error::input(format!(
            "annotation `{}` uses {} contig(s) the genome `{}` lacks: {}{} (genome has: {})",
            gtf.display(),
            missing.len(),
            fasta.display(),
            shown.join(", "),
            if missing.len() > 5 { ", ..." } else { "" },
            contigs.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(models)
}
