//! Shared helpers for the integration tests: where the real reference files live.

use std::path::PathBuf;

/// The reference data folder: `GPTOMICS_TEST_DATA`, else `../shared/data` beside the workspace.
///
/// Returns `None` (after printing why) when the folder is absent, so a test can skip; under `CI=true`
/// absence is a failure, because CI must exercise the real files.
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
#[allow(dead_code)]
pub fn data_file(relative: &str) -> Option<PathBuf> {
    data_dir().map(|d| d.join(relative))
}
