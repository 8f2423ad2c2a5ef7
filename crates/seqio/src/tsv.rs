//! Tab-separated tables: a tiny writer used across the workspace, and the crate's delimited-line splitter.
//!
//! The writer is deliberately strict rather than clever: it never quotes, so a field holding a tab or a
//! line break is refused (an [`std::io::ErrorKind::InvalidInput`] error) instead of silently shifting
//! columns. Missing values are written as `NA`, as R and pandas read them.
//!
//! ```
//! use gptomics_seqio::tsv::{OrNa, Writer};
//!
//! let mut writer = Writer::new(Vec::new());
//! writer.write_header(&["gene", "log2fc"])?;
//! writer.write_row(["g1".to_string(), OrNa(Some(1.5)).to_string()])?;
//! writer.write_row(["g2".to_string(), OrNa::<f64>(None).to_string()])?;
//! assert_eq!(writer.into_inner(), b"gene\tlog2fc\ng1\t1.5\ng2\tNA\n");
//! # Ok::<(), std::io::Error>(())
//! ```

pub(crate) mod fields;
pub(crate) mod grid;
mod writer;

pub use self::writer::{OrNa, Writer};
