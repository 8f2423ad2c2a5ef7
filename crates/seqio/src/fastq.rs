//! fastq (being written).
