//! The learning-rate schedule: linear warmup then cosine decay to zero, step for step HuggingFace's
//! `get_cosine_schedule_with_warmup` (so runs compare with `transformers` Trainer runs).

/// Cosine decay with linear warmup over `total_steps` optimizer steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CosineWarmup {
    /// The peak learning rate.
    pub peak: f64,
    /// Steps of linear warmup: `ceil(warmup_ratio × total_steps)`, as `TrainingArguments` computes it.
    pub warmup_steps: u64,
    /// All optimizer steps of the run.
    pub total_steps: u64,
}

impl CosineWarmup {
    /// The schedule for `total_steps` with `warmup_ratio` of them warming up.
    pub fn new(peak: f64, warmup_ratio: f64, total_steps: u64) -> Self {
        Self { peak, warmup_steps: (warmup_ratio * total_steps as f64).ceil() as u64, total_steps }
    }

    /// The learning rate of optimizer step `step` (0-based). As in HuggingFace, the first step of a
    /// warmup is taken at rate 0.
    ///
    /// ```
    /// use gptomics_train::schedule::CosineWarmup;
    /// let s = CosineWarmup::new(1e-3, 0.1, 100);
    /// assert_eq!((s.lr(0), s.lr(5)), (0.0, 5e-4));
    /// assert!((s.lr(10) - 1e-3).abs() < 1e-18 && (s.lr(55) - 5e-4).abs() < 1e-12 && s.lr(100) == 0.0);
    /// ```
    pub fn lr(&self, step: u64) -> f64 {
        if step < self.warmup_steps {
            return self.peak * step as f64 / self.warmup_steps.max(1) as f64;
        }
        let progress =
            (step - self.warmup_steps) as f64 / (self.total_steps.saturating_sub(self.warmup_steps)).max(1) as f64;
        self.peak * (0.5 * (1.0 + (std::f64::consts::PI * progress).cos())).max(0.0)
    }
}
