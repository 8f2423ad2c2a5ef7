//! bpe
