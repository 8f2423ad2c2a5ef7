//! Shared by the tests that compare with R: reading `write.csv` output and comparing numbers.

use std::path::Path;

/// A CSV written by R's `write.csv`: row names and numeric columns (NA allowed).
pub struct RTable {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub values: Vec<Vec<f64>>,
}

pub fn read_r_csv(path: &Path) -> RTable {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let unquote = |s: &str| s.trim().trim_matches('"').to_string();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().expect("header").split(',').skip(1).map(unquote).collect();
    let mut rows = Vec::new();
    let mut values = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let mut cells = line.split(',');
        rows.push(unquote(cells.next().expect("row name")));
        values.push(
            cells.map(|c| if unquote(c) == "NA" { f64::NAN } else { unquote(c).parse().expect("number") }).collect(),
        );
    }
    RTable { rows, columns: header, values }
}

thread_local! {
    /// The largest relative error seen by the running test (reported with `--nocapture`).
    static WORST: std::cell::Cell<(f64, &'static str)> = const { std::cell::Cell::new((0.0, "")) };
}

pub fn assert_close(what: &str, ours: f64, theirs: f64) {
    if theirs.is_nan() || ours.is_nan() {
        assert!(theirs.is_nan() && ours.is_nan(), "{what}: ours {ours}, R {theirs} (NA pattern differs)");
        return;
    }
    let abs = (ours - theirs).abs();
    let rel = if theirs == 0.0 { abs } else { abs / theirs.abs() };
    assert!(rel <= 1e-3 || abs <= 1e-6, "{what}: ours {ours}, R {theirs}, relative error {rel:e}");
    if rel > WORST.get().0 {
        WORST.set((rel, Box::leak(what.to_string().into_boxed_str())));
    }
}

/// Prints the worst relative error of the test so far.
pub fn report(test: &str) {
    let (rel, what) = WORST.get();
    eprintln!("{test}: worst relative error {rel:.2e} ({what})");
}
