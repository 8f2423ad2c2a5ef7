//! Gene sentences: rank-value encoding of expression profiles, so a language model reads a bulk RNA-seq
//! sample as a sequence of gene tokens.
//!
//! References: Geneformer (Theodoris et al. 2023, *Nature* 618:616, "Transfer learning enables predictions
//! in network biology"; `geneformer/tokenizer.py`) and Cell2Sentence (Levine et al. 2024). Both were
//! written for single cells; here each sample (column) of a [`CountTable`] is one "cell".
//!
//! A sample becomes a sentence in four steps, as in Geneformer's `TranscriptomeTokenizer`:
//!
//! 1. **Total-count normalisation.** Each count is divided by the sample's library size (its total over
//!    the table's genes) and multiplied by 10,000 ([`TARGET_SUM`]): counts per 10,000.
//! 2. **Scaling by the gene's non-zero median.** [`RankValueEncoder`] is fitted on reference samples (all
//!    of a table, or named ones such as a training split). A gene's scale is the median of its normalised
//!    values over the reference samples where it is detected (count > 0); zeros are left out so that
//!    rarely detected genes are not scaled by 0. A gene detected in no reference sample has no scale and
//!    is never emitted. Dividing by the median ranks a gene by how high it is *for that gene*, so that
//!    ubiquitous housekeeping genes sink and informative ones such as transcription factors rise.
//! 3. **Ranking.** Genes with a zero count are dropped; the rest are ordered by normalised value ÷ median,
//!    highest first. Ties are broken by gene id (byte order, ascending), so sentences are deterministic
//!    whatever the table's row order. Values are compared exactly (`f64`): mathematically equal ratios
//!    reached through different arithmetic may differ in the last bit.
//! 4. **Tokens.** The `top_n` highest genes (all by default; Geneformer keeps 2,048) become their
//!    [`GeneVocab`] ids, wrapped in `[CLS] … [SEP]` unless turned off.
//!
//! The [`Encoding`](crate::Encoding)'s offsets map tokens back to genes as base offsets map k-mers back to
//! DNA: a gene token's offsets are `(row, row + 1)` with `row` the gene's row in the fitted table
//! ([`RankValueEncoder::genes`]); specials have `(0, 0)`.
//!
//! Not done here: Geneformer's filtering of cells by mitochondrial reads or gene counts, its protein-coding
//! and miRNA gene selection, and saving the fitted medians (refit them from the reference table).
//!
//! ```
//! use gptomics_seqio::counts::{CountTable, CountTableOptions};
//! use gptomics_tokenize::gene_sentence::RankValueEncoder;
//!
//! let text = b"gene\ts1\ts2\ts3\nACTB\t900\t800\t700\nSOX2\t0\t10\t40\nMYC\t100\t190\t260\n";
//! let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
//! let encoder = RankValueEncoder::fit(&table)?;
//! let encoding = encoder.encode_sample(&table, "s3")?;
//! let tokens: Vec<_> = encoding.ids().iter().filter_map(|&id| encoder.vocab().id_to_token(id)).collect();
//! assert_eq!(tokens, ["[CLS]", "SOX2", "MYC", "ACTB", "[SEP]"]); // highest relative to its own median first
//! assert_eq!(encoding.offsets()[1], (1, 2)); // SOX2 is row 1
//! # Ok::<(), gptomics_tokenize::Error>(())
//! ```
//!
//! [`CountTable`]: gptomics_seqio::counts::CountTable

mod encoder;
mod vocab;

pub use self::{
    encoder::{RankValueEncoder, TARGET_SUM},
    vocab::GeneVocab,
};
