//! One TSV row of statistics per FASTA/FASTQ file (plain, gzip or BGZF).
//!
//! ```text
//! cargo run --release --example seqstats -- genome.fa reads.fastq.gz
//! ```
//!
//! Columns: file, format, records, bases, GC %, min/mean/max length, mean Phred quality (FASTQ; `NA` for
//! FASTA). Exits with status 1 and the error (file, line, record, reason) on the first bad input.

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;
use gptomics::seqio::stats::file_stats;

/// Statistics of FASTA and FASTQ files, one TSV row each.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// FASTA or FASTQ files, plain, gzip or BGZF (the format is detected from the content).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    println!("file\tformat\trecords\tbases\tgc_percent\tmin_length\tmean_length\tmax_length\tmean_quality");
    for file in &args.files {
        let stats = match file_stats(file) {
            Ok(stats) => stats,
            Err(e) => {
                eprintln!("seqstats: {e}");
                return ExitCode::FAILURE;
            }
        };
        let s = &stats.summary;
        let fixed = |v: Option<f64>| v.map_or("NA".to_string(), |v| format!("{v:.2}"));
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            file.display(),
            stats.format.name(),
            s.reads(),
            s.bases(),
            fixed(s.gc_percent()),
            s.min_length().map_or("NA".to_string(), |l| l.to_string()),
            fixed(s.mean_length()),
            s.max_length(),
            fixed(s.mean_quality()),
        );
    }
    ExitCode::SUCCESS
}
