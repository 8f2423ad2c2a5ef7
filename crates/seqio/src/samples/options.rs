//! `samples::SampleSheetOptions`: how to read a CSV/TSV sample sheet.

/// Column names (case-insensitive) taken as the sample name column, first found in this order wins.
///
/// ```
/// assert_eq!(gptomics_seqio::samples::SAMPLE_COLUMN_NAMES[0], "sample");
/// ```
pub const SAMPLE_COLUMN_NAMES: &[&str] = &["sample", "sample_id", "sample_name", "name", "run", "geo_accession"];

/// How [`super::SampleSheet::from_reader`] reads a sheet.
///
/// ```
/// use gptomics_seqio::samples::SampleSheetOptions;
/// let options = SampleSheetOptions::default().sample_column("library").delimiter(b'\t');
/// assert_eq!(options.sample_column.as_deref(), Some("library"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleSheetOptions {
    /// The field delimiter; `None` detects it from the header (tab if present, else comma).
    pub delimiter: Option<u8>,
    /// The column holding sample names (exact name); `None` looks for [`SAMPLE_COLUMN_NAMES`], then takes
    /// the first column.
    pub sample_column: Option<String>,
}

impl SampleSheetOptions {
    /// Forces the field delimiter.
    ///
    /// ```
    /// let options = gptomics_seqio::samples::SampleSheetOptions::default().delimiter(b';');
    /// assert_eq!(options.delimiter, Some(b';'));
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Names the column that holds sample names.
    ///
    /// ```
    /// let options = gptomics_seqio::samples::SampleSheetOptions::default().sample_column("id");
    /// assert_eq!(options.sample_column.as_deref(), Some("id"));
    /// ```
    pub fn sample_column(mut self, column: impl Into<String>) -> Self {
        self.sample_column = Some(column.into());
        self
    }
}
