//! The IUPAC nucleotide alphabet, as a 256-entry table so validation costs one lookup a base.

/// `true` for the bytes of the IUPAC nucleotide codes, either case: `ACGTU`, the ambiguity codes
/// `RYSWKMBDHV`, `N`, and the gap symbols `-` and `.`.
const IUPAC: [bool; 256] = {
    let mut table = [false; 256];
    let codes = b"ACGTURYSWKMBDHVN";
    let mut i = 0;
    while i < codes.len() {
        table[codes[i] as usize] = true;
        table[codes[i].to_ascii_lowercase() as usize] = true;
        i += 1;
    }
    table[b'-' as usize] = true;
    table[b'.' as usize] = true;
    table
};

/// Whether `base` is an IUPAC nucleotide code (either case) or a gap symbol.
///
/// ```
/// use gptomics_seqio::fasta::alphabet::is_iupac;
/// assert!(is_iupac(b'n') && is_iupac(b'R') && is_iupac(b'-'));
/// assert!(!is_iupac(b'X') && !is_iupac(b' '));
/// ```
pub fn is_iupac(base: u8) -> bool {
    IUPAC[usize::from(base)]
}

/// The 0-based index of the first byte of `sequence` that is not an IUPAC code, if any.
///
/// ```
/// use gptomics_seqio::fasta::alphabet::first_invalid;
/// assert_eq!(first_invalid(b"ACGTN"), None);
/// assert_eq!(first_invalid(b"ACXT"), Some(2));
/// ```
pub fn first_invalid(sequence: &[u8]) -> Option<usize> {
    sequence.iter().position(|&b| !is_iupac(b))
}

/// Counts G and C (either case) in `sequence`; `S` (G or C) counts too.
///
/// ```
/// assert_eq!(gptomics_seqio::fasta::alphabet::gc_count(b"ACGgsTN"), 4);
/// ```
pub fn gc_count(sequence: &[u8]) -> u64 {
    sequence.iter().filter(|&&b| matches!(b, b'G' | b'C' | b'S' | b'g' | b'c' | b's')).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_is_iupac() {
        let valid: Vec<u8> = (0..=255u8).filter(|&b| is_iupac(b)).collect();
        assert_eq!(valid, b"-.ABCDGHKMNRSTUVWYabcdghkmnrstuvwy");
    }
}
