//! Reading a count table and its sample sheet for a DESeq2 run, with DESeq2's checks on them.

use std::path::Path;

use gptomics_seqio::counts::{CountTable, CountTableOptions};
use gptomics_seqio::samples::{SampleSheet, SampleSheetOptions};

use super::CountMatrix;
use crate::Result;

/// How to read the inputs.
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// The count file has samples as rows and genes as columns (PyDESeq2's layout).
    pub samples_as_rows: bool,
    /// Round non-integer counts (estimated counts from salmon/kallisto) instead of rejecting them, which is
    /// what DESeq2 does.
    pub round_non_integer: bool,
}

/// Reads counts (CSV/TSV, plain or gzip) and a sample sheet, and checks that they name the same samples.
///
/// # Errors
/// File, parse and sample-mismatch errors from `gptomics-seqio` (each names the file, line and the
/// samples at fault): non-integer counts (unless rounding), negative counts, missing values, samples
/// in one file but not the other.
pub fn read_inputs(
    counts: impl AsRef<Path>,
    metadata: impl AsRef<Path>,
    options: &InputOptions,
) -> Result<(CountMatrix, SampleSheet)> {
    let table_options = CountTableOptions::default()
        .samples_as_rows(options.samples_as_rows)
        .round_non_integer(options.round_non_integer);
    let table = CountTable::from_path(counts, &table_options)?;
    let sheet = SampleSheet::from_path(metadata, &SampleSheetOptions::default())?;
    sheet.require_match(table.samples())?;
    Ok((CountMatrix::from_table(&table)?, sheet))
}
