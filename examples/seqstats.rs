//! One TSV row of statistics per FASTA/FASTQ file (plain, gzip or BGZF).
//!
//! ```text
//! cargo run --release --example seqstats -- genome.fa reads.fastq.gz
//! ```
//!
//! Columns: file, format, records, bases, GC %, min/mean/max length, mean Phred quality (FASTQ; `NA` for
//! FASTA). Exits with status 1 and the error (file, line, record, reason) on the first bad input.

use std::process::ExitCode;

use gptomics::seqio::stats::file_stats;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("usage: seqstats FILE...  (FASTA or FASTQ, plain, gzip or BGZF)");
        return ExitCode::from(2);
    }
    println!("file\tformat\trecords\tbases\tgc_percent\tmin_length\tmean_length\tmax_length\tmean_quality");
    for file in &files {
        let stats = match file_stats(file) {
            Ok(stats) => stats,
            Err(e) => {
                eprintln!("seqstats: {e}");
                return ExitCode::FAILURE;
            }
        };
        let s = &stats.summary;
        let fixed = |v: Option<f64>, digits: usize| v.map_or("NA".to_string(), |v| format!("{v:.digits$}"));
        println!(
            "{file}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            stats.format.name(),
            s.reads(),
            s.bases(),
            fixed(s.gc_percent(), 2),
            s.min_length().map_or("NA".to_string(), |l| l.to_string()),
            fixed(s.mean_length(), 2),
            s.max_length(),
            fixed(s.mean_quality(), 2),
        );
    }
    ExitCode::SUCCESS
}
