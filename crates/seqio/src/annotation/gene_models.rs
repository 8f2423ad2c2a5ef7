//! The collection of genes read from one annotation file.

use std::{collections::HashMap, io::BufRead, path::Path};

use super::{Gene, gff3, gtf};
use crate::{
    error::{Error, Location, ParseError, Result},
    io,
};

/// The genes of an annotation, in file order, with lookup by id and by name.
///
/// Gene ids are unique; names are not (SARS-CoV-2 has two `ORF1ab` genes), so [`by_name`](Self::by_name)
/// returns all genes with a name. The example shows the accessors:
///
/// ```
/// use gptomics_seqio::annotation::GeneModels;
///
/// let gff = b"##gff-version 3\n\
///             c\ts\tgene\t1\t90\t.\t+\t.\tID=gene:g1;Name=A\n\
///             c\ts\tgene\t5\t50\t.\t+\t.\tID=gene:g2;Name=A\n";
/// let models = GeneModels::from_gff3_reader(&gff[..], "inline.gff3")?;
/// assert_eq!(models.len(), 2);
/// assert_eq!(models.genes()[1].id(), "g2");
/// assert_eq!(models.by_name("A").len(), 2);
/// assert!(models.get("g1").is_some() && models.get("gene:g1").is_none());
/// assert!(!models.is_empty());
/// assert_eq!(models.iter().map(|g| g.id()).collect::<Vec<_>>(), ["g1", "g2"]);
/// assert_eq!((&models).into_iter().count(), 2);
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GeneModels {
    genes: Vec<Gene>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl GeneModels {
    /// Indexes genes whose ids are known to be unique (both readers check it, with line numbers).
    fn new(genes: Vec<Gene>) -> Self {
        let mut by_id = HashMap::with_capacity(genes.len());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, gene) in genes.iter().enumerate() {
            by_id.insert(gene.id.clone(), i);
            if let Some(name) = &gene.name {
                by_name.entry(name.clone()).or_default().push(i);
            }
        }
        Self { genes, by_id, by_name }
    }

    /// Reads a GTF file, plain or gzip/BGZF-compressed (detected from its content).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("doc-{}.gtf", std::process::id()));
    /// std::fs::write(&path, "c\ts\tgene\t1\t9\t.\t+\t.\tgene_id \"g\";\n")?;
    /// let models = gptomics_seqio::annotation::GeneModels::from_gtf_path(&path);
    /// std::fs::remove_file(&path)?;
    /// assert_eq!(models?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_gtf_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::from_gtf_reader(io::open(path)?, &path.display().to_string())
    }

    /// Reads GTF text (not compressed: wrap gzip in [`io::decompress`] first); `name` names the input in
    /// errors.
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, annotation::GeneModels};
    /// let gtf = b"c\ts\texon\t9\t5\t.\t+\t.\tgene_id \"g\"; transcript_id \"t\";\n";
    /// let e = GeneModels::from_gtf_reader(&gtf[..], "bad.gtf").unwrap_err();
    /// assert_eq!(e.kind(), Some(&ParseError::EndBeforeStart { start: 9, end: 5 }));
    /// assert_eq!(e.to_string(), "bad.gtf:1 (record 1): end 5 is before start 9");
    /// ```
    pub fn from_gtf_reader<R: BufRead>(reader: R, name: &str) -> Result<Self> {
        gtf::read(reader, name).map(Self::new)
    }

    /// Reads a GFF3 file, plain or gzip/BGZF-compressed (detected from its content).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("doc-{}.gff3", std::process::id()));
    /// std::fs::write(&path, "##gff-version 3\nc\ts\tgene\t1\t9\t.\t+\t.\tID=gene:g\n")?;
    /// let models = gptomics_seqio::annotation::GeneModels::from_gff3_path(&path);
    /// std::fs::remove_file(&path)?;
    /// assert!(models?.get("g").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_gff3_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::from_gff3_reader(io::open(path)?, &path.display().to_string())
    }

    /// Reads GFF3 text (not compressed); `name` names the input in errors. See the
    /// [module documentation](super) for how features become genes and transcripts.
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, annotation::GeneModels};
    /// let gff = b"c\ts\texon\t1\t9\t.\t+\t.\tParent=transcript:t\n";
    /// let e = GeneModels::from_gff3_reader(&gff[..], "x.gff3").unwrap_err();
    /// assert_eq!(e.kind(), Some(&ParseError::UnknownName("transcript:t".into())));
    /// ```
    pub fn from_gff3_reader<R: BufRead>(reader: R, name: &str) -> Result<Self> {
        gff3::read(reader, name).map(Self::new)
    }

    /// Reads a GTF or GFF3 file, chosen by its extension: `.gtf`, or `.gff3`/`.gff`, each optionally
    /// followed by `.gz`/`.bgz` (compression itself is detected from the content).
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, annotation::GeneModels};
    /// let e = GeneModels::from_path("genes.bed").unwrap_err();
    /// assert_eq!(e.kind(), Some(&ParseError::UnknownFormat("genes.bed".into())));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let lower = name.to_ascii_lowercase();
        let stem = lower.strip_suffix(".gz").or_else(|| lower.strip_suffix(".bgz")).unwrap_or(&lower);
        if stem.ends_with(".gtf") {
            Self::from_gtf_path(path)
        } else if stem.ends_with(".gff3") || stem.ends_with(".gff") {
            Self::from_gff3_path(path)
        } else {
            Err(Error::parse(Location::file(&name), ParseError::UnknownFormat(name)))
        }
    }

    /// All genes, in file order.
    pub fn genes(&self) -> &[Gene] {
        &self.genes
    }

    /// The gene with id `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Gene> {
        self.by_id.get(id).map(|&i| &self.genes[i])
    }

    /// All genes named `name`, in file order (empty when none).
    pub fn by_name(&self, name: &str) -> Vec<&Gene> {
        self.by_name.get(name).map(|list| list.iter().map(|&i| &self.genes[i]).collect()).unwrap_or_default()
    }

    /// The number of genes.
    pub fn len(&self) -> usize {
        self.genes.len()
    }

    /// Whether there are no genes.
    pub fn is_empty(&self) -> bool {
        self.genes.is_empty()
    }

    /// Iterates over the genes in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Gene> {
        self.genes.iter()
    }
}

