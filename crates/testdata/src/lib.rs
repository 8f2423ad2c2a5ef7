//! Test support for the gptomics workspace (a dev-dependency only): where the real reference files live.
//!
//! Tests read public reference data (genomes, reads, annotations, DESeq2 outputs, DNABERT vocabularies)
//! from `GPTOMICS_TEST_DATA`, by default `../shared/data` beside the workspace; the files are never copied
//! into the repository. When the folder is absent a test skips with a printed reason, except under
//! `CI=true`, where absence is a failure. Unlike the library crates, this one prints and panics: that is
//! how a test reports.

use std::path::PathBuf;

/// The reference data folder, or `None` (after printing why) when it is absent outside CI.
///
/// # Panics
/// Under `CI=true` when the folder is absent: CI must exercise the real files.
pub fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GPTOMICS_TEST_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(!ci, "reference data missing at {} (CI=true requires it)", dir.display());
    eprintln!("skipping: reference data not found at {} (set GPTOMICS_TEST_DATA)", dir.display());
    None
}

/// A file under the reference data folder, or `None` (test skipped) when the folder is absent.
pub fn data_file(relative: &str) -> Option<PathBuf> {
    data_dir().map(|d| d.join(relative))
}
