//! Gene × sample count tables, as GEO series publish them and featureCounts and HTSeq produce them.
//!
//! [`CountTable::from_path`] reads CSV or TSV, plain or gzip, with:
//!
//! - the delimiter taken from the header line (tab if it holds one, else comma) unless forced;
//! - RFC 4180 quoting (`"gene1"`, `""` for a quote), CRLF endings and a UTF-8 byte order mark; in TSV a
//!   value that starts with `"` but is not a whole quoted field (`"A" kinase`) is read as written, so
//!   [`CountTable::write_tsv`] output reads back;
//! - `#` comment lines before the header skipped (featureCounts' `# Program:featureCounts ...`);
//! - an empty or unnamed first header cell (R's `write.csv` writes `""`), or a header one field shorter
//!   than the rows (R's `write.table` default), both read as the gene id column;
//! - annotation columns kept apart from counts: featureCounts' `Chr, Start, End, Strand, Length`, well-known
//!   names such as `gene_name`, `Gene.name`, `Description`, `gene_biotype`, and numeric ones such as GEO's
//!   `GeneID` and `gene_length`, salmon's `EffectiveLength` and `TPM` (see [`ANNOTATION_NAMES`]),
//!   columns named in [`CountTableOptions::annotation_columns`], and any column whose non-missing cells are
//!   mostly non-numeric;
//! - HTSeq's special rows (`__no_feature`, `__ambiguous`, ... any id starting with `__`) kept as a report,
//!   not counted as genes;
//! - samples-as-rows tables (PyDESeq2's layout) with [`CountTableOptions::samples_as_rows`].
//!
//! Counts are non-negative integers (`u64`). Every bad cell is an [`crate::Error::Parse`] naming the line,
//! the data row (record), the gene and the sample: `NA` or empty ([`crate::ParseError::MissingValue`]),
//! non-numeric or non-finite ([`crate::ParseError::NotANumber`], also used for counts beyond `u64`),
//! negative, or fractional unless [`CountTableOptions::round_non_integer`] is set. A file with no lines
//! or a header but no genes is [`crate::ParseError::EmptyInput`].
//!
//! Not handled: quoted fields spanning lines, and headerless per-sample HTSeq output (give it a header).
//!
//! ```
//! use gptomics_seqio::counts::{CountTable, CountTableOptions};
//!
//! let text = b"\"\",\"s1\",\"s2\"\n\"g1\",3,0\n\"g2\",10,4\n";
//! let table = CountTable::from_reader(&text[..], "<input>", &CountTableOptions::default())?;
//! assert_eq!(table.samples(), ["s1", "s2"]);
//! assert_eq!(table.row(1), Some(&[10, 4][..]));
//! assert_eq!(table.library_sizes(), [13, 4]);
//! # Ok::<(), gptomics_seqio::Error>(())
//! ```

mod build;
mod cells;
mod gene_rows;
mod options;
mod reader;
mod select;
mod table;
mod transposed;
mod writer;

pub use self::{cells::ANNOTATION_NAMES, options::CountTableOptions, table::CountTable};
