//! Reverse complement over the full IUPAC nucleotide alphabet.

/// Complement of every byte: IUPAC codes map to their complements (case kept), anything else to itself.
const COMPLEMENT: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = i as u8;
        i += 1;
    }
    // Pairs complement each other; S, W, N (and gaps) are their own complements.
    let pairs: [(u8, u8); 7] =
        [(b'A', b'T'), (b'C', b'G'), (b'R', b'Y'), (b'K', b'M'), (b'B', b'V'), (b'D', b'H'), (b'U', b'A')];
    let mut p = 0;
    while p < pairs.len() {
        let (a, b) = pairs[p];
        table[a as usize] = b;
        table[a.to_ascii_lowercase() as usize] = b.to_ascii_lowercase();
        if a != b'U' {
            // U (RNA) complements to A, but A complements to T.
            table[b as usize] = a;
            table[b.to_ascii_lowercase() as usize] = a.to_ascii_lowercase();
        }
        p += 1;
    }
    table
};

/// The reverse complement of a nucleotide sequence.
///
/// All IUPAC codes are complemented (A↔T, C↔G, R↔Y, K↔M, B↔V, D↔H; S, W and N stay), case is kept,
/// RNA's U becomes A, and any other byte (gaps `-`, `.`, `*`) is kept as is.
///
/// ```
/// use gptomics_seqio::extract::reverse_complement;
/// assert_eq!(reverse_complement(b"ACGTn"), b"nACGT");
/// assert_eq!(reverse_complement(b"aaRYk"), b"mRYtt");
/// ```
pub fn reverse_complement(seq: &[u8]) -> Vec<u8> {
    seq.iter().rev().map(|&b| COMPLEMENT[b as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_reverse_complement() -> Result<(), String> {
        assert_eq!(reverse_complement(b"ACGTRYKMSWBVDHN"), b"NDHBVWSKMRYACGT");
        assert_eq!(reverse_complement(b"acgtrykmswbvdhn"), b"ndhbvwskmryacgt");
        assert_eq!(reverse_complement(b"AcGt"), b"aCgT");
        assert_eq!(reverse_complement(b"UuA-."), b".-TaA");
        assert_eq!(reverse_complement(b""), b"");
        // Twice is the identity on DNA IUPAC codes.
        let all = b"ACGTRYKMSWBVDHNacgtrykmswbvdhn";
        assert_eq!(reverse_complement(&reverse_complement(all)), all);
        Ok(())
    }
}
