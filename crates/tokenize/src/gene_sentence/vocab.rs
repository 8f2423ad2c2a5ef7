//! `gene_sentence::GeneVocab`: gene ids as tokens, after DNABERT's five special tokens.

use std::{collections::HashMap, path::Path};

use gptomics_seqio::counts::CountTable;

use crate::{Error, Result, Special, SpecialTokens};

use crate::special::BERT_SPECIALS as SPECIALS;

/// A gene vocabulary: `[PAD] [UNK] [CLS] [SEP] [MASK]` at ids 0..5, then one token a gene id.
///
/// Built from genes ([`GeneVocab::from_table`], [`GeneVocab::from_genes`]), the genes are sorted by id
/// (byte order), so the same genes give the same ids whatever the row order of the table they come from.
/// Read from a file ([`GeneVocab::from_path`]), a token's id is its line number less one, so a vocabulary
/// saved by [`GeneVocab::save`] (or by another tool) keeps its ids.
///
/// ```
/// use gptomics_seqio::counts::{CountTable, CountTableOptions};
/// use gptomics_tokenize::gene_sentence::GeneVocab;
///
/// let table = CountTable::from_reader(&b"gene,s1\nTP53,4\nACTB,9\n"[..], "<input>", &CountTableOptions::default())?;
/// let vocab = GeneVocab::from_table(&table)?;
/// assert_eq!(vocab.genes(), ["ACTB", "TP53"]);
/// assert_eq!((vocab.token_to_id("ACTB"), vocab.id_to_token(6)), (Some(5), Some("TP53")));
/// assert_eq!(vocab.special_tokens().cls.as_ref().map(|s| s.id), Some(2));
/// # Ok::<(), gptomics_tokenize::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneVocab {
    tokens: Vec<String>,
    index: HashMap<String, u32>,
    specials: SpecialTokens,
}

impl GeneVocab {
    /// The vocabulary of a count table's genes, sorted by gene id.
    pub fn from_table(table: &CountTable) -> Result<Self> {
        Self::from_genes(table.genes())
    }

    /// The vocabulary of `genes`, sorted by gene id. An empty or repeated gene id, or one equal to a
    /// special token, is an [`Error::Vocabulary`] whose `line` is its 1-based position in `genes`.
    ///
    /// ```
    /// use gptomics_tokenize::{Error, gene_sentence::GeneVocab};
    ///
    /// let vocab = GeneVocab::from_genes(&["g2", "g10", "g1"])?;
    /// assert_eq!(vocab.genes(), ["g1", "g10", "g2"]); // byte order, not natural order
    /// assert!(matches!(GeneVocab::from_genes(&["g1", "g1"]), Err(Error::Vocabulary { line: 2, .. })));
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn from_genes<S: AsRef<str>>(genes: &[S]) -> Result<Self> {
        let mut order: Vec<usize> = (0..genes.len()).collect();
        // Stable sort: of two equal ids the later one is reported as the duplicate.
        order.sort_by(|&a, &b| genes[a].as_ref().cmp(genes[b].as_ref()));
        if let Some(pair) = order.windows(2).find(|w| genes[w[0]].as_ref() == genes[w[1]].as_ref()) {
            let invalid = format!("duplicate gene {:?}", genes[pair[1]].as_ref());
            return Err(Error::Vocabulary { file: "<genes>".into(), line: pair[1] + 1, reason: invalid });
        }
        let tokens = SPECIALS.iter().map(|s| s.to_string()).chain(order.iter().map(|&i| genes[i].as_ref().into()));
        // Line numbers of `from_tokens` count the five specials; map them back to positions in `genes`.
        Self::from_tokens(tokens.collect(), "<genes>").map_err(|e| match e {
            Error::Vocabulary { file, line, reason } if line > SPECIALS.len() => {
                Error::Vocabulary { file, line: order[line - SPECIALS.len() - 1] + 1, reason }
            }
            e => e,
        })
    }

