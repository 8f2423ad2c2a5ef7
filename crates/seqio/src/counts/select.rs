//! Choosing and reordering a [`CountTable`]'s samples.

use super::CountTable;
use crate::{Error, Location, ParseError, Result};

impl CountTable {
    /// A table holding only `samples`, in that order. An unknown name is [`ParseError::UnknownName`], a
    /// repeated one [`ParseError::DuplicateSample`]. Takes `&str`s or `String`s, so a sample sheet's
    /// [`crate::samples::SampleSheet::samples`] can be passed as it is.
    ///
    /// ```
    /// # use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"id,s1,s2\ng1,1,2\n"[..], "x", &CountTableOptions::default())?;
    /// assert_eq!(table.select_samples(&["s2", "s1"])?.row(0), Some(&[2, 1][..]));
    /// assert!(table.select_samples(&["s3"]).is_err());
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn select_samples<S: AsRef<str>>(&self, samples: &[S]) -> Result<Self> {
        let mut picked = Vec::with_capacity(samples.len());
        for (i, name) in samples.iter().map(AsRef::as_ref).enumerate() {
            let error = |kind| Error::parse(Location::file(&self.source), kind);
            if samples[..i].iter().any(|s| s.as_ref() == name) {
                return Err(error(ParseError::DuplicateSample(name.to_string())));
            }
            let index = self.sample_index(name);
            picked.push(index.ok_or_else(|| error(ParseError::UnknownName(name.to_string())))?);
        }
        let pick = |row: &[u64]| picked.iter().map(|&s| row[s]).collect::<Vec<_>>();
        let counts = self.counts.chunks_exact(self.samples.len().max(1)).flat_map(pick).collect();
        Ok(Self {
            source: self.source.clone(),
            genes: self.genes.clone(),
            gene_lookup: self.gene_lookup.clone(),
            samples: samples.iter().map(|s| s.as_ref().to_string()).collect(),
            counts,
            annotation_names: self.annotation_names.clone(),
            annotation_values: self.annotation_values.clone(),
            special: self.special.iter().map(|(n, row)| (n.clone(), pick(row))).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        counts::CountTableOptions,
        samples::{SampleSheet, SampleSheetOptions},
    };

    #[test]
    fn test_select_samples() -> Result<()> {
        let text = b"id\ta\tb\tc\ng1\t1\t2\t3\ng2\t4\t5\t6\n__ambiguous\t7\t8\t9\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        let picked = table.select_samples(&["c", "a"])?;
        assert_eq!((picked.samples(), picked.counts()), (&["c".to_string(), "a".into()][..], &[3, 1, 6, 4][..]));
        assert_eq!(picked.special_row("__ambiguous"), Some(&[9, 7][..]));
        assert_eq!(picked.library_sizes(), [9, 5]);
        let unknown = table.select_samples(&["a", "zz"]).err().and_then(|e| e.kind().cloned());
        assert_eq!(unknown, Some(ParseError::UnknownName("zz".into())));
        let twice = table.select_samples(&["a", "a"]).err().and_then(|e| e.kind().cloned());
        assert_eq!(twice, Some(ParseError::DuplicateSample("a".into())));
        assert_eq!((table.row(2), table.column(3), table.count(0, 3)), (None, None, None));
        assert_eq!(table.column(2), Some(vec![3, 6]));
        Ok(())
    }

    #[test]
    fn test_select_samples_from_sheet() -> Result<()> {
        // A sheet's samples (`&[String]`) and a table's pass to each other as they are.
        let sheet = SampleSheet::from_reader(&b"sample,g\nc,X\na,Y\n"[..], "m", &SampleSheetOptions::default())?;
        let table = CountTable::from_reader(&b"id,a,b,c\ng1,1,2,3\n"[..], "t", &CountTableOptions::default())?;
        let picked = table.select_samples(sheet.samples())?;
        assert_eq!((picked.samples(), picked.counts()), (sheet.samples(), &[3, 1][..]));
        let aligned = sheet.align_to(picked.samples())?;
        assert_eq!(aligned.column("g"), Some(&["X".to_string(), "Y".into()][..]));
        assert!(sheet.check_against(picked.samples()).is_consistent());
        sheet.require_match(picked.samples())?;
        assert!(sheet.require_match(table.samples()).is_err());
        Ok(())
    }
}
