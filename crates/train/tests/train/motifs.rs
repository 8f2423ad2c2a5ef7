//! ALRW end to end on hand-worked data: per-base profiles, high-attention regions, k-mer enrichment
//! (against scipy) and the report files read back.

use gptomics_train::{
    Error, Result,
    motifs::{
        KmerEnrichment, Region, RegionRule, base_scores, high_attention_regions, kmer_enrichment, write_enrichment_tsv,
        write_regions_bed, write_regions_tsv,
    },
};

fn assert_close(actual: &[f64], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len(), "{actual:?} vs {expected:?}");
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!((a - e).abs() <= tol * e.abs().max(1e-300), "[{i}]: {a} vs {e} (all: {actual:?})");
    }
}

fn spans(regions: &[Region]) -> Vec<(usize, usize)> {
    regions.iter().map(|r| (r.start, r.end)).collect()
}

/// A flat profile of 0.1 with 2.0 on each of `runs`.
fn profile_with(len: usize, runs: &[(usize, usize)]) -> Vec<f64> {
    let mut profile = vec![0.1; len];
    for &(start, end) in runs {
        profile[start..end].fill(2.0);
    }
    profile
}

// ---------------------------------------------------------------- profile

#[test]
fn test_base_scores_overlapping_3mers() -> Result<()> {
    // "ACGTA" as [CLS] ACG CGT GTA [SEP]; scores 3, 6, 9 spread as 1, 2, 3 per base.
    // Base sums 1, 1+2, 1+2+3, 2+3, 3 over 1, 2, 3, 2, 1 tokens: means 1, 1.5, 2, 2.5, 3; norm √22.5.
    let offsets = [(0, 0), (0, 3), (1, 4), (2, 5), (0, 0)];
    let scores = base_scores(&[100.0, 3.0, 6.0, 9.0, 50.0], &offsets, 5)?;
    let norm = 22.5_f64.sqrt();
    assert_close(&scores, &[1.0 / norm, 1.5 / norm, 2.0 / norm, 2.5 / norm, 3.0 / norm], 1e-15);

    // DNABERT's get_real_score adds each k-mer's whole score to its bases: k times ours, the same after
    // L2 normalisation.
    let (tokens, k) = ([3.0, 6.0, 9.0], 3);
    let (mut sums, mut counts) = ([0.0; 5], [0.0; 5]);
    for (i, s) in tokens.iter().enumerate() {
        for j in 0..k {
            sums[i + j] += s;
            counts[i + j] += 1.0;
        }
    }
    let means: Vec<f64> = sums.iter().zip(counts).map(|(s, c)| s / c).collect();
    let norm = means.iter().map(|m| m * m).sum::<f64>().sqrt();
    assert_close(&scores, &means.iter().map(|m| m / norm).collect::<Vec<_>>(), 1e-15);
    Ok(())
}

#[test]
fn test_base_scores_variable_length_tokens() -> Result<()> {
    // BPE-like: [CLS] AC GTTA C [SEP] over 8 bases, the last one left uncovered (truncated).
    // AC: 8 / 2 = 4 a base; GTTA: 8 / 4 = 2; C: 1; base 7: 0. Norm √(16 + 16 + 4 × 4 + 1) = 7.
    let offsets = [(0, 0), (0, 2), (2, 6), (6, 7), (0, 0)];
    let scores = base_scores(&[5.0, 8.0, 8.0, 1.0, 5.0], &offsets, 8)?;
    assert_close(&scores, &[4.0 / 7.0, 4.0 / 7.0, 2.0 / 7.0, 2.0 / 7.0, 2.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0, 0.0], 1e-15);
    Ok(())
}

// ---------------------------------------------------------------- regions

#[test]
fn test_regions_planted_bump_found_extended_short_run_dropped() {
    // A 10-base bump at 20..30 and a 5-base one at 40..45 (shorter than 8: dropped).
    let profile = profile_with(60, &[(20, 30), (40, 45)]);
    let regions = high_attention_regions(&profile, &RegionRule::default());
    assert_eq!(spans(&regions), [(16, 34)]);
    assert!((regions[0].mean_score - (8.0 * 0.1 + 10.0 * 2.0) / 18.0).abs() < 1e-12);

    // Without widening the run comes back as found; with min_len 5 the short run is kept too.
    let bare = RegionRule { extend: 0, ..RegionRule::default() };
    assert_eq!(spans(&high_attention_regions(&profile, &bare)), [(20, 30)]);
    let short = RegionRule { min_len: 5, extend: 0, ..RegionRule::default() };
    assert_eq!(spans(&high_attention_regions(&profile, &short)), [(20, 30), (40, 45)]);
}

