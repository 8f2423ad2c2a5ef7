//! samples (being written).
