//! DNA tokenizers for gptomics.
//!
//! This crate turns sequences read by `gptomics-seqio` into token ids for the models: DNABERT's overlapping
//! k-mers, byte-pair encodings (DNABERT-2, GPT-2 through HuggingFace `tokenizers`) and gene sentences
//! (rank-value encoded expression profiles). It is filled by the tokenizer issue; until then it only
//! fixes its place in the data flow `seqio → tokenize → gpt2 → train`.