#[test]
fn test_regions_merge_after_extension() {
    let rule = RegionRule::default();
    // Gap 4: widened to 6..22 and 18..34, overlapping.
    let overlapping = high_attention_regions(&profile_with(60, &[(10, 18), (22, 30)]), &rule);
    assert_eq!(spans(&overlapping), [(6, 34)]);
    assert!((overlapping[0].mean_score - (16.0 * 2.0 + 12.0 * 0.1) / 28.0).abs() < 1e-12);
    // Gap 8: 6..22 and 22..38 touch, merged.
    assert_eq!(spans(&high_attention_regions(&profile_with(60, &[(10, 18), (26, 34)]), &rule)), [(6, 38)]);
    // Gap 9: 6..22 and 23..39 stay apart.
    assert_eq!(spans(&high_attention_regions(&profile_with(60, &[(10, 18), (27, 35)]), &rule)), [(6, 22), (23, 39)]);
}

#[test]
fn test_regions_minimum_zero_voids_ratio_test() {
    // A bump of 1.5 over 0.2 is above the mean but not above 10 × 0.2: no region.
    let mut profile = vec![0.2; 30];
    profile[10..20].fill(1.5);
    assert!(high_attention_regions(&profile, &RegionRule::default()).is_empty());
    // One base at 0 (e.g. uncovered) makes the ratio test `> 0`: the bump is found.
    profile[0] = 0.0;
    assert_eq!(spans(&high_attention_regions(&profile, &RegionRule::default())), [(6, 24)]);
    // A flat profile with one zero: every other base is above the mean and above 0.
    let mut flat = vec![1.0; 20];
    assert!(high_attention_regions(&flat, &RegionRule::default()).is_empty());
    flat[0] = 0.0;
    assert_eq!(spans(&high_attention_regions(&flat, &RegionRule::default())), [(0, 20)]);
}

// ---------------------------------------------------------------- enrichment

#[test]
fn test_kmer_enrichment_against_scipy() -> Result<()> {
    let class: [&[u8]; 6] =
        [b"AAACGTGAAAAA", b"TTACGTGTTTTT", b"CCACGTGCCCCC", b"ggacgtgggggg", b"AACGTGNNAAAA", b"TTTTACGTTTTT"];
    let region = |start, end| vec![Region { start, end, mean_score: 1.0 }];
    let regions = [region(2, 8), region(1, 7), region(1, 8), region(2, 7), region(0, 8), vec![]];
    let other: [&[u8]; 6] =
        [b"AAAAAAAAAAAA", b"ACGTAAAAAAAA", b"TTTTGTGATTTT", b"CCCCCCCCCCCC", b"GGGGACGTCCCC", b"TTTTTTTTTTTT"];
    let results = kmer_enrichment(&class, &regions, &other, 4)?;

    // scipy 1.17.1: fisher_exact([[a, 6 - a], [c, 6 - c]], alternative="greater").pvalue and
    // false_discovery_control(p) over the seven candidates; odds ratio ((a+.5)(d+.5))/((b+.5)(c+.5)).
    let expected: [(&str, u64, u64, f64, f64, f64); 7] = [
        ("CGTG", 5, 0, 0.007575757575757577, 0.05303030303030304, 47.666666666666664),
        ("ACGT", 6, 2, 0.030303030303030307, 0.10606060606060608, 23.4),
        ("AACG", 2, 0, 0.2272727272727273, 0.39772727272727276, 7.222222222222222),
        ("TACG", 2, 0, 0.2272727272727273, 0.39772727272727276, 7.222222222222222),
        ("CACG", 1, 0, 0.5, 0.5833333333333334, 3.5454545454545454),
        ("GTGC", 1, 0, 0.5, 0.5833333333333334, 3.5454545454545454),
        ("GTGA", 1, 1, 0.7727272727272727, 0.7727272727272727, 1.0),
    ];
    assert_eq!(results.len(), expected.len());
    for (r, &(kmer, in_class, in_other, p, q, odds)) in results.iter().zip(&expected) {
        assert_eq!((r.kmer.as_str(), r.in_class, r.in_other), (kmer, in_class, in_other));
        assert_eq!((r.class_total, r.other_total), (6, 6));
        assert_close(&[r.p_value, r.p_adjusted, r.odds_ratio], &[p, q, odds], 1e-12);
    }
    Ok(())
}

