#!/usr/bin/env bash
# GPT-2 throughput on the CPU, ours (examples/gpt2_throughput.rs, burn NdArray f32) beside PyTorch eager
# (benches/gpu/pytorch_gpt2.py, same preset and workload), one JSON line per run.
# Usage: scripts/bench_gpt2_cpu.sh PYTHON   (a python with torch + transformers)
set -euo pipefail
py=${1:-python3}
cargo build --release --example gpt2_throughput
for run in "tiny 8 256 forward 10" "tiny 8 256 train 10" "small 4 256 forward 5" "small 4 256 train 3"; do
  set -- $run
  target/release/examples/gpt2_throughput --preset "$1" --batch "$2" --seq "$3" --mode "$4" --steps "$5" --warmup 1 | tail -1
  "$py" benches/gpu/pytorch_gpt2.py --preset "$1" --batch "$2" --seq "$3" --mode "$4" --steps "$5" --warmup 1 --device cpu
done
