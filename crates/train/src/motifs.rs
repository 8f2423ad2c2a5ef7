//! Attention-derived motifs ("ALRW"): where a classifier looks in a sequence, and which k-mers of those
//! places are enriched in the class, as DNABERT's motif analysis does.
//!
//! This module is the model-free half: it takes per-token scores already computed from a model and
//! does the rest. Steps, with the seed study's parameters:
//!
//! 1. *Token scores* (the caller): one score per token, e.g. the attention of the pooling token to
//!    every token in the last layer, summed over heads (DNABERT: the `[CLS]` row of layer 12).
//! 2. *Per-base profile*, [`base_scores`]: each token's score is spread evenly over the bases its
//!    offsets cover, each base averaged over the tokens covering it, the vector scaled to unit L2 norm.
//!    [`class_profile`] averages a class's profiles position-wise for plots.
//! 3. *High-attention regions*, [`high_attention_regions`] with [`RegionRule::default`]: bases scoring
//!    above the profile's mean and above 10 × its minimum, in runs of at least 8, widened by 4 bases
//!    each side, overlapping results merged.
//! 4. *Enriched k-mers*, [`kmer_enrichment`]: every k-mer inside the class's regions is counted by
//!    presence in the class's sequences and in the others, tested with a one-sided Fisher's exact test
//!    (the hypergeometric upper tail) and Benjamini–Hochberg adjusted over all candidates.
//! 5. *Reports*, [`write_regions_bed`], [`write_regions_tsv`], [`write_enrichment_tsv`].
//!
//! ```
//! use gptomics_train::motifs::{RegionRule, base_scores, high_attention_regions, kmer_enrichment};
//! let seq: &[u8] = b"TTTTTTTTTTGATAAGATAATTTTTTTTTT";
//! // Overlapping 3-mer tokens; attention is high on those lying inside bases 10..20.
//! let offsets: Vec<(usize, usize)> = (0..28).map(|i| (i, i + 3)).collect();
//! let attention: Vec<f64> = (0..28).map(|i| if (10..=17).contains(&i) { 1.0 } else { 0.01 }).collect();
//! let profile = base_scores(&attention, &offsets, seq.len())?;
//! let regions = high_attention_regions(&profile, &RegionRule::default());
//! assert_eq!((regions[0].start, regions[0].end), (6, 24)); // bases 10..20, widened by 4
//! let other: &[u8] = &[b'T'; 30];
//! let kmers = kmer_enrichment(&[seq], &[regions], &[other], 4)?;
//! // A k-mer of GATAAGATAA, in the class's one sequence only, then TTTT, in both.
//! assert!((kmers[0].p_value - 0.5).abs() < 1e-12);
//! assert!(kmers.last().is_some_and(|k| k.kmer == "TTTT" && (k.p_value - 1.0).abs() < 1e-12));
//! # Ok::<(), gptomics_train::Error>(())
//! ```
//!
//! # Where this differs from DNABERT
//!
//! Read from <https://github.com/jerryji1993/DNABERT>: `examples/run_finetune.py` (`visualize`),
//! `examples/visualize.py` (`get_real_score`), `motif/find_motifs.py` and `motif/motif_utils.py`.
//!
//! - *Profile.* DNABERT adds a k-mer's whole score to each of its k bases before averaging; spreading
//!   `score / k` differs by the constant k, which the L2 normalisation removes, so fixed-k profiles are
//!   identical. Spreading is what makes variable-length (BPE) tokens comparable, which DNABERT lacks.
//!   DNABERT also runs over all `max_seq_length` positions: `[SEP]` (score zeroed) and padding count as
//!   zero-score tokens, so its last k − 1 bases are averaged with zeros; here special tokens (empty
//!   offsets) neither add nor count.
//! - *Class profile.* DNABERT has none; regions are always found per sequence, as here.
//! - *Regions.* Same rule (`find_high_attention`: above the mean, above 10 × the minimum, runs of at
//!   least `min_len`, default 5 in `find_motifs.py`; we use 8). DNABERT does not widen runs; after
//!   testing it centres each motif instance in a fixed 24-base window (`make_window`), dropping windows
//!   that would leave the sequence. We widen by 4 (clamped) and merge instead. With a minimum of 0 the
//!   ratio test is `score > 0` in both.
//! - *Candidates and test.* DNABERT tests each distinct high-attention region string (variable length)
//!   of the positive class against the negative class (labels 1 and 0), counting presence per sequence
//!   with Aho–Corasick, case as given; `hypergeom.sf(x - 1, N, K, n)` with statsmodels' `fdr_bh`, the
//!   same p-values as ours. We test fixed-length k-mers from the regions, upper-cased and ACGT only, of
//!   any class against all other sequences, and report an odds ratio DNABERT does not.
//! - *Left out.* DNABERT's p < 0.005 filter (the caller's cut-off), the alignment-based merging of
//!   similar motifs (`merge_motifs`), the 24-base windows, the minimum of 3 instances and the weblogos.

pub mod enrichment;
pub mod output;
pub mod profile;
pub mod regions;

pub use self::{
    enrichment::{KmerEnrichment, kmer_enrichment},
    output::{write_enrichment_tsv, write_regions_bed, write_regions_tsv},
    profile::{base_scores, class_profile},
    regions::{Region, RegionRule, high_attention_regions, overlaps},
};
