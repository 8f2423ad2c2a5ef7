#!/usr/bin/env python3
"""Loads a checkpoint that gptomics exported (`save_pretrained`) with HuggingFace transformers and prints
transformers' last-token logits (and final hidden state) for the same ids, in `examples/gpt2_logits.rs`'s
JSON, so the two can be compared number for number; with --compare FILE it compares against our JSON.

Usage: venv/bin/python scripts/check_gpt2_export.py DIR --ids "1,2,3;4,5" [--compare ours.json]
"""

import argparse
import json

import torch
from transformers import GPT2LMHeadModel


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--ids", required=True)
    p.add_argument("--compare")
    a = p.parse_args()
    seqs = [[int(x) for x in s.split(",")] for s in a.ids.split(";")]
    model = GPT2LMHeadModel.from_pretrained(a.dir, attn_implementation="eager").eval()
    pad = model.config.pad_token_id or 0
    t = max(len(s) for s in seqs)
    ids = torch.tensor([s + [pad] * (t - len(s)) for s in seqs])
    mask = torch.tensor([[1] * len(s) + [0] * (t - len(s)) for s in seqs])
    with torch.no_grad():
        out = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
    last = [len(s) - 1 for s in seqs]
    theirs = {
        "logits": [out.logits[b, i].tolist() for b, i in enumerate(last)],
        "hidden": [out.hidden_states[-1][b, i].tolist() for b, i in enumerate(last)],
    }
    if a.compare:
        ours = json.load(open(a.compare))
        for key in ours:
            diff = max(abs(x - y) for ro, rt in zip(ours[key], theirs[key]) for x, y in zip(ro, rt))
            print(f"{key}: max |ours - transformers| = {diff:.3e}")
    else:
        print(json.dumps(theirs))


if __name__ == "__main__":
    main()
