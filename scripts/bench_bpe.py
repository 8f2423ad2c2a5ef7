#!/usr/bin/env python3
"""DNABERT-2 BPE encoding throughput, ours and Python `tokenizers`', side by side on the same sequences.

Run from the repository root with a Python that has PyPI `tokenizers` (0.23.x):

    .venv/bin/python scripts/bench_bpe.py

It runs `cargo bench -p gptomics --bench bpe_encode -- --report`, which writes the benchmark's 2,000
sequences of 1,000 bp to $CARGO_TARGET_DIR/bench_bpe/sequences.fa and prints our bases/s (best of 5 timing
loops: `encode` in a loop on one thread, `encode_batch` over all cores); then it encodes that FASTA with
Python's `Tokenizer.encode` in a loop and `Tokenizer.encode_batch` (best of 5 each, truncation and padding
disabled as in our BpeTokenizer) and prints both sets of figures. Needs DNABERT-2's tokenizer.json in the
reference data folder (GPTOMICS_TEST_DATA, default ../shared/data).
"""

import json
import os
import subprocess
import time
from pathlib import Path

import tokenizers
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("GPTOMICS_TEST_DATA", ROOT.parent / "shared" / "data"))
ROUNDS = 5


def best_seconds(f):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    command = ["cargo", "bench", "-q", "-p", "gptomics", "--bench", "bpe_encode", "--", "--report"]
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    ours = json.loads(out.strip().splitlines()[-1])
    fasta = Path(ours["fasta"])
    fasta = fasta if fasta.is_absolute() else ROOT / fasta
    sequences = [line for line in fasta.read_text().splitlines() if not line.startswith(">")]
    bases = sum(map(len, sequences))
    assert bases == ours["bases"], f"{bases} bases in {fasta}, the bench encoded {ours['bases']}"

    tokenizer = Tokenizer.from_file(str(DATA / "dnabert2" / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    single = bases / best_seconds(lambda: [tokenizer.encode(s) for s in sequences])
    batch = bases / best_seconds(lambda: tokenizer.encode_batch(sequences))

    print(f"DNABERT-2 BPE encode, {len(sequences):,} sequences, {bases:,} bases, {ours['threads']} threads")
    print(f"{'':32}{'gptomics (Rust)':>18}{'Python tokenizers ' + tokenizers.__version__:>28}")
    print(f"{'encode loop, 1 thread (Mb/s)':32}{ours['single_bases_per_s'] / 1e6:>18.2f}{single / 1e6:>28.2f}")
    print(f"{'encode_batch, all cores (Mb/s)':32}{ours['batch_bases_per_s'] / 1e6:>18.2f}{batch / 1e6:>28.2f}")


if __name__ == "__main__":
    main()
