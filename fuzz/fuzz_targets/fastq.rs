//! FASTQ reader and QC on arbitrary bytes: errors are fine, panics are bugs.
#![no_main]

use gptomics_seqio::fastq::{Reader, Record, Summary, qc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = qc::QcOptions {
        adapter: Some(qc::AdapterTrim::new(b"AGATCGGAAGAGC".to_vec())),
        quality_trim: Some(qc::SlidingWindow { window: 4, threshold: 20 }),
        min_length: 10,
        max_n_fraction: 0.1,
        min_mean_quality: 20.0,
    };
    let mut reader = Reader::new(data);
    let mut record = Record::default();
    let mut summary = Summary::default();
    while let Ok(n) = reader.read_record(&mut record) {
        if n == 0 {
            break;
        }
        summary.add(&record);
        let _ = options.apply(&mut record);
    }
    // Decompression is part of the entry point for files.
    if let Ok(mut input) = gptomics_seqio::io::decompress(data) {
        let _ = std::io::copy(&mut input, &mut std::io::sink());
    }
});
