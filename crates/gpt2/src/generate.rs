//! Text (sequence) generation from a prompt: greedy, temperature, top-k and top-p (nucleus) sampling, with
//! the KV cache so each new token costs one position of compute.
//!
//! Sampling happens on the host from the last position's logits (one `[V]` read-back per token), with a
//! seeded SplitMix64 generator so that runs repeat exactly.

use burn::tensor::{Int, Tensor, TensorData, backend::Backend};

use crate::cache::KvCache;
use crate::error::{Error, Result};
use crate::lm::Gpt2LmHeadModel;
use crate::model::ForwardOptions;

/// How the next token is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerationConfig {
    /// Tokens to add at most (generation also stops at the position table's end).
    pub max_new_tokens: usize,
    /// 0 = greedy (argmax); otherwise logits are divided by it before sampling.
    pub temperature: f64,
    /// Keep only the `k` most likely tokens.
    pub top_k: Option<usize>,
    /// Keep the smallest set of most likely tokens whose probability reaches `p`.
    pub top_p: Option<f64>,
    /// Stop after emitting this token.
    pub eos_token_id: Option<u32>,
    /// Seed of the sampler.
    pub seed: u64,
}

impl Default for GenerationConfig {
    /// Greedy decoding of up to 20 tokens.
    fn default() -> Self {
        Self { max_new_tokens: 20, temperature: 0.0, top_k: None, top_p: None, eos_token_id: None, seed: 0 }
    }
}

impl<B: Backend> Gpt2LmHeadModel<B> {
    /// Continues `prompt` (token ids) and returns the new tokens only.
    pub fn generate(&self, prompt: &[u32], config: &GenerationConfig) -> Result<Vec<u32>> {
        let model_config = self.transformer.config();
        if prompt.is_empty() {
            return Err(Error::InvalidInput("empty prompt".into()));
        }
        if let Some(&id) = prompt.iter().find(|&&id| id as usize >= model_config.vocab_size) {
            return Err(Error::InvalidInput(format!(
                "prompt id {id} is outside the vocabulary of {}",
                model_config.vocab_size
            )));
        }
        let bad_temperature = config.temperature.is_nan() || config.temperature < 0.0;
        if bad_temperature || config.top_p.is_some_and(|p| p.is_nan() || p <= 0.0 || p > 1.0) {
            return Err(Error::InvalidInput("temperature must be ≥ 0 and top_p in (0, 1]".into()));
        }
        let device = self.transformer.wte.weight.device();
        let mut cache = KvCache::new(model_config.n_layer);
        let mut rng = SplitMix64(config.seed);
        let mut next_input = prompt.to_vec();
        let mut out = Vec::new();
        while out.len() < config.max_new_tokens && cache.len() + next_input.len() <= model_config.n_positions {
            let t = next_input.len();
            let ids = TensorData::new(next_input.iter().map(|&i| i64::from(i)).collect::<Vec<_>>(), [1, t]);
            let ids = Tensor::<B, 2, Int>::from_data(ids, &device);
            let logits = self.forward(ids, None, ForwardOptions::default(), Some(&mut cache))?.logits; // [1, t, V]
            let [_, _, v] = logits.dims();
            let last = logits.slice([0..1, t - 1..t, 0..v]).reshape([v]); // [V]
            let last: Vec<f32> = last
                .into_data()
                .convert::<f32>()
                .into_vec()
                .map_err(|e| Error::InvalidInput(format!("could not read logits back: {e:?}")))?;
            let token = pick(&last, config, &mut rng);
            out.push(token);
            if config.eos_token_id == Some(token) {
                break;
            }
            next_input = vec![token];
        }
        Ok(out)
    }
}

/// Chooses a token from one position's logits.
fn pick(logits: &[f32], config: &GenerationConfig, rng: &mut SplitMix64) -> u32 {
    let argmax = || logits.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |(i, _)| i as u32);
    if config.temperature == 0.0 {
        return argmax();
    }
    let mut order: Vec<usize> = (0..logits.len()).collect();
    order.sort_by(|&a, &b| logits[b].total_cmp(&logits[a]));
    if let Some(k) = config.top_k {
        order.truncate(k.max(1));
    }
    let max = f64::from(logits[order[0]]);
    let mut probs: Vec<f64> =
        order.iter().map(|&i| ((f64::from(logits[i]) - max) / config.temperature).exp()).collect();
    let total: f64 = probs.iter().sum();
    probs.iter_mut().for_each(|p| *p /= total);
    if let Some(top_p) = config.top_p {
        let mut cumulative = 0.0;
        let keep = probs
            .iter()
            .position(|p| {
                cumulative += p;
                cumulative >= top_p
            })
            .map_or(probs.len(), |i| i + 1);
        order.truncate(keep);
        probs.truncate(keep);
    }
    let total: f64 = probs.iter().sum();
    let mut u = rng.next_f64() * total;
    for (&i, p) in order.iter().zip(&probs) {
        if u < *p {
            return i as u32;
        }
        u -= p;
    }
    order[order.len() - 1] as u32
}

/// SplitMix64 (Steele et al. 2014): small, fast and good enough to draw one token at a time.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_pick_greedy_topk_topp() {
        let logits = [0.0f32, 5.0, 1.0, 4.9];
        let mut rng = SplitMix64(1);
        assert_eq!(pick(&logits, &GenerationConfig::default(), &mut rng), 1);
        let top1 = GenerationConfig { temperature: 1.0, top_k: Some(1), ..GenerationConfig::default() };
        assert_eq!(pick(&logits, &top1, &mut rng), 1);
        // top-p 0.9 keeps tokens 1 and 3 (≈ 0.52 + 0.47); token 0 and 2 are never drawn.
        let nucleus = GenerationConfig { temperature: 1.0, top_p: Some(0.9), ..GenerationConfig::default() };
        let draws: Vec<u32> = (0..200).map(|_| pick(&logits, &nucleus, &mut rng)).collect();
        assert!(draws.iter().all(|&t| t == 1 || t == 3));
        assert!(draws.contains(&1) && draws.contains(&3));
    }
}
