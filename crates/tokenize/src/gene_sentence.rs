//! Gene sentences (being written).
