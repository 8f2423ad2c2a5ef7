//! Marker gene sets as data: the built-in mouse, zebrafish and human tables (`data/markers/*.tsv`, embedded)
//! or a user's file of the same layout (`set<TAB>gene`, `#` comments, an optional `set gene` header).
//!
//! The mouse and zebrafish tables hold exactly the sets of [`gptomics_expr::gene_sets`] (a test keeps them
//! equal), so the library functions and the pipeline score the same genes.

use std::path::Path;

use gptomics_expr::gene_sets::GeneSet;

use super::error::{Error, Result};

/// The organisms with built-in marker tables.
pub const ORGANISMS: [&str; 3] = ["mouse", "zebrafish", "human"];

/// The built-in table of `organism` (`mouse`, `zebrafish` or `human`).
pub fn builtin(organism: &str) -> Result<Vec<GeneSet>> {
    let text = match organism {
        "mouse" => include_str!("../../data/markers/mouse.tsv"),
        "zebrafish" => include_str!("../../data/markers/zebrafish.tsv"),
        "human" => include_str!("../../data/markers/human.tsv"),
        other => {
            return Err(Error::input(format!(
                "no built-in marker sets for `{other}` (have: {}); give --markers FILE",
                ORGANISMS.join(", ")
            )));
        }
    };
    parse(text, &format!("<built-in {organism} markers>"))
}

/// Reads a marker table from `path`.
pub fn from_path(path: &Path) -> Result<Vec<GeneSet>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, &path.display().to_string())
}

/// Parses a marker table; sets keep the order of their first row, genes the order of their rows.
pub fn parse(text: &str, name: &str) -> Result<Vec<GeneSet>> {
    let mut sets: Vec<GeneSet> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [set, gene] = fields[..] else {
            return Err(Error::input(format!(
                "{name}:{}: expected two tab-separated columns `set gene`, found {}",
                i + 1,
                fields.len()
            )));
        };
        if (set, gene) == ("set", "gene") {
            continue;
        }
        if set.is_empty() || gene.is_empty() {
            return Err(Error::input(format!("{name}:{}: empty set or gene name", i + 1)));
        }
        match sets.iter_mut().find(|s| s.name == set) {
            Some(s) if s.genes.iter().any(|g| g == gene) => {
                return Err(Error::input(format!("{name}:{}: gene `{gene}` listed twice in set `{set}`", i + 1)));
            }
            Some(s) => s.genes.push(gene.to_string()),
            None => sets.push(GeneSet { source: name.to_string(), ..GeneSet::new(set, [gene]) }),
        }
    }
    if sets.is_empty() {
        return Err(Error::input(format!("{name}: no marker sets (expected rows `set<TAB>gene`)")));
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use gptomics_expr::gene_sets::{Species, astrocyte_reactivity, excitatory_markers, inhibitory_markers};

    use super::*;

    fn genes(sets: &[GeneSet], name: &str) -> Option<Vec<String>> {
        sets.iter().find(|s| s.name == name).map(|s| s.genes.clone())
    }

    #[test]
    fn builtin_tables_equal_the_library_sets() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let mouse = builtin("mouse")?;
        assert_eq!(genes(&mouse, "astrocyte_reactivity"), Some(astrocyte_reactivity(Species::Mouse)?.genes));
        for (organism, species) in [("mouse", Species::Mouse), ("zebrafish", Species::Zebrafish)] {
            let sets = builtin(organism)?;
            assert_eq!(genes(&sets, "excitatory"), Some(excitatory_markers(species).genes));
            assert_eq!(genes(&sets, "inhibitory"), Some(inhibitory_markers(species).genes));
        }
        assert_eq!(builtin("human")?.len(), 3);
        assert!(builtin("yeast").is_err());
        Ok(())
    }

    #[test]
    fn bad_tables_name_the_line() {
        let e = parse("set\tgene\nA\tx\nA\n", "m.tsv").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("input: m.tsv:3: expected two tab-separated columns `set gene`, found 1"));
        assert!(parse("A\tx\nA\tx\n", "m.tsv").is_err());
        assert!(parse("# only a comment\n", "m.tsv").is_err());
    }
}
