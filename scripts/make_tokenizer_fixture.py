#!/usr/bin/env python3
"""Writes the BPE parity fixture that crates/tokenize/tests/bpe_parity.rs checks our BpeTokenizer against.

Run from the repository root with a Python that has PyPI `tokenizers` (0.23.x):

    .venv/bin/python scripts/make_tokenizer_fixture.py

Reads the reference data folder (GPTOMICS_TEST_DATA, default ../shared/data relative to the repository
root) and writes, under crates/tokenize/tests/fixtures/:

- gpt2_bytelevel_dna.json: a GPT-2-style byte-level BPE (ByteLevel pre-tokenizer, post-processor and
  decoder, `<|endoftext|>`, vocab 1,000) trained here on some of the fixture's sequences;
- bpe_parity.json: the sequences, and for each the ids, offsets and special-tokens mask that Python's
  `tokenizers` gives with (a) DNABERT-2's tokenizer.json, truncation and padding disabled, and (b) the
  byte-level BPE above; plus (c) the vocabulary and merges of a DNA BPE trained with the settings and
  chunking of our Rust `train_dna_bpe` on the SARS-CoV-2 genome.

Random sequences are stored inline. Real genome slices are NOT copied into the repository: they are stored
as references {"file", "contig", "start" (0-based), "len", "lower": [[a, b], ...], "n": [[a, b], ...]}
(half-open ranges relative to the slice that are lowercased, then set to N) that the Rust test rebuilds
from the same data folder.
"""

import json
import os
import random
import sys
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("GPTOMICS_TEST_DATA", ROOT.parent / "shared" / "data"))
FIXTURES = ROOT / "crates" / "tokenize" / "tests" / "fixtures"
GENOMES = ["genomes/sars_cov_2.fa", "genomes/hg38.chr1.f100k.fa"]
# Settings of the Rust test's train_dna_bpe call; chunking and specials mirror crates/tokenize/src/bpe/trainer.rs.
DNA_BPE = {"vocab_size": 500, "max_token_length": 32, "chunk_len": 1000, "min_frequency": 2}
DNA_SPECIALS = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"]


def read_fasta(path):
    """{contig: sequence} of a FASTA file; the contig is the header's first word."""
    contigs, name = {}, None
    for line in path.read_text().splitlines():
        if line.startswith(">"):
            name = line[1:].split()[0]
            contigs[name] = []
        elif name is not None:
            contigs[name].append(line.strip())
    return {k: "".join(v) for k, v in contigs.items()}


def random_ranges(rng, length, count, max_len):
    ranges = []
    for _ in range(count):
        a = rng.randrange(length)
        ranges.append([a, min(length, a + rng.randint(1, max_len))])
    return ranges


def apply_ranges(seq, lower, n):
    seq = list(seq)
    for a, b in lower:
        seq[a:b] = [c.lower() for c in seq[a:b]]
    for a, b in n:
        seq[a:b] = ["N"] * (b - a)
    return "".join(seq)


def resolve(entry, genomes):
    """The sequence of a fixture entry: inline, or rebuilt from its genome reference."""
    if "seq" in entry:
        return entry["seq"]
    contig = genomes[entry["file"]][entry["contig"]]
    piece = contig[entry["start"] : entry["start"] + entry["len"]]
    return apply_ranges(piece, entry["lower"], entry["n"])


def make_sequences(rng, genomes):
    def length():  # half log-uniform (many short ones), half uniform over 1..2000
        return int(round(2000 ** rng.random())) if rng.random() < 0.5 else rng.randint(1, 2000)

    edges = [1, 2, 3, 4, 5, 7, 16, 31, 100, 127, 128, 255, 256, 511, 512, 1000, 1024, 1999, 2000]
    entries = [{"seq": "".join(rng.choice("ACGT") for _ in range(n))} for n in edges]
    entries += [{"seq": "".join(rng.choice("ACGT") for _ in range(length()))} for _ in range(81)]
    for _ in range(60):  # N runs and soft-masked (lowercase) stretches
        n = length()
        seq = "".join(rng.choice("ACGT") for _ in range(n))
        lower = random_ranges(rng, n, rng.randint(0, 3), 200)
        runs = random_ranges(rng, n, rng.randint(1, 3), 50)
        entries.append({"seq": apply_ranges(seq, lower, runs)})
    for file in GENOMES:  # real slices, by reference; hg38's first 10 kb are N and it is soft-masked
        for i in range(40):
            contig, seq = next(iter(genomes[file].items()))
            n = length()
            start = rng.randrange(len(seq) - n) if i % 8 else max(0, 10_000 - n // 2)
            edits = i % 2 == 1
            lower = random_ranges(rng, n, rng.randint(1, 3), 100) if edits else []
            runs = random_ranges(rng, n, rng.randint(1, 2), 30) if edits else []
            entries.append({"file": file, "contig": contig, "start": start, "len": n, "lower": lower, "n": runs})
    return entries


def train_gpt2_bytelevel(texts):
    """A GPT-2-style byte-level BPE: GPT-2's pre-tokenizer, post-processor and decoder settings."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=1000,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer)
    return tokenizer


def train_dna_bpe(genome):
    """What our train_dna_bpe does: uppercase, chunk, Whitespace, DNABERT-2 specials, [CLS] $A [SEP]."""
    upper, n = genome.upper(), DNA_BPE["chunk_len"]
    chunks = [upper[i : i + n] for i in range(0, len(upper), n)]
    tokenizer = Tokenizer(models.BPE(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.BpeTrainer(
        vocab_size=DNA_BPE["vocab_size"],
        min_frequency=DNA_BPE["min_frequency"],
        max_token_length=DNA_BPE["max_token_length"],
        special_tokens=DNA_SPECIALS,
        show_progress=False,
    )
    tokenizer.train_from_iterator(chunks, trainer)
    return json.loads(tokenizer.to_str())["model"]


def expected(tokenizer, sequences):
    out = []
    for seq in sequences:
        e = tokenizer.encode(seq)
        out.append({"ids": e.ids, "offsets": [list(o) for o in e.offsets], "special": e.special_tokens_mask})
    return out


def main():
    if not DATA.is_dir():
        sys.exit(f"reference data not found at {DATA} (set GPTOMICS_TEST_DATA)")
    genomes = {file: read_fasta(DATA / file) for file in GENOMES}
    rng = random.Random(20240611)
    entries = make_sequences(rng, genomes)
    sequences = [resolve(e, genomes) for e in entries]

    dnabert2 = Tokenizer.from_file(str(DATA / "dnabert2" / "tokenizer.json"))
    dnabert2.no_truncation()
    dnabert2.no_padding()
    gpt2 = train_gpt2_bytelevel(sequences[::3])
    FIXTURES.mkdir(parents=True, exist_ok=True)
    gpt2.save(str(FIXTURES / "gpt2_bytelevel_dna.json"), pretty=True)

    sars_file = GENOMES[0]
    sars_contig, sars = next(iter(genomes[sars_file].items()))
    fixture = {
        "generator": "scripts/make_tokenizer_fixture.py",
        "tokenizers_version": __import__("tokenizers").__version__,
        "sequences": entries,
        "dnabert2": expected(dnabert2, sequences),
        "gpt2_bytelevel": expected(gpt2, sequences),
        "dna_bpe_train": {"file": sars_file, "contig": sars_contig, "config": DNA_BPE, "model": train_dna_bpe(sars)},
    }
    path = FIXTURES / "bpe_parity.json"
    path.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size:,} bytes, {len(entries)} sequences)")


if __name__ == "__main__":
    main()
