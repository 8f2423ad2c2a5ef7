//! Label texts gathered while reading, turned into [`Targets`] at the end.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Targets;
use super::read::TargetKind;
use crate::error::{Error, Result};

/// The labels read so far, in the form the target kind asks for.
pub(crate) enum LabelColumn {
    /// Label texts, indexed into sorted class names at the end.
    Classes(Vec<String>),
    /// Parsed regression values.
    Values(Vec<f64>),
    /// Labels are ignored.
    None,
}

impl LabelColumn {
    /// An empty column for `kind`.
    pub(crate) fn new(kind: TargetKind) -> Self {
        match kind {
            TargetKind::Classes => Self::Classes(Vec::new()),
            TargetKind::Values => Self::Values(Vec::new()),
            TargetKind::None => Self::None,
        }
    }

    /// Adds one label; `file` and `line` (a line or record number) place the error.
    pub(crate) fn push(&mut self, text: &str, file: &Path, line: u64) -> Result<()> {
        let text = text.trim();
        match self {
            Self::Classes(texts) => {
                if text.is_empty() {
                    return Err(Error::parse(file, line, "empty label"));
                }
                texts.push(text.to_string());
            }
            Self::Values(values) => match text.parse::<f64>() {
                Ok(v) if v.is_finite() => values.push(v),
                _ => return Err(Error::parse(file, line, format!("label {text:?} is not a finite number"))),
            },
            Self::None => {}
        }
        Ok(())
    }

    /// The targets: class names sorted numerically when every label is an integer, else as text.
    pub(crate) fn finish(self) -> Targets {
        match self {
            Self::Classes(texts) => {
                let mut names: Vec<String> = texts.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect();
                let numbers: Option<Vec<i128>> = names.iter().map(|n| n.parse::<i128>().ok()).collect();
                if let Some(numbers) = numbers {
                    // Sort by value; texts equal in value ("1", "01") keep their text order.
                    let mut pairs: Vec<(i128, String)> = numbers.into_iter().zip(names).collect();
                    pairs.sort();
                    names = pairs.into_iter().map(|(_, n)| n).collect();
                }
                let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
                let labels = texts
                    .iter()
                    .map(|t| index.get(t.as_str()).copied().expect("every label text is a class name"))
                    .collect();
                Targets::Classes { names, labels }
            }
            Self::Values(values) => Targets::Values(values),
            Self::None => Targets::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(texts: &[&str]) -> Targets {
        let mut column = LabelColumn::new(TargetKind::Classes);
        for t in texts {
            column.push(t, Path::new("x"), 1).unwrap();
        }
        column.finish()
    }

    #[test]
    fn test_finish_sorts_integers_numerically() {
        let Targets::Classes { names, labels } = classes(&["10", "2", "-1", "2"]) else { panic!() };
        assert_eq!(names, ["-1", "2", "10"]);
        assert_eq!(labels, [2, 1, 0, 1]);
        let Targets::Classes { names, .. } = classes(&["b", "10", "a", "2"]) else { panic!() };
        assert_eq!(names, ["10", "2", "a", "b"]);
    }

    #[test]
    fn test_push_values() {
        let mut column = LabelColumn::new(TargetKind::Values);
        column.push(" 1.5 ", Path::new("x"), 1).unwrap();
        assert!(column.push("inf", Path::new("x"), 2).is_err());
        assert!(column.push("NaN", Path::new("x"), 3).is_err());
        assert!(column.push("high", Path::new("x"), 4).is_err());
        assert_eq!(column.finish(), Targets::Values(vec![1.5]));
    }
}
