//! Gene sentences of the real DESeq2 synthetic table (10 genes × 100 samples), against orders computed
//! independently in Python.

use gptomics_testdata as common;

use gptomics_seqio::counts::{CountTable, CountTableOptions};
use gptomics_tokenize::{Encoding, Result, gene_sentence::RankValueEncoder};

/// The table, or `None` (test skipped) when the reference data folder is absent.
fn table() -> Result<Option<CountTable>> {
    let Some(path) = common::data_file("deseq2/synthetic_counts.csv") else { return Ok(None) };
    Ok(Some(CountTable::from_path(path, &CountTableOptions::default())?))
}

/// The gene tokens of `encoding`, specials left out.
fn genes(encoder: &RankValueEncoder, encoding: &Encoding) -> Vec<String> {
    encoding.content_ids().filter_map(|id| encoder.vocab().id_to_token(id)).map(String::from).collect()
}

// Expected values from Python 3 (stdlib only), with the data folder as the working directory:
//
// python3 -c '
// import csv, statistics as st
// r = list(csv.reader(open("deseq2/synthetic_counts.csv")))
// S = r[0][1:]; G = [x[0] for x in r[1:]]; C = [[int(v) for v in x[1:]] for x in r[1:]]
// L = [sum(C[g][s] for g in range(len(G))) for s in range(len(S))]
// N = [[C[g][s] / L[s] * 10000 for s in range(len(S))] for g in range(len(G))]
// M = [st.median([v for v in N[g] if v > 0]) for g in range(len(G))]
// print("medians", M)
// for name in ["sample1", "sample6", "sample50", "sample100"]:
//     s = S.index(name)
//     ranked = sorted((g for g in range(len(G)) if C[g][s] > 0), key=lambda g: (-(N[g][s] / M[g]), G[g]))
//     print(name, L[s], [G[g] for g in ranked], [round(N[g][s]/M[g],4) for g in ranked])
// '

const MEDIANS: [f64; 10] = [
    245.39877300613497,
    688.7348724410947,
    128.75536480686696,
    3478.0806048411678,
    789.4171367177007,
    156.8844592100406,
    876.977207622369,
    1287.0588235294117,
    1198.0066445182724,
    322.5806451612903,
];

/// (sample, genes highest first). sample1 has no gene6 and sample6 no gene1 (zero counts).
const SENTENCES: [(&str, &[&str]); 4] = [
    ("sample1", &["gene1", "gene8", "gene9", "gene4", "gene3", "gene2", "gene5", "gene7", "gene10"]),
    ("sample6", &["gene10", "gene7", "gene9", "gene5", "gene8", "gene6", "gene3", "gene2", "gene4"]),
    ("sample50", &["gene8", "gene4", "gene2", "gene10", "gene9", "gene7", "gene1", "gene3", "gene5", "gene6"]),
    ("sample100", &["gene1", "gene6", "gene8", "gene9", "gene3", "gene7", "gene5", "gene10", "gene2", "gene4"]),
];

#[test]
fn test_fit() -> Result<()> {
    let Some(table) = table()? else { return Ok(()) };
    let encoder = RankValueEncoder::fit(&table)?;
    assert_eq!(encoder.vocab().len(), 5 + 10);
    assert_eq!(encoder.vocab().genes()[..3], ["gene1", "gene10", "gene2"]); // byte order of gene ids
    for (gene, (actual, expected)) in encoder.medians().iter().zip(MEDIANS).enumerate() {
        let actual = actual.unwrap_or(f64::NAN);
        assert!((actual - expected).abs() <= 1e-12 * expected, "gene{}: {actual} vs {expected}", gene + 1);
    }
    Ok(())
}

#[test]
fn test_encode_sample() -> Result<()> {
    let Some(table) = table()? else { return Ok(()) };
    let encoder = RankValueEncoder::fit(&table)?;
    for (sample, expected) in SENTENCES {
        let encoding = encoder.encode_sample(&table, sample)?;
        assert_eq!(genes(&encoder, &encoding), expected, "{sample}");
        let cls_sep = [encoding.ids()[0], encoding.ids()[encoding.len() - 1]];
        assert_eq!(cls_sep, [2, 3], "{sample}");
        // A gene token's offsets are its row: geneK is row K - 1 of the file.
        for (offset, gene) in encoding.offsets()[1..encoding.len() - 1].iter().zip(expected) {
            let row = gene.trim_start_matches("gene").parse::<usize>().map_or(usize::MAX, |k| k - 1);
            assert_eq!(*offset, (row, row + 1), "{sample} {gene}");
        }
    }
    Ok(())
}

#[test]
fn test_encode_table() -> Result<()> {
    let Some(table) = table()? else { return Ok(()) };
    let encoder = RankValueEncoder::fit(&table)?.with_top_n(Some(4)).with_special_tokens(false);
    let all = encoder.encode_table(&table)?;
    assert_eq!(all.len(), 100);
    for (sample, expected) in SENTENCES {
        let index = table.sample_index(sample).unwrap_or(usize::MAX);
        assert_eq!(genes(&encoder, &all[index]), expected[..4], "{sample}");
    }
    for (s, encoding) in all.iter().enumerate() {
        assert_eq!(encoding, &encoder.encode_sample(&table, &table.samples()[s])?);
    }
    Ok(())
}

#[test]
fn test_fit_samples() -> Result<()> {
    let Some(table) = table()? else { return Ok(()) };
    // Fitted on two samples only, a gene's median is the mean of its two normalised values (or the one
    // non-zero value): scales, and so sentences, depend on the reference set.
    let encoder = RankValueEncoder::fit_samples(&table, &["sample1", "sample6"])?;
    let counts = |s: usize| -> Vec<u64> { (0..10).filter_map(|g| table.count(g, s)).collect() };
    let (c1, c6) = (counts(0), counts(5));
    let (l1, l6) = (c1.iter().sum::<u64>() as f64, c6.iter().sum::<u64>() as f64);
    for (g, median) in encoder.medians().iter().enumerate() {
        let values: Vec<f64> =
            [(c1[g], l1), (c6[g], l6)].iter().filter(|(c, _)| *c > 0).map(|&(c, l)| c as f64 / l * 1e4).collect();
        let expected = values.iter().sum::<f64>() / values.len() as f64;
        assert!((median.unwrap_or(f64::NAN) - expected).abs() <= 1e-9 * expected, "gene{}", g + 1);
    }
    assert_ne!(encoder.medians()[0], RankValueEncoder::fit(&table)?.medians()[0]);
    Ok(())
}
