//! `samples::SampleSheet`: samples in order with their metadata columns, and the accessors.

/// Samples in order, with metadata columns of text (one value per sample).
///
/// ```
/// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
/// let text = b"run\tgroup\nSRR1\tX\nSRR2\tY\n";
/// let sheet = SampleSheet::from_reader(&text[..], "runs.tsv", &SampleSheetOptions::default())?;
/// assert_eq!(sheet.samples(), ["SRR1", "SRR2"]);
/// assert_eq!(sheet.get("SRR2", "group"), Some("Y"));
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSheet {
    pub(super) source: String,
    pub(super) sample_column: String,
    pub(super) samples: Vec<String>,
    pub(super) columns: Vec<String>,
    pub(super) values: Vec<Vec<String>>, // [n_columns][n_samples]
}

impl SampleSheet {
    /// The input's name.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample\ns1\n"[..], "m.csv", &SampleSheetOptions::default())?;
    /// assert_eq!(sheet.source(), "m.csv");
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The name of the column the sample names came from (`""` for unnamed row names).
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"x,Sample_ID\n1,s1\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!((sheet.sample_column(), sheet.columns()), ("Sample_ID", &["x".to_string()][..]));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn sample_column(&self) -> &str {
        &self.sample_column
    }

    /// The samples, in sheet order.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample\ns2\ns1\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!(sheet.samples(), ["s2", "s1"]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn samples(&self) -> &[String] {
        &self.samples
    }

    /// The metadata column names (the sample column excluded), in order.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample,a,b\ns1,1,2\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!(sheet.columns(), ["a", "b"]);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// A metadata column's values, one per sample.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample,a\ns1,x\ns2,y\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!(sheet.column("a"), Some(&["x".to_string(), "y".to_string()][..]));
    /// assert_eq!(sheet.column("b"), None);
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn column(&self, name: &str) -> Option<&[String]> {
        let i = self.columns.iter().position(|c| c == name)?;
        self.values.get(i).map(Vec::as_slice)
    }

    /// One sample's value in one column.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample,a\ns1,x\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!((sheet.get("s1", "a"), sheet.get("s9", "a")), (Some("x"), None));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn get(&self, sample: &str, column: &str) -> Option<&str> {
        let s = self.samples.iter().position(|x| x == sample)?;
        self.column(column)?.get(s).map(String::as_str)
    }

    /// A column's distinct values in first-seen order (a factor's levels), `None` if there is no such column.
    ///
    /// ```
    /// # use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample,g\na,Y\nb,X\nc,Y\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert_eq!(sheet.levels("g"), Some(vec!["Y".to_string(), "X".to_string()]));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn levels(&self, column: &str) -> Option<Vec<String>> {
        let mut levels: Vec<String> = Vec::new();
        for value in self.column(column)? {
            if !levels.contains(value) {
                levels.push(value.clone());
            }
        }
        Some(levels)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Result, samples::SampleSheetOptions};

    use super::*;

    #[test]
    fn test_levels() -> Result<()> {
        let text = b"sample\tcondition\tgroup\ns1\tB\tX\ns2\tA\tX\ns3\tB\tY\ns4\tA\tY\n";
        let sheet = SampleSheet::from_reader(&text[..], "m", &SampleSheetOptions::default())?;
        assert_eq!(sheet.levels("condition"), Some(vec!["B".into(), "A".into()]));
        assert_eq!(sheet.levels("group"), Some(vec!["X".into(), "Y".into()]));
        assert_eq!(sheet.levels("sample"), None);
        assert_eq!((sheet.get("s3", "group"), sheet.get("s3", "nope")), (Some("Y"), None));
        Ok(())
    }
}
