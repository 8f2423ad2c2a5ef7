//! Motif recovery, the acceptance test: on 2,000 random 200 bp sequences, half carrying a planted
//! 10 bp motif at a random position, a small GPT-2 trained from scratch on 6-mers exceeds 95 % test
//! accuracy, and the seed's high-attention regions (ALRW score > mean and > 10 × min, runs of ≥ 8 bases,
//! ± 4) overlap the motif in ≥ 80 % of positive test sequences. Both are asserted.
//!
//! The model has one layer (64 wide, 2 heads). With one layer the attention from the pooling token is the
//! only path from the tokens to the prediction, so it must point at the motif; with two layers the first
//! can move the motif's signal to other positions, and the last layer's attention then points elsewhere in
//! some runs. Measured on this machine (2026-12-02): two layers on 100 bp, region overlap 32-84 % over five
//! runs; one layer on 100 bp, 7-100 % over nine runs of three variants (misses: runs of 5-7 bases above 10 × min, attention on
//! one or two 6-mers); one layer on 200 bp (the length, where the background floor is lower),
//! overlap 99.5-100 % and peak-in-motif 99.5 % in five runs, accuracy 0.9525-0.9875 at 6 epochs and 0.985
//! in two runs at 8. Four to five minutes on a 2-core CPU.

use gptomics_gpt2::Gpt2Config;
use gptomics_gpt2::backend::{Cpu, CpuAutodiff};
use gptomics_tokenize::from_spec;
use gptomics_train::attribution::alrw_profiles;
use gptomics_train::config::{Monitor, TrainConfig};
use gptomics_train::encode::EncodedSet;
use gptomics_train::motifs::{RegionRule, high_attention_regions, overlaps};
use gptomics_train::predict::evaluate_classifier;
use gptomics_train::simulate::planted_motif;
use gptomics_train::split::{Fractions, stratified_split};
use gptomics_train::task::{ModelSpec, fit_sequence_model};
use gptomics_train::trainer::RunOptions;

#[test]
fn planted_motif_is_learned_and_attended() -> Result<(), Box<dyn std::error::Error>> {
    // One rayon thread: fewer run-to-run float differences (burn's matrix products may still vary).
    let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
    let device = Default::default();
    let planted = planted_motif(2000, 200, b"TGACGTCATC", 7)?;
    let labels = planted.dataset.labels().ok_or("labels")?.to_vec();
    let split = stratified_split(&labels, Fractions { validation: 0.1, test: 0.2 }, 3)?;
    let tokenizer = from_spec("kmer:6")?;
    let spec = ModelSpec {
        config: Gpt2Config::new(tokenizer.vocab_size(), 256, 64, 1, 2),
        ..ModelSpec::preset("tiny", tokenizer.vocab_size())?
    };
    let all = EncodedSet::new(&planted.dataset, tokenizer.as_ref(), spec.max_len(), None)?;
    let (train, valid, test) = (all.subset(&split.train), all.subset(&split.validation), all.subset(&split.test));

    // Selected on validation loss, not accuracy: accuracy saturates at epoch 1-2, and the tie would keep
    // that early model, whose attention is still diffuse.
    let config =
        TrainConfig { max_epochs: 8, learning_rate: 2e-3, monitor: Monitor::loss(), ..TrainConfig::from_scratch() };
    let model = spec.sequence_model::<CpuAutodiff>(2, config.seed, &device)?;
    let trained =
        fit_sequence_model(model, &train, Some(&valid), &config, &RunOptions::default(), &device, &mut |_| {})?;
    let accuracy = evaluate_classifier::<Cpu>(&trained.model, &test, 64, &device)?.metrics["accuracy"];

    let profiles = alrw_profiles::<Cpu>(&trained.model, &test, 64, &device)?;
    let (mut positives, mut peaks, mut regions_hit) = (0, 0, 0);
    for (row, &i) in split.test.iter().enumerate() {
        if let Some((start, end)) = planted.sites[i] {
            positives += 1;
            let p = &profiles[row];
            let peak = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
            peaks += usize::from((start..end).contains(&peak));
            let regions = high_attention_regions(p, &RegionRule::default());
            regions_hit += usize::from(regions.iter().any(|r| overlaps(r, start, end)));
        }
    }
    let (peak_rate, region_rate) = (peaks as f64 / positives as f64, regions_hit as f64 / positives as f64);
    eprintln!(
        "accuracy {accuracy:.4}; attention peak in motif {peak_rate:.3}; seed-rule region overlap {region_rate:.3}"
    );
    assert!(accuracy > 0.95, "test accuracy {accuracy}");
    assert!(region_rate >= 0.8, "high-attention regions overlap the motif in {region_rate} of positives");
    Ok(())
}