    /// Reads a vocabulary file: one token a line, the five specials first in id order, then genes. A
    /// missing final newline and CRLF endings are fine; an empty line, a repeated token or a misplaced
    /// special is an [`Error::Vocabulary`] naming the file and line.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let (tokens, name) = crate::vocab_file::read_tokens(path.as_ref())?;
        Self::from_tokens(tokens, &name)
    }

    /// A vocabulary from tokens in id order (see [`GeneVocab::from_path`]); `file` names them in errors.
    ///
    /// ```
    /// use gptomics_tokenize::{Error, gene_sentence::GeneVocab};
    ///
    /// let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "g2", "g1"].map(String::from);
    /// assert_eq!(GeneVocab::from_tokens(tokens.to_vec(), "v.txt")?.token_to_id("g1"), Some(6));
    /// let bad = GeneVocab::from_tokens(vec!["[UNK]".into()], "v.txt");
    /// assert!(matches!(bad, Err(Error::Vocabulary { line: 1, .. })));
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn from_tokens(tokens: Vec<String>, file: &str) -> Result<Self> {
        let invalid = |line: usize, reason: String| Error::Vocabulary { file: file.to_string(), line, reason };
        let mut index = HashMap::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            match SPECIALS.get(i) {
                Some(&special) if token != special => {
                    return Err(invalid(i + 1, format!("expected special token {special}, found {token:?}")));
                }
                _ if token.is_empty() => return Err(invalid(i + 1, "empty token".into())),
                _ => {}
            }
            let id = u32::try_from(i).map_err(|_| invalid(i + 1, "too many tokens".into()))?;
            if let Some(first) = index.insert(token.clone(), id) {
                return Err(invalid(i + 1, format!("duplicate token {token:?} (first on line {})", first + 1)));
            }
        }
        if tokens.len() < SPECIALS.len() {
            let missing = SPECIALS[tokens.len()];
            return Err(invalid(tokens.len() + 1, format!("special token {missing} is missing")));
        }
        let special = |id: usize| Some(Special { token: SPECIALS[id].into(), id: id as u32 });
        let specials = SpecialTokens {
            pad: special(0),
            unk: special(1),
            cls: special(2),
            sep: special(3),
            mask: special(4),
            bos: None,
            eos: None,
        };
        Ok(Self { tokens, index, specials })
    }

    /// Writes the vocabulary, one token a line, in id order.
    ///
    /// ```
    /// use gptomics_tokenize::gene_sentence::GeneVocab;
    ///
    /// let dir = tempfile::tempdir().map_err(|e| gptomics_tokenize::Error::io("tempdir", e))?;
    /// let vocab = GeneVocab::from_genes(&["g1", "g2"])?;
    /// vocab.save(dir.path().join("vocab.txt"))?;
    /// assert_eq!(GeneVocab::from_path(dir.path().join("vocab.txt"))?, vocab);
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::vocab_file::write_tokens(path.as_ref(), &self.tokens)
    }

    /// Tokens in id order, specials included.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// The gene tokens, in id order (ids 5, 6, ...).
    pub fn genes(&self) -> &[String] {
        &self.tokens[SPECIALS.len()..]
    }

    /// Number of tokens, specials included.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the vocabulary has no token (never: the specials are always there).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The id of `token` (a gene id or a special token).
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.index.get(token).copied()
    }

    /// The token of `id`.
    pub fn id_to_token(&self, id: u32) -> Option<&str> {
        self.tokens.get(usize::try_from(id).ok()?).map(String::as_str)
    }

    /// The ids of `genes`, in the order given; a gene the vocabulary lacks is [`Error::UnknownToken`].
    ///
    /// ```
    /// use gptomics_tokenize::{Error, gene_sentence::GeneVocab};
    ///
    /// let vocab = GeneVocab::from_genes(&["g1", "g2"])?;
    /// assert_eq!(vocab.genes_to_ids(&["g2", "g1"])?, [6, 5]);
    /// assert!(matches!(vocab.genes_to_ids(&["g3"]), Err(Error::UnknownToken(g)) if g == "g3"));
    /// # Ok::<(), gptomics_tokenize::Error>(())
    /// ```
    pub fn genes_to_ids<S: AsRef<str>>(&self, genes: &[S]) -> Result<Vec<u32>> {
        genes
            .iter()
            .map(|g| self.token_to_id(g.as_ref()).ok_or_else(|| Error::UnknownToken(g.as_ref().into())))
            .collect()
    }

    /// The special tokens: `[PAD]` 0, `[UNK]` 1, `[CLS]` 2, `[SEP]` 3, `[MASK]` 4.
    pub fn special_tokens(&self) -> &SpecialTokens {
        &self.specials
    }
}