impl<'a> IntoIterator for &'a GeneModels {
    type Item = &'a Gene;
    type IntoIter = std::slice::Iter<'a, Gene>;

    fn into_iter(self) -> Self::IntoIter {
        self.genes.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GTF: &[u8] = b"#c\nc\ts\tgene\t1\t90\t.\t-\t.\tgene_id \"g\"; gene_name \"A\";\n\
c\ts\texon\t1\t9\t.\t-\t.\tgene_id \"g\"; transcript_id \"t\"; tag \"x\"; tag \"y\";\n";
    const GFF3: &[u8] = b"##gff-version 3\nc\ts\tgene\t1\t90\t.\t-\t.\tID=gene:g;Name=A\n\
c\ts\tmRNA\t1\t9\t.\t-\t.\tID=transcript:t;Parent=gene:g;tag=x,y\n\
c\ts\texon\t1\t9\t.\t-\t.\tParent=transcript:t\n";

    /// Xorshift: deterministic pseudo-random bytes without a dependency.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn test_from_gtf_reader() -> Result<()> {
        let models = GeneModels::from_gtf_reader(GTF, "t.gtf")?;
        assert_eq!((models.len(), models.by_name("A").len()), (1, 1));
        assert!(models.by_name("B").is_empty());
        Ok(())
    }

    #[test]
    fn test_from_path() -> std::result::Result<(), Box<dyn std::error::Error>> {
        use std::io::Write;
        let dir = tempfile::tempdir()?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(GTF)?;
        std::fs::write(dir.path().join("a.gtf.gz"), gz.finish()?)?;
        std::fs::write(dir.path().join("b.GFF"), GFF3)?;
        std::fs::write(dir.path().join("c.gff3.txt"), GFF3)?;
        let gtf = GeneModels::from_path(dir.path().join("a.gtf.gz"))?;
        let gff = GeneModels::from_path(dir.path().join("b.GFF"))?;
        assert_eq!(gtf.genes()[0].transcripts()[0].tags(), gff.genes()[0].transcripts()[0].tags());
        let e = GeneModels::from_path(dir.path().join("c.gff3.txt")).err();
        assert!(matches!(e.as_ref().and_then(Error::kind), Some(ParseError::UnknownFormat(_))));
        // A GTF read as GFF3 fails (no `=` in its attributes) rather than yielding nonsense.
        assert!(GeneModels::from_gff3_reader(GTF, "t.gtf").is_err());
        Ok(())
    }

    #[test]
    fn test_from_reader_mutated() -> Result<()> {
        // Valid files with random bytes overwritten, cut or repeated: errors are fine, panics are not.
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for round in 0..4000 {
            let source = if round % 2 == 0 { GTF } else { GFF3 };
            let mut text = source.to_vec();
            for _ in 0..1 + next(&mut state) % 4 {
                let i = (next(&mut state) % text.len() as u64) as usize;
                match next(&mut state) % 3 {
                    0 => text[i] = (next(&mut state) % 256) as u8,
                    1 => text.truncate(i),
                    _ => {
                        let pool = b"\t;=,\"\\\r\n0-+?.%";
                        text.insert(i, pool[i % pool.len()]);
                    }
                }
                if text.is_empty() {
                    break;
                }
            }
            let _ = GeneModels::from_gtf_reader(&text[..], "fuzz");
            let _ = GeneModels::from_gff3_reader(&text[..], "fuzz");
        }
        Ok(())
    }
}
