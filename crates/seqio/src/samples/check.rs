//! Checking a [`SampleSheet`] against a count table's samples, and aligning it to their order.

use std::collections::HashMap;

use super::SampleSheet;
use crate::{Error, Location, ParseError, Result};

/// How a sheet's samples and a table's samples differ (each list in its own input's order).
///
/// ```
/// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
/// let sheet = SampleSheet::from_reader(&b"sample\na\nb\n"[..], "m", &SampleSheetOptions::default())?;
/// let check = sheet.check_against(&["b", "c"]);
/// assert_eq!((check.in_sheet_only(), check.in_table_only()), (&["a".to_string()][..], &["c".to_string()][..]));
/// assert!(!check.is_consistent());
/// # Ok::<(), gptomics_seqio::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleCheck {
    in_sheet_only: Vec<String>,
    in_table_only: Vec<String>,
}

impl SampleCheck {
    /// Samples the sheet names but the table lacks.
    ///
    /// ```
    /// let check = gptomics_seqio::samples::SampleCheck::default();
    /// assert!(check.in_sheet_only().is_empty());
    /// ```
    pub fn in_sheet_only(&self) -> &[String] {
        &self.in_sheet_only
    }

    /// Samples the table has but the sheet does not describe.
    ///
    /// ```
    /// let check = gptomics_seqio::samples::SampleCheck::default();
    /// assert!(check.in_table_only().is_empty());
    /// ```
    pub fn in_table_only(&self) -> &[String] {
        &self.in_table_only
    }

    /// Whether both hold the same set of samples (order aside).
    ///
    /// ```
    /// assert!(gptomics_seqio::samples::SampleCheck::default().is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        self.in_sheet_only.is_empty() && self.in_table_only.is_empty()
    }

    /// The disagreement as an error naming every culprit, `None` when consistent.
    fn into_error(self, source: &str) -> Option<Error> {
        if self.is_consistent() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.in_sheet_only.is_empty() {
            parts.push(format!("in the sample sheet but not the count table: {}", self.in_sheet_only.join(", ")));
        }
        if !self.in_table_only.is_empty() {
            parts.push(format!("in the count table but not the sample sheet: {}", self.in_table_only.join(", ")));
        }
        Some(Error::parse(Location::file(source), ParseError::SampleMismatch(parts.join("; "))))
    }
}

/// Compares `keys` (one per sheet row) with the table's samples.
fn compare<S: AsRef<str>>(keys: &[String], table_samples: &[S]) -> SampleCheck {
    let in_table = |key: &String| table_samples.iter().any(|s| s.as_ref() == key);
    SampleCheck {
        in_sheet_only: keys.iter().filter(|k| !in_table(k)).cloned().collect(),
        in_table_only: table_samples
            .iter()
            .map(AsRef::as_ref)
            .filter(|s| !keys.iter().any(|k| k == s))
            .map(String::from)
            .collect(),
    }
}

impl SampleSheet {
    /// Compares the sheet's samples with a count table's (e.g. [`crate::counts::CountTable::samples`]).
    /// This and the other checks take `&str`s or `String`s alike.
    ///
    /// ```
    /// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample\na\nb\n"[..], "m", &SampleSheetOptions::default())?;
    /// assert!(sheet.check_against(&["b", "a"]).is_consistent());
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn check_against<S: AsRef<str>>(&self, table_samples: &[S]) -> SampleCheck {
        compare(&self.samples, table_samples)
    }

