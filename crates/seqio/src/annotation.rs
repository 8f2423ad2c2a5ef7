//! annotation (being written).
