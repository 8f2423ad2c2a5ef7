#!/usr/bin/env python3
"""The peer of examples/gpt2_throughput.rs: HuggingFace GPT2LMHeadModel from the same preset, random weights and
random token ids, timed the same way (warm-up steps excluded, device synchronised before each clock read,
median of the timed steps), printing one JSON line with the same keys.

  python benches/gpu/pytorch_gpt2.py --preset small --batch 4 --seq 256 --mode train --device cpu
  python benches/gpu/pytorch_gpt2.py --preset xl --batch 8 --seq 1024 --mode train --device cuda --bf16 [--compile]

On CUDA: SDPA attention, bf16 autocast with --bf16, AdamW (fused where available), torch.compile with --compile.
"""

import argparse
import json
import resource
import statistics
import time

import torch
from transformers import GPT2Config, GPT2LMHeadModel

PRESETS = {
    "tiny": dict(n_layer=2, n_embd=128, n_head=4, n_positions=256),
    "small": dict(n_layer=12, n_embd=768, n_head=12),
    "medium": dict(n_layer=24, n_embd=1024, n_head=16),
    "large": dict(n_layer=36, n_embd=1280, n_head=20),
    "xl": dict(n_layer=48, n_embd=1600, n_head=25),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--preset", default="small", choices=PRESETS)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--mode", default="forward", choices=["forward", "train"])
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--bf16", action="store_true", help="bf16 autocast (CUDA)")
    p.add_argument("--compile", action="store_true", help="torch.compile the model")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=0, help="CPU threads (0 = torch default)")
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dev = torch.device(a.device)
    cfg = GPT2Config(**PRESETS[a.preset], resid_pdrop=0.1, embd_pdrop=0.1, attn_pdrop=0.1,
                     attn_implementation="sdpa")
    model = GPT2LMHeadModel(cfg).to(dev)
    params = model.num_parameters()
    if a.compile:
        model = torch.compile(model)
    sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)
    opt = None
    if a.mode == "train":
        model.train()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01, fused=a.device == "cuda")
    else:
        model.eval()
    amp = torch.autocast(a.device, dtype=torch.bfloat16, enabled=a.bf16)
    times, losses = [], []
    for step in range(a.warmup + a.steps):
        ids = torch.randint(0, cfg.vocab_size, (a.batch, a.seq), device=dev)
        sync()
        t0 = time.perf_counter()
        if a.mode == "train":
            with amp:
                loss = model(input_ids=ids, labels=ids).loss
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
        else:
            with torch.no_grad(), amp:
                logits = model(input_ids=ids).logits
        sync()
        dt = time.perf_counter() - t0
        if a.mode == "forward":
            with torch.no_grad():
                loss = torch.nn.functional.cross_entropy(
                    logits[:, :-1].float().reshape(-1, cfg.vocab_size), ids[:, 1:].reshape(-1))
        if step >= a.warmup:
            times.append(dt)
            losses.append(loss.item())
    med = statistics.median(times)
    tokens = a.batch * a.seq
    flops_per_token = 6 * params + 6 * cfg.n_layer * cfg.n_embd * a.seq
    if a.mode == "forward":
        flops_per_token /= 3
    peak_gpu = torch.cuda.max_memory_allocated() if a.device == "cuda" else None
    print(json.dumps({
        "peer": "pytorch", "torch": torch.__version__, "preset": a.preset, "params": params, "batch": a.batch,
        "seq": a.seq, "mode": a.mode, "device": a.device, "bf16": a.bf16, "compile": a.compile,
        "threads": torch.get_num_threads(), "tokens_per_s": tokens / med, "step_s_median": med,
        "step_s_min": min(times), "step_s_max": max(times), "flops_per_s": flops_per_token * tokens / med,
        "mean_loss": sum(losses) / len(losses),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "peak_gpu_bytes": peak_gpu,
    }))


if __name__ == "__main__":
    main()
