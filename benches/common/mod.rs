//! Shared by the benches: a deterministic generator, so every run (and the Python side of
//! scripts/bench_bpe.py, which reads what the bench writes) sees the same data.

/// xorshift64 (Marsaglia 2003): fast and good enough for synthetic sequences; not for statistics.
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
