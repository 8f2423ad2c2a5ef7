//! tsv (being written).
