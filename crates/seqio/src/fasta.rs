//! fasta (being written).