#[test]
fn test_kmer_enrichment_tiny_p_values_against_scipy() -> Result<()> {
    // scipy 1.17.1 fisher_exact(.., alternative="greater"): [[40, 10], [5, 55]] gives
    // 3.562056229277475e-15 and [[200, 800], [10, 990]] 1.0192871603267922e-51 (exact rational
    // arithmetic: 1.0192871603267929e-51).
    for (a, n1, c, n2, p) in
        [(40, 50, 5, 60, 3.562_056_229_277_475e-15), (200, 1000, 10, 1000, 1.019_287_160_326_792_2e-51)]
    {
        let with: &[u8] = b"CCGATTACACC";
        let without: &[u8] = b"CCCCCCCCCCC";
        let class: Vec<&[u8]> = (0..n1).map(|i| if i < a { with } else { without }).collect();
        let other: Vec<&[u8]> = (0..n2).map(|i| if i < c { with } else { without }).collect();
        let mut regions = vec![Vec::new(); class.len()];
        regions[0] = vec![Region { start: 2, end: 6, mean_score: 1.0 }]; // GATT only
        let results = kmer_enrichment(&class, &regions, &other, 4)?;
        assert_eq!(results.len(), 1);
        assert_eq!((results[0].kmer.as_str(), results[0].in_class, results[0].in_other), ("GATT", a as u64, c as u64));
        assert_close(&[results[0].p_value, results[0].p_adjusted], &[p, p], 1e-12);
    }
    Ok(())
}

// ---------------------------------------------------------------- output

fn read(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

fn parse<T: std::str::FromStr>(field: &str) -> T {
    field.parse().unwrap_or_else(|_| panic!("not a number: {field:?}"))
}

#[test]
fn test_output_files_parse_back() -> Result<()> {
    let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
    let sequences: [&[u8]; 2] = [b"AAACGTGAAAAATTTT", b"ttgataagataa"];
    let records = vec![
        (
            "seq1".to_string(),
            vec![Region { start: 2, end: 8, mean_score: 0.1 + 0.2 }, Region { start: 12, end: 16, mean_score: 1.5e-7 }],
        ),
        ("seq2".to_string(), vec![Region { start: 0, end: 12, mean_score: 2.0 / 3.0 }]),
        ("seq3".to_string(), vec![]),
    ];
    let flat: Vec<(&str, Region)> =
        records.iter().flat_map(|(id, regions)| regions.iter().map(move |r| (id.as_str(), *r))).collect();

    let bed = dir.path().join("regions.bed");
    write_regions_bed(&bed, &records)?;
    let text = read(&bed)?;
    assert_eq!(text.lines().count(), flat.len());
    for (n, (line, (id, region))) in text.lines().zip(&flat).enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        assert_eq!((f[0], parse::<usize>(f[1]), parse::<usize>(f[2])), (*id, region.start, region.end));
        assert_eq!((f[3], parse::<f64>(f[4]), f[5]), (format!("region_{}", n + 1).as_str(), region.mean_score, "."));
    }

    let tsv = dir.path().join("regions.tsv");
    let seqs: Vec<&[u8]> = sequences.iter().copied().chain([b"ACGT".as_slice()]).collect();
    write_regions_tsv(&tsv, &records, &seqs)?;
    let text = read(&tsv)?;
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("sequence_id\tregion\tstart\tend\tlength\tmean_score\tsequence"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], ["seq1", "region_1", "2", "8", "6", "0.30000000000000004", "ACGTGA"]);
    assert_eq!(rows[1], ["seq1", "region_2", "12", "16", "4", "1.5e-7", "TTTT"]);
    assert_eq!((rows[2][6], parse::<f64>(rows[2][5])), ("ttgataagataa", 2.0 / 3.0));

    let kmers = dir.path().join("kmers.tsv");
    let rows = [
        KmerEnrichment {
            kmer: "GATT".into(),
            in_class: 200,
            class_total: 1000,
            in_other: 10,
            other_total: 1000,
            odds_ratio: 30.9,
            p_value: 1.019_287_160_326_792_2e-51,
            p_adjusted: 2.0e-51,
        },
        KmerEnrichment {
            kmer: "CCCC".into(),
            in_class: 1000,
            class_total: 1000,
            in_other: 1000,
            other_total: 1000,
            odds_ratio: 1.0,
            p_value: 1.0,
            p_adjusted: f64::NAN,
        },
    ];
    write_enrichment_tsv(&kmers, &rows)?;
    let text = read(&kmers)?;
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("kmer\tin_class\tclass_total\tin_other\tother_total\todds_ratio\tp_value\tp_adjusted")
    );
    for (line, row) in lines.zip(&rows) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 8, "{line}");
        assert_eq!(f[0], row.kmer);
        let counts: Vec<u64> = f[1..5].iter().map(|v| parse(v)).collect();
        assert_eq!(counts, [row.in_class, row.class_total, row.in_other, row.other_total]);
        assert_eq!((parse::<f64>(f[5]), parse::<f64>(f[6])), (row.odds_ratio, row.p_value));
        if row.p_adjusted.is_nan() { assert_eq!(f[7], "NA") } else { assert_eq!(parse::<f64>(f[7]), row.p_adjusted) }
    }
    assert_eq!(text.lines().count(), 3);
    Ok(())
}
