//! Sequence fields: validation against the nucleotide alphabet and reassembly of DNABERT's overlapping
//! k-mers.
//!
//! DNABERT writes a sequence as its overlapping k-mers separated by spaces (`ACGTAC CGTACG GTACGT`, stride
//! 1). The bases are the first k-mer followed by the last base of each later k-mer, and every pair of
//! neighbours must share k−1 bases. Disjoint (stride-k) k-mers are not accepted: they are not what DNABERT
//! writes, and accepting both would make a mistyped file silently mean something else.

use gptomics_seqio::fasta::alphabet::is_iupac;

/// Whether `base` (any case) is a nucleotide letter: `ACGTN`, `U` or an IUPAC ambiguity code. Gap symbols
/// (`-`, `.`) are not sequence.
pub(crate) fn is_base(base: u8) -> bool {
    base.is_ascii_alphabetic() && is_iupac(base)
}

/// The upper-case bases of a sequence field: plain bases, or space-separated overlapping k-mers. The error
/// is the reason, for the caller to place in its file and line.
pub(crate) fn parse_sequence(field: &str) -> Result<Vec<u8>, String> {
    let field = field.trim();
    if let Some((position, c)) =
        field.chars().enumerate().find(|&(_, c)| !(c == ' ' || (c.is_ascii() && is_base(c as u8))))
    {
        return Err(format!("invalid character {c:?} at position {} of the sequence", position + 1));
    }
    let upper = field.to_ascii_uppercase();
    let mut kmers = upper.split_ascii_whitespace();
    let Some(first) = kmers.next() else {
        return Err("empty sequence".into());
    };
    let k = first.len();
    let mut bases = first.as_bytes().to_vec();
    let mut previous = first.as_bytes();
    for (i, kmer) in kmers.enumerate() {
        let kmer = kmer.as_bytes();
        // `i` counts from the second k-mer; messages number k-mers from 1.
        let number = i + 2;
        if kmer.len() != k {
            return Err(format!("k-mer {number} has {} bases but the first has {k}", kmer.len()));
        }
        if previous[1..] != kmer[..k - 1] {
            return Err(format!(
                "k-mers {} and {number} ({} {}) do not overlap by {} bases; only overlapping (stride-1) \
                 k-mers are reassembled",
                number - 1,
                String::from_utf8_lossy(previous),
                String::from_utf8_lossy(kmer),
                k - 1,
            ));
        }
        bases.push(kmer[k - 1]);
        previous = kmer;
    }
    Ok(bases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_parse_sequence_plain_and_kmers() {
        assert_eq!(parse_sequence("acgtn").unwrap(), b"ACGTN");
        assert_eq!(parse_sequence("RYKM").unwrap(), b"RYKM");
        assert_eq!(parse_sequence("ACG CGT GTA").unwrap(), b"ACGTA");
        assert_eq!(parse_sequence(" acg  CGT ").unwrap(), b"ACGT");
        // 1-mers overlap by zero bases: plain concatenation.
        assert_eq!(parse_sequence("A C G").unwrap(), b"ACG");
    }

    #[test]
    fn test_parse_sequence_errors() {
        assert!(parse_sequence("ACXT").unwrap_err().contains("'X' at position 3"));
        assert!(parse_sequence("AC-T").unwrap_err().contains("'-'"));
        assert!(parse_sequence("ACGé").unwrap_err().contains("'é'"));
        assert_eq!(parse_sequence("  ").unwrap_err(), "empty sequence");
        assert!(parse_sequence("ACG GTA").unwrap_err().contains("k-mers 1 and 2 (ACG GTA) do not overlap"));
        assert!(parse_sequence("ACG CGTA").unwrap_err().contains("k-mer 2 has 4 bases"));
        // Disjoint stride-k k-mers are refused.
        assert!(parse_sequence("ACG TAC").is_err());
    }
}
