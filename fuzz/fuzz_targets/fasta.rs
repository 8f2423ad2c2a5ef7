//! FASTA reader on arbitrary bytes, with and without validation: errors are fine, panics are bugs.
#![no_main]

use gptomics_seqio::fasta::{ReadOptions, Reader, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for options in [ReadOptions::default(), ReadOptions { uppercase: true, validate: false }] {
        let mut reader = Reader::new(data).with_options(options);
        let mut record = Record::default();
        while let Ok(n) = reader.read_record(&mut record) {
            if n == 0 {
                break;
            }
        }
    }
});