    /// Fails with [`ParseError::SampleMismatch`], listing every sample on either side only, unless the
    /// sheet and the table hold the same samples (in any order).
    ///
    /// ```
    /// use gptomics_seqio::{ParseError, samples::{SampleSheet, SampleSheetOptions}};
    /// let sheet = SampleSheet::from_reader(&b"sample\na\nb\n"[..], "m", &SampleSheetOptions::default())?;
    /// let err = sheet.require_match(&["a"]).err().and_then(|e| e.kind().cloned());
    /// assert_eq!(err, Some(ParseError::SampleMismatch("in the sample sheet but not the count table: b".into())));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn require_match<S: AsRef<str>>(&self, table_samples: &[S]) -> Result<()> {
        match self.check_against(table_samples).into_error(&self.source) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// The sheet reordered to the table's sample order; a mismatch is an error as in
    /// [`SampleSheet::require_match`].
    ///
    /// ```
    /// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let sheet = SampleSheet::from_reader(&b"sample,c\na,1\nb,2\n"[..], "m", &SampleSheetOptions::default())?;
    /// let aligned = sheet.align_to(&["b", "a"])?;
    /// assert_eq!(aligned.column("c"), Some(&["2".to_string(), "1".to_string()][..]));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn align_to<S: AsRef<str>>(&self, table_samples: &[S]) -> Result<Self> {
        self.reorder(&self.samples, table_samples, &self.sample_column)
    }

    /// The sheet matched to a table through `column` (e.g. `title` when the table's columns are sample
    /// titles rather than GSM accessions): one row per table sample, in the table's order, named as in
    /// the table. The former sample names are kept as a column named [`SampleSheet::sample_column`].
    /// A missing column is [`ParseError::MissingColumn`], a value repeated in it
    /// [`ParseError::DuplicateSample`], and any sample on either side only [`ParseError::SampleMismatch`].
    ///
    /// ```
    /// use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
    /// let text = b"geo_accession\ttitle\nGSM1\tctrl_1\nGSM2\tKD_1\n";
    /// let sheet = SampleSheet::from_reader(&text[..], "m", &SampleSheetOptions::default())?;
    /// let matched = sheet.match_by_column("title", &["KD_1", "ctrl_1"])?;
    /// assert_eq!(matched.samples(), ["KD_1", "ctrl_1"]);
    /// assert_eq!(matched.get("KD_1", "geo_accession"), Some("GSM2"));
    /// # Ok::<(), gptomics_seqio::Error>(())
    /// ```
    pub fn match_by_column<S: AsRef<str>>(&self, column: &str, table_samples: &[S]) -> Result<Self> {
        let Some(keys) = self.column(column) else {
            let kind = ParseError::MissingColumn(column.to_string());
            return Err(Error::parse(Location::file(&self.source), kind));
        };
        self.reorder(keys, table_samples, column)
    }

    /// The rows whose `keys` are `table_samples`, in that order, renamed to them.
    fn reorder<S: AsRef<str>>(&self, keys: &[String], table_samples: &[S], key_column: &str) -> Result<Self> {
        let mut row_of: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            if row_of.insert(key, i).is_some() {
                let at = Location::file(&self.source).at_record(i as u64 + 1);
                return Err(Error::parse(at, ParseError::DuplicateSample(key.clone())));
            }
        }
        if let Some(error) = compare(keys, table_samples).into_error(&self.source) {
            return Err(error);
        }
        let order: Vec<usize> = table_samples.iter().filter_map(|s| row_of.get(s.as_ref()).copied()).collect();
        let pick = |values: &[String]| order.iter().map(|&i| values[i].clone()).collect::<Vec<_>>();
        let mut columns = self.columns.clone();
        let mut values: Vec<Vec<String>> = self.values.iter().map(|v| pick(v)).collect();
        // Keep the former names unless they are the key itself or their column name is taken.
        if key_column != self.sample_column && !columns.contains(&self.sample_column) {
            columns.insert(0, self.sample_column.clone());
            values.insert(0, pick(&self.samples));
        }
        Ok(Self {
            source: self.source.clone(),
            sample_column: key_column.to_string(),
            samples: table_samples.iter().map(|s| s.as_ref().to_string()).collect(),
            columns,
            values,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::SampleSheetOptions;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn sheet() -> Result<SampleSheet> {
        let text = b"geo_accession,title,condition\nGSM1,ctrl_1,A\nGSM2,KD_1,B\nGSM3,ctrl_2,A\n";
        SampleSheet::from_reader(&text[..], "m", &SampleSheetOptions::default())
    }

    #[test]
    fn test_require_match() -> Result<()> {
        let sheet = sheet()?;
        sheet.require_match(&["GSM3", "GSM1", "GSM2"])?;
        assert!(sheet.check_against(&["GSM1"]).in_sheet_only().len() == 2);
        // Metadata naming a sample the table lacks, and a table sample without metadata.
        let err = sheet.require_match(&names(&["GSM1", "GSM2", "GSM9"])).err();
        let expected = "in the sample sheet but not the count table: GSM3; \
                        in the count table but not the sample sheet: GSM9";
        assert_eq!(err.and_then(|e| e.kind().cloned()), Some(ParseError::SampleMismatch(expected.into())));
        let check = sheet.check_against(&names(&["GSM1", "GSM2"]));
        assert_eq!((check.in_sheet_only(), check.in_table_only()), (&names(&["GSM3"])[..], &[][..]));
        Ok(())
    }

    #[test]
    fn test_match_by_column() -> Result<()> {
        let sheet = sheet()?;
        let matched = sheet.match_by_column("title", &["KD_1", "ctrl_2", "ctrl_1"])?;
        assert_eq!(matched.samples(), ["KD_1", "ctrl_2", "ctrl_1"]);
        assert_eq!(matched.sample_column(), "title");
        assert_eq!(matched.column("geo_accession"), Some(&names(&["GSM2", "GSM3", "GSM1"])[..]));
        assert_eq!(matched.column("condition"), Some(&names(&["B", "A", "A"])[..]));
        let err = sheet.match_by_column("title", &names(&["KD_1", "ctrl_1"])).err();
        let expected = "in the sample sheet but not the count table: ctrl_2";
        assert_eq!(err.and_then(|e| e.kind().cloned()), Some(ParseError::SampleMismatch(expected.into())));
        let err = sheet.match_by_column("condition", &names(&["A", "B"])).err();
        assert_eq!(err.and_then(|e| e.kind().cloned()), Some(ParseError::DuplicateSample("A".into())));
        let err = sheet.match_by_column("tissue", &names(&["A"])).err();
        assert_eq!(err.and_then(|e| e.kind().cloned()), Some(ParseError::MissingColumn("tissue".into())));
        let aligned = sheet.align_to(&["GSM2", "GSM1", "GSM3"])?;
        assert_eq!((aligned.samples(), aligned.columns()), (&names(&["GSM2", "GSM1", "GSM3"])[..], sheet.columns()));
        assert_eq!(aligned.column("title"), Some(&names(&["KD_1", "ctrl_1", "ctrl_2"])[..]));
        Ok(())
    }
}