#[cfg(test)]
mod tests {
    use gptomics_seqio::counts::CountTableOptions;

    use super::*;

    fn reason(result: Result<GeneVocab>) -> Option<(usize, String)> {
        match result {
            Err(Error::Vocabulary { line, reason, .. }) => Some((line, reason)),
            _ => None,
        }
    }

    #[test]
    fn test_from_table() -> Result<()> {
        let options = CountTableOptions::default();
        let a = CountTable::from_reader(&b"id,s1\ngB,1\ngA,2\ngC,0\n"[..], "a", &options)?;
        let b = CountTable::from_reader(&b"id,s1\ngC,5\ngB,1\ngA,2\n"[..], "b", &options)?;
        let (a, b) = (GeneVocab::from_table(&a)?, GeneVocab::from_table(&b)?);
        assert_eq!(a, b);
        assert_eq!(a.tokens(), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "gA", "gB", "gC"]);
        assert_eq!(
            (a.len(), a.token_to_id("gC"), a.token_to_id("[MASK]"), a.id_to_token(8)),
            (8, Some(7), Some(4), None)
        );
        let by_role: Vec<_> = a.special_tokens().iter().map(|(role, s)| (role, s.id)).collect();
        assert_eq!(by_role, [("pad", 0), ("unk", 1), ("cls", 2), ("sep", 3), ("mask", 4)]);
        Ok(())
    }

    #[test]
    fn test_from_genes() -> Result<()> {
        assert_eq!(GeneVocab::from_genes::<&str>(&[])?.len(), 5);
        let (line, why) = reason(GeneVocab::from_genes(&["b", "a", "c", "a"])).unwrap_or_default();
        assert_eq!((line, why.as_str()), (4, "duplicate gene \"a\""));
        assert_eq!(reason(GeneVocab::from_genes(&["b", "", "c"])).map(|r| r.0), Some(2));
        assert_eq!(reason(GeneVocab::from_genes(&["z", "y", "[CLS]"])).map(|r| r.0), Some(3));
        Ok(())
    }

    #[test]
    fn test_from_path() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let vocab = GeneVocab::from_genes(&["ENSG2", "ENSG1", "TP53"])?;
        let path = dir.path().join("vocab.txt");
        vocab.save(&path)?;
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io("vocab.txt", e))?;
        assert_eq!(text, "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nENSG1\nENSG2\nTP53\n");
        assert_eq!(GeneVocab::from_path(&path)?, vocab);

        let specials = "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\n";
        let cases: [(&str, Option<(usize, &str)>); 6] = [
            ("[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\nz\r\na", None),
            ("x\n[PAD]\n", Some((1, "expected special token [PAD], found \"x\""))),
            ("[PAD]\n[UNK]\n[CLS]\n", Some((4, "special token [SEP] is missing"))),
            ("", Some((1, "special token [PAD] is missing"))),
            ("g1\n\ng2\n", Some((7, "empty token"))),
            ("g1\ng2\ng1\n", Some((8, "duplicate token \"g1\" (first on line 6)"))),
        ];
        for (text, expected) in cases {
            let text = if text.starts_with('g') { format!("{specials}{text}") } else { text.to_string() };
            std::fs::write(&path, &text).map_err(|e| Error::io("vocab.txt", e))?;
            let result = GeneVocab::from_path(&path);
            match expected {
                None => assert_eq!(result?.tokens()[5..], ["z", "a"]),
                Some((line, why)) => assert_eq!(reason(result), Some((line, why.to_string())), "{text:?}"),
            }
        }
        assert!(matches!(GeneVocab::from_path(dir.path().join("absent")), Err(Error::Io { .. })));
        Ok(())
    }

    #[test]
    fn test_genes_to_ids() -> Result<()> {
        let vocab = GeneVocab::from_genes(&["b", "a"])?;
        assert_eq!(vocab.genes_to_ids(&["a", "b", "a"])?, [5, 6, 5]);
        assert!(matches!(vocab.genes_to_ids(&["a", "c"]), Err(Error::UnknownToken(g)) if g == "c"));
        Ok(())
    }
}
