#!/usr/bin/env bash
# Side-by-side: R DESeq2's DESeq() + results() and our `de` example on the same simulated counts, in one
# run on one machine, then the accuracy of ours against R's table.
# Usage: scripts/bench_deseq2.sh [OUT_DIR]   (needs Rscript with DESeq2: apt-get install r-bioc-deseq2)
set -euo pipefail
out=${1:-/tmp/gptomics-bench-deseq2}
cargo build --release --example de
for size in "20000 12" "60000 100"; do
  set -- $size
  dir=$out/${1}x$2
  Rscript scripts/bench_deseq2.R "$1" "$2" "$dir"
  for run in 1 2 3; do
    /usr/bin/time -f "ours: whole run %e s, peak RSS %M KB" target/release/examples/de --timings \
      --counts "$dir/counts.csv" --metadata "$dir/samples.csv" --design "~ condition" \
      --contrast condition,B,A --out "$dir/ours.tsv"
  done
  python3 scripts/compare_de_results.py "$dir/r_results.csv" "$dir/ours.tsv"
done
