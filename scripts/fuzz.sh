#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 300), two at a time, seeding each corpus with
# slices of the real reference files. cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. Install once: cargo install cargo-fuzz --locked
# Usage: scripts/fuzz.sh [SECONDS]   (logs in fuzz/logs/, summary lines on stdout)
set -euo pipefail
seconds=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${GPTOMICS_TEST_DATA:-$root/../shared/data}
cd "$root/fuzz"
mkdir -p logs corpus/{fastq,fasta,count_table,gtf}
if [ -d "$data" ]; then
  set +o pipefail # head closes the pipe early; zcat's SIGPIPE is expected
  zcat "$data/reads/small_sample.fastq.gz" | head -40 > corpus/fastq/seed_real.fq
  head -20 "$data/genomes/sars_cov_2.fa" > corpus/fasta/seed_real.fa
  head -12 "$data/deseq2/synthetic_counts.csv" > corpus/count_table/seed_counts.csv
  cp "$data/deseq2/synthetic_metadata.csv" corpus/count_table/seed_metadata.csv
  zcat "$data/annotation/ensembl_chr21.gtf.gz" | head -60 > corpus/gtf/seed.gtf
  zcat "$data/annotation/ensembl_chr21.gff3.gz" | head -60 > corpus/gtf/seed.gff3
  set -o pipefail
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
run() {
  cargo fuzz run -O "$1" -- -max_total_time="$seconds" -rss_limit_mb=2048 > "logs/$1.log" 2>&1
  echo "$1: $(grep -E '^Done [0-9]+ runs' "logs/$1.log" || echo 'no summary: see fuzz/logs')"
}
run fastq & run fasta & wait
run count_table & run gtf & wait
