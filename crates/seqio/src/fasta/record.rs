//! A FASTA record: name, optional description, sequence bytes.

/// One FASTA entry. The name is the header's first word; the rest of the header is the description.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    name: String,
    description: Option<String>,
    sequence: Vec<u8>,
}

impl Record {
    /// A record from its parts.
    ///
    /// ```
    /// let record = gptomics_seqio::fasta::Record::new("chr1", None, b"ACGT".to_vec());
    /// assert_eq!(record.len(), 4);
    /// ```
    pub fn new(name: impl Into<String>, description: Option<String>, sequence: impl Into<Vec<u8>>) -> Self {
        Self { name: name.into(), description, sequence: sequence.into() }
    }

    /// The header's first word.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Mutable name.
    pub fn name_mut(&mut self) -> &mut String {
        &mut self.name
    }

    /// The header after the name, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Mutable description.
    pub fn description_mut(&mut self) -> &mut Option<String> {
        &mut self.description
    }

    /// The sequence, without line breaks.
    pub fn sequence(&self) -> &[u8] {
        &self.sequence
    }

    /// Mutable sequence.
    pub fn sequence_mut(&mut self) -> &mut Vec<u8> {
        &mut self.sequence
    }

    /// Sequence length in bases.
    pub fn len(&self) -> usize {
        self.sequence.len()
    }

    /// Whether the sequence is empty.
    pub fn is_empty(&self) -> bool {
        self.sequence.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.name.clear();
        self.description = None;
        self.sequence.clear();
    }
}
