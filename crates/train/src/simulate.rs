//! Generated sequence sets with a known answer, for tests and demonstrations of motif discovery: random
//! DNA, half of it carrying a planted motif at a random position. A model that works must separate the
//! classes, and its attention must point at the motif.

use crate::data::{Dataset, Targets};
use crate::error::{Error, Result};
use crate::rng::SplitMix64;

/// A planted-motif set: the dataset (class `1` carries the motif) and, per sequence, where the motif was
/// planted (`None` for class `0`).
#[derive(Clone, Debug)]
pub struct PlantedMotif {
    /// The sequences, ids `seq{i}`, classes `0` and `1`.
    pub dataset: Dataset,
    /// Half-open base range of the planted motif, per sequence.
    pub sites: Vec<Option<(usize, usize)>>,
}

/// `n` uniform random sequences of `length` bases; every other one (odd indices) gets `motif` written at a
/// uniform random position. Deterministic in `seed`.
///
/// ```
/// use gptomics_train::simulate::planted_motif;
/// let set = planted_motif(10, 50, b"TATAAAAGGC", 1)?;
/// let (start, end) = set.sites[1].expect("odd sequences carry the motif");
/// assert_eq!(&set.dataset.sequences[1][start..end], b"TATAAAAGGC");
/// assert_eq!(set.dataset.labels(), Some(&[0, 1, 0, 1, 0, 1, 0, 1, 0, 1][..]));
/// # Ok::<(), gptomics_train::Error>(())
/// ```
pub fn planted_motif(n: usize, length: usize, motif: &[u8], seed: u64) -> Result<PlantedMotif> {
    if motif.is_empty() || motif.len() > length || n == 0 {
        return Err(Error::InvalidConfig(format!(
            "cannot plant a {}-base motif in {n} sequences of {length} bases",
            motif.len()
        )));
    }
    let mut rng = SplitMix64::new(seed);
    let (mut sequences, mut sites, mut labels) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let mut sequence: Vec<u8> = (0..length).map(|_| b"ACGT"[rng.below(4)]).collect();
        if i % 2 == 1 {
            let start = rng.below(length - motif.len() + 1);
            sequence[start..start + motif.len()].copy_from_slice(motif);
            sites.push(Some((start, start + motif.len())));
        } else {
            sites.push(None);
        }
        labels.push(i % 2);
        sequences.push(sequence);
    }
    Ok(PlantedMotif {
        dataset: Dataset {
            ids: (0..n).map(|i| format!("seq{i}")).collect(),
            sequences,
            targets: Targets::Classes { names: vec!["0".into(), "1".into()], labels },
            groups: None,
        },
        sites,
    })
}
