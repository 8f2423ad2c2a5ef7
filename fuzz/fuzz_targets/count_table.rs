//! Count tables and sample sheets on arbitrary bytes, under each layout option: errors are fine, panics are
//! bugs.
#![no_main]

use gptomics_seqio::{
    counts::{CountTable, CountTableOptions},
    samples::{SampleSheet, SampleSheetOptions},
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let layouts = [
        CountTableOptions::default(),
        CountTableOptions::default().round_non_integer(true),
        CountTableOptions::default().samples_as_rows(true),
    ];
    for options in &layouts {
        if let Ok(table) = CountTable::from_reader(data, "fuzz", options) {
            let _ = table.library_sizes();
            let mut out = Vec::new();
            let _ = table.write_tsv(&mut out);
        }
    }
    let _ = SampleSheet::from_reader(data, "fuzz", &SampleSheetOptions::default());
    let _ = SampleSheet::from_series_matrix_reader(data, "fuzz");
});
