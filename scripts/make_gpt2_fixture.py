#!/usr/bin/env python3
"""Parity fixture for gptomics-gpt2: a tiny random HuggingFace GPT-2 and its outputs.

Builds a GPT-2 with a small non-square shape (3 layers, 4 heads, n_embd 48, vocab 1,000, n_positions 128),
randomises EVERY parameter (HuggingFace's own init leaves LayerNorm weights at 1 and biases at 0, which would
hide a gamma/beta or bias mix-up), and writes to crates/gpt2/tests/fixtures/tiny_gpt2/:

  model.safetensors      a GPT2ForSequenceClassification checkpoint (`transformer.*` + `score.weight`), the
                         layout `save_pretrained` writes; the LM head is tied to `transformer.wte.weight`
  config.json            its HuggingFace config (num_labels 3, pad_token_id 0)
  inputs.json            input ids (right-padded with 0), attention mask, LM labels (-100 at padding)
  reference.safetensors  transformers' outputs, float32, eager attention:
                           lm_logits [B, T, V], lm_loss [1], hidden_states [L+1, B, T, C],
                           attentions [L, B, H, T, T], cls_logits [B, 3],
                           grad.<param> for a few parameters of the LM loss
  versions.json          torch / transformers versions that made it

Run: python3 -m venv venv && venv/bin/pip install torch transformers safetensors
     venv/bin/python scripts/make_gpt2_fixture.py
"""

import json
import os

import torch
import transformers
from safetensors.torch import save_file
from transformers import GPT2Config, GPT2ForSequenceClassification, GPT2LMHeadModel

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "gpt2", "tests", "fixtures", "tiny_gpt2")
GRAD_PARAMS = [
    "transformer.ln_f.weight",
    "transformer.h.0.attn.c_attn.bias",
    "transformer.h.1.attn.c_proj.weight",
    "transformer.h.2.mlp.c_fc.weight",
    "transformer.wpe.weight",
]


def main():
    torch.manual_seed(20261201)
    config = GPT2Config(
        vocab_size=1000,
        n_positions=128,
        n_embd=48,
        n_layer=3,
        n_head=4,
        activation_function="gelu_new",
        resid_pdrop=0.0,
        embd_pdrop=0.0,
        attn_pdrop=0.0,
        layer_norm_epsilon=1e-5,
        num_labels=3,
        pad_token_id=0,
        bos_token_id=999,
        eos_token_id=999,
        attn_implementation="eager",
    )
    cls = GPT2ForSequenceClassification(config).eval()
    with torch.no_grad():
        for name, p in cls.named_parameters():
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight"):
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
            else:
                p.copy_(0.08 * torch.randn_like(p))

    lm = GPT2LMHeadModel(config).eval()
    missing, unexpected = lm.load_state_dict(cls.state_dict(), strict=False)
    assert [k for k in missing if k != "lm_head.weight"] == [], missing
    assert unexpected == ["score.weight"], unexpected
    lm.tie_weights()
    assert torch.equal(lm.lm_head.weight, cls.transformer.wte.weight)

    lengths = [10, 7, 4]
    T = max(lengths)
    gen = torch.Generator().manual_seed(7)
    ids = torch.randint(1, config.vocab_size, (len(lengths), T), generator=gen)
    mask = torch.zeros_like(ids)
    for b, n in enumerate(lengths):
        mask[b, :n] = 1
        ids[b, n:] = config.pad_token_id
    labels = ids.masked_fill(mask == 0, -100)

    out = lm(input_ids=ids, attention_mask=mask, labels=labels, output_hidden_states=True, output_attentions=True)
    out.loss.backward()
    params = dict(lm.named_parameters())
    with torch.no_grad():
        cls_logits = cls(input_ids=ids, attention_mask=mask).logits

    ref = {
        "lm_logits": out.logits.detach(),
        "lm_loss": out.loss.detach().reshape(1),
        "hidden_states": torch.stack(out.hidden_states).detach(),
        "attentions": torch.stack(out.attentions).detach(),
        "cls_logits": cls_logits,
    }
    for name in GRAD_PARAMS:
        ref["grad." + name] = params[name].grad.detach().clone()

    os.makedirs(OUT, exist_ok=True)
    cls.save_pretrained(OUT, safe_serialization=True)
    save_file({k: v.contiguous().float() for k, v in ref.items()}, os.path.join(OUT, "reference.safetensors"))
    with open(os.path.join(OUT, "inputs.json"), "w") as f:
        json.dump({"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "labels": labels.tolist()}, f)
        f.write("\n")
    with open(os.path.join(OUT, "versions.json"), "w") as f:
        json.dump({"torch": torch.__version__, "transformers": transformers.__version__}, f)
        f.write("\n")
    for name in sorted(os.listdir(OUT)):
        print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes")


if __name__ == "__main__":
    main()
