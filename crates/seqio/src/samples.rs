//! Sample metadata: sample sheets (CSV/TSV), GEO series matrices, and their check against a count table.
//!
//! A [`SampleSheet`] is samples in order plus named metadata columns (`condition`, `tissue`, ...), all
//! kept as text. It comes from:
//!
//! - a CSV or TSV sheet ([`SampleSheet::from_path`]): the sample names are the column named `sample`,
//!   `sample_id`, `sample_name`, `name`, `run` or `geo_accession` (case-insensitive, in that priority),
//!   else the one given in [`SampleSheetOptions`], else the first column (R's `write.csv` row names);
//! - a GEO `*_series_matrix.txt[.gz]` ([`SampleSheet::from_series_matrix`]): samples named by GSM
//!   accession, with `title`, `source_name_ch1`, `description` and one column per
//!   `!Sample_characteristics_ch1` key (`characteristics_<key>` when the key is one of those names).
//!
//! Before an analysis, [`SampleSheet::require_match`] (or [`SampleSheet::align_to`], which also reorders
//! the sheet to the table's column order) fails, naming every culprit, when the sheet and a count table
//! disagree; [`SampleSheet::match_by_column`] does the same through another column, e.g. `title` when the
//! table is named by title rather than accession.
//!
//! ```
//! use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};
//!
//! let text = b"\"\",\"condition\"\n\"s1\",\"A\"\n\"s2\",\"B\"\n\"s3\",\"A\"\n";
//! let sheet = SampleSheet::from_reader(&text[..], "meta.csv", &SampleSheetOptions::default())?;
//! assert_eq!(sheet.levels("condition"), Some(vec!["A".to_string(), "B".to_string()]));
//! let table = ["s1", "s2", "s3"]; // or a CountTable's `samples()`
//! assert!(sheet.check_against(&table).is_consistent());
//! assert!(sheet.require_match(&table[..2]).is_err()); // the sheet names s3, the table lacks it
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

mod check;
mod options;
mod reader;
mod series_matrix;
mod sheet;

pub use self::{
    check::SampleCheck,
    options::{SAMPLE_COLUMN_NAMES, SampleSheetOptions},
    sheet::SampleSheet,
};
