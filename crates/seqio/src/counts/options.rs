//! `counts::CountTableOptions`: how to read a count table.

/// How [`super::CountTable::from_reader`] reads a table. `Default` suits GEO CSV/TSV and featureCounts.
///
/// ```
/// use gptomics_seqio::counts::CountTableOptions;
/// let options = CountTableOptions::default()
///     .delimiter(b'\t')
///     .round_non_integer(true)
///     .annotation_column("entrez");
/// assert_eq!(options.delimiter, Some(b'\t'));
/// assert!(options.round_non_integer && !options.samples_as_rows);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountTableOptions {
    /// The field delimiter; `None` detects it from the header line (tab if present, else comma).
    pub delimiter: Option<u8>,
    /// Round fractional counts (tximport / Salmon estimated counts) instead of rejecting them. Rounding is
    /// half to even, as R's `round()` does in `DESeqDataSetFromTximport`: 2.5 → 2, 3.5 → 4, 2.6 → 3.
    pub round_non_integer: bool,
    /// The table has one row per sample and one column per gene (PyDESeq2's layout). Such tables have no
    /// annotation columns: every cell after the first column is a count.
    pub samples_as_rows: bool,
    /// Columns to keep as annotation whatever their content (for numeric annotation, e.g. Entrez ids).
    /// Naming a column the header lacks is a [`crate::ParseError::MissingColumn`] error.
    pub annotation_columns: Vec<String>,
}

impl CountTableOptions {
    /// Forces the field delimiter.
    ///
    /// ```
    /// let options = gptomics_seqio::counts::CountTableOptions::default().delimiter(b';');
    /// assert_eq!(options.delimiter, Some(b';'));
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Rounds fractional counts half to even instead of rejecting them.
    ///
    /// ```
    /// let options = gptomics_seqio::counts::CountTableOptions::default().round_non_integer(true);
    /// assert!(options.round_non_integer);
    /// ```
    pub fn round_non_integer(mut self, round: bool) -> Self {
        self.round_non_integer = round;
        self
    }

    /// Reads the table as samples (rows) × genes (columns).
    ///
    /// ```
    /// let options = gptomics_seqio::counts::CountTableOptions::default().samples_as_rows(true);
    /// assert!(options.samples_as_rows);
    /// ```
    pub fn samples_as_rows(mut self, samples_as_rows: bool) -> Self {
        self.samples_as_rows = samples_as_rows;
        self
    }

    /// Keeps the named column as annotation; may be called several times.
    ///
    /// ```
    /// let options = gptomics_seqio::counts::CountTableOptions::default().annotation_column("entrez");
    /// assert_eq!(options.annotation_columns, ["entrez"]);
    /// ```
    pub fn annotation_column(mut self, name: impl Into<String>) -> Self {
        self.annotation_columns.push(name.into());
        self
    }
}
