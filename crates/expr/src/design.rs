//! Design matrices from R-style formulas over a sample sheet, named as DESeq2 names its coefficients.
//!
//! Supported: `~ a + b` (factors or numeric covariates), interactions `a:b` and `a * b` (= `a + b + a:b`)
//! when both main effects are in the formula, `~ 0 + a` / `~ a - 1` (no intercept), reference levels.
//! Factors use treatment contrasts as R's `model.matrix` does; with an intercept a factor's columns are
//! named `condition_B_vs_A` (DESeq2's renaming), without one `conditionA`, `conditionB`; numeric
//! covariates keep their name; interactions are `groupY.conditionB` (R's `groupY:conditionB` after
//! `make.names`). Levels are sorted like R sorts strings in an English locale (case-insensitive first),
//! unless a reference level or an explicit order is given.
//!
//! A design that is not of full rank is an error naming the columns that are combinations of earlier ones.

use std::collections::HashMap;

use gptomics_seqio::samples::SampleSheet;

use crate::linalg::{self, Matrix};
use crate::{Error, Result};

/// How to read the sheet's columns for a formula.
#[derive(Clone, Debug, Default)]
pub struct DesignOptions {
    /// Reference (first) level per factor, e.g. `("condition", "control")`.
    pub reference_levels: Vec<(String, String)>,
    /// Full level order per factor; overrides sorting (the first is the reference).
    pub level_orders: Vec<(String, Vec<String>)>,
    /// Columns to treat as factors even when every value is a number (e.g. batch `1`, `2`, `3`).
    pub factors: Vec<String>,
}

/// One variable of the design.
#[derive(Clone, Debug, PartialEq)]
pub enum Variable {
    /// A factor with its levels, reference first, and each sample's level index.
    Factor {
        /// Column name.
        name: String,
        /// Levels, reference first.
        levels: Vec<String>,
        /// Level index of each sample.
        values: Vec<usize>,
    },
    /// A numeric covariate.
    Numeric {
        /// Column name.
        name: String,
        /// Value of each sample.
        values: Vec<f64>,
    },
}

impl Variable {
    /// The column name.
    pub fn name(&self) -> &str {
        match self {
            Self::Factor { name, .. } | Self::Numeric { name, .. } => name,
        }
    }
}

/// A model matrix (samples × coefficients) with its coefficient names and the variables behind it.
#[derive(Clone, Debug)]
pub struct Design {
    formula: String,
    matrix: Matrix,
    coefficients: Vec<String>,
    variables: Vec<Variable>,
    intercept: bool,
}

impl Design {
    /// Builds the design for `formula` over `sheet`, with rows in the order of `samples` (the count
    /// table's columns).
    ///
    /// # Errors
    /// [`Error::Design`] for a formula that does not parse, a variable missing from the sheet, a sample
    /// missing from the sheet, a factor with one level, an interaction without its main effects, an
    /// unknown reference level, or a matrix that is not of full rank (naming the columns).
    pub fn from_formula(
        formula: &str,
        sheet: &SampleSheet,
        samples: &[String],
        options: &DesignOptions,
    ) -> Result<Self> {
        let err = |reason: String| Error::Design { formula: formula.to_string(), reason };
        let parsed = parse(formula).map_err(err)?;
        let mut variables: Vec<Variable> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for name in parsed.variables() {
            if by_name.contains_key(&name) {
                continue;
            }
            let var = read_variable(&name, sheet, samples, options).map_err(err)?;
            by_name.insert(name, variables.len());
            variables.push(var);
        }
        for (name, _) in &options.reference_levels {
            if !by_name.contains_key(name) {
                return Err(err(format!("reference level given for `{name}`, which is not in the design")));
            }
        }
        let mut columns: Vec<(String, Vec<f64>)> = Vec::new();
        let n = samples.len();
        if parsed.intercept {
            columns.push(("Intercept".to_string(), vec![1.0; n]));
        }
        let mut first_factor_full = !parsed.intercept;
        for term in &parsed.terms {
            if term.len() == 1 {
                let var = &variables[by_name[&term[0]]];
                match var {
                    Variable::Numeric { name, values } => columns.push((make_name(name), values.clone())),
                    Variable::Factor { name, levels, values } => {
                        let start = if first_factor_full { 0 } else { 1 };
                        first_factor_full = false;
                        for (l, level) in levels.iter().enumerate().skip(start) {
                            let col = values.iter().map(|&v| if v == l { 1.0 } else { 0.0 }).collect();
                            let label = if parsed.intercept {
                                make_name(&format!("{name}_{level}_vs_{}", levels[0]))
                            } else {
                                make_name(&format!("{name}{level}"))
                            };
                            columns.push((label, col));
                        }
                    }
                }
            } else {
                for v in term {
                    if !parsed.terms.iter().any(|t| t.len() == 1 && t[0] == *v) {
                        return Err(err(format!(
                            "interaction `{}` needs its main effect `{v}` in the formula",
                            term.join(":")
                        )));
                    }
                }
                // Columns of each variable (non-reference levels of factors), first variable fastest.
                let mut acc: Vec<(String, Vec<f64>)> = vec![(String::new(), vec![1.0; n])];
                for v in term {
                    let parts: Vec<(String, Vec<f64>)> = match &variables[by_name[v]] {
                        Variable::Numeric { name, values } => vec![(name.clone(), values.clone())],
                        Variable::Factor { name, levels, values } => levels
                            .iter()
                            .enumerate()
                            .skip(1)
                            .map(|(l, level)| {
                                (
                                    format!("{name}{level}"),
                                    values.iter().map(|&x| f64::from(u8::from(x == l))).collect(),
                                )
                            })
                            .collect(),
                    };
                    let mut next = Vec::new();
                    for (pname, pcol) in &parts {
                        for (aname, acol) in &acc {
                            let label = if aname.is_empty() { pname.clone() } else { format!("{aname}:{pname}") };
                            next.push((label, acol.iter().zip(pcol).map(|(a, b)| a * b).collect()));
                        }
                    }
                    acc = next;
                }
                columns.extend(acc.into_iter().map(|(name, col)| (make_name(&name), col)));
            }
        }
        if columns.is_empty() {
            return Err(err("the formula has no terms".into()));
        }
        let p = columns.len();
        let mut data = vec![0.0; n * p];
        for (c, (_, col)) in columns.iter().enumerate() {
            for r in 0..n {
                data[r * p + c] = col[r];
            }
        }
        let matrix = Matrix::from_row_major(n, p, data).ok_or_else(|| err("internal shape error".into()))?;
        let coefficients: Vec<String> = columns.into_iter().map(|(name, _)| name).collect();
        let dependent = linalg::dependent_columns(&matrix);
        if !dependent.is_empty() {
            let names: Vec<String> = dependent.iter().map(|&c| format!("`{}`", coefficients[c])).collect();
            let zero = dependent.iter().any(|&c| matrix.column(c).iter().all(|v| *v == 0.0));
            let why = if zero {
                "some level combinations have no samples (all-zero columns)"
            } else {
                "they are linear combinations of earlier columns (confounded variables)"
            };
            return Err(err(format!("the design is not of full rank: {} — {why}", names.join(", "))));
        }
        Ok(Self { formula: formula.to_string(), matrix, coefficients, variables, intercept: parsed.intercept })
    }

    /// A design from a ready model matrix (samples × coefficients) and coefficient names.
    ///
    /// # Errors
    /// [`Error::Design`] when the shapes disagree or the matrix is not of full rank.
    pub fn from_matrix(matrix: Matrix, coefficients: Vec<String>) -> Result<Self> {
        let err = |reason: String| Error::Design { formula: "<matrix>".into(), reason };
        if coefficients.len() != matrix.cols() {
            return Err(err(format!("{} names for {} columns", coefficients.len(), matrix.cols())));
        }
        let dependent = linalg::dependent_columns(&matrix);
        if !dependent.is_empty() {
            let names: Vec<&str> = dependent.iter().map(|&c| coefficients[c].as_str()).collect();
            return Err(err(format!("the matrix is not of full rank: {}", names.join(", "))));
        }
        let intercept = (0..matrix.rows()).all(|r| matrix.get(r, 0) == 1.0);
        Ok(Self { formula: "<matrix>".into(), matrix, coefficients, variables: Vec::new(), intercept })
    }

    /// The formula as given.
    pub fn formula(&self) -> &str {
        &self.formula
    }

    /// The model matrix, samples × coefficients.
    pub fn matrix(&self) -> &Matrix {
        &self.matrix
    }

    /// Coefficient names (DESeq2's `resultsNames`).
    pub fn coefficients(&self) -> &[String] {
        &self.coefficients
    }

    /// The variables of the formula.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// Whether the design has an intercept.
    pub fn has_intercept(&self) -> bool {
        self.intercept
    }

    /// The variable called `name`.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.iter().find(|v| v.name() == name)
    }

    /// An intercept-only design for `n` samples (`~ 1`, used for blind transformations).
    pub fn intercept_only(n: usize) -> Self {
        let matrix = Matrix::from_row_major(n, 1, vec![1.0; n]).unwrap_or_else(|| Matrix::zeros(n, 1));
        Self {
            formula: "~ 1".into(),
            matrix,
            coefficients: vec!["Intercept".into()],
            variables: Vec::new(),
            intercept: true,
        }
    }
}

/// R's `make.names` for the characters that occur in level names: anything not alphanumeric, `.` or `_`
/// becomes `.`, and a leading digit gets an `X` prefix.
pub(crate) fn make_name(s: &str) -> String {
    let mut out: String =
        s.chars().map(|c| if c.is_alphanumeric() || c == '.' || c == '_' { c } else { '.' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'X');
    }
    out
}

/// A parsed formula: terms (each a list of variables; one for a main effect) and the intercept.
struct Parsed {
    terms: Vec<Vec<String>>,
    intercept: bool,
}

impl Parsed {
    fn variables(&self) -> Vec<String> {
        self.terms.iter().flatten().cloned().collect()
    }
}

fn parse(formula: &str) -> std::result::Result<Parsed, String> {
    let body = formula.trim();
    let body = body.strip_prefix('~').ok_or("a formula starts with `~`, e.g. `~ condition`")?;
    let mut terms: Vec<Vec<String>> = Vec::new();
    let mut intercept = true;
    let push = |t: Vec<String>, terms: &mut Vec<Vec<String>>| {
        if !terms.contains(&t) {
            terms.push(t);
        }
    };
    // Split on + and -, keeping the sign.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut current = String::new();
    let mut negative = false;
    for c in body.chars() {
        if c == '+' || c == '-' {
            pieces.push((negative, std::mem::take(&mut current)));
            negative = c == '-';
        } else {
            current.push(c);
        }
    }
    pieces.push((negative, current));
    for (neg, raw) in pieces {
        let piece = raw.trim();
        if piece.is_empty() {
            if neg {
                return Err("`-` must be followed by a term".into());
            }
            continue;
        }
        if piece == "0" || (neg && piece == "1") {
            intercept = false;
            continue;
        }
        if neg {
            return Err(format!("removing terms other than the intercept (`- {piece}`) is not supported"));
        }
        if piece == "1" {
            continue;
        }
        let check = |v: &str| -> std::result::Result<String, String> {
            let v = v.trim();
            if v.is_empty() || !v.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                return Err(format!("`{v}` is not a variable name (letters, digits, `_`, `.`)"));
            }
            Ok(v.to_string())
        };
        if piece.contains('*') {
            let vars: Vec<String> = piece.split('*').map(check).collect::<std::result::Result<_, _>>()?;
            for v in &vars {
                push(vec![v.clone()], &mut terms);
            }
            push(vars, &mut terms);
        } else if piece.contains(':') {
            let vars: Vec<String> = piece.split(':').map(check).collect::<std::result::Result<_, _>>()?;
            push(vars, &mut terms);
        } else {
            push(vec![check(piece)?], &mut terms);
        }
    }
    // R puts main effects before interactions, each group in formula order.
    terms.sort_by_key(Vec::len);
    Ok(Parsed { terms, intercept })
}

/// R's default string order in an English locale, approximated: case-insensitive, then case.
fn r_sort(levels: &mut [String]) {
    levels.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b)));
}

fn read_variable(
    name: &str,
    sheet: &SampleSheet,
    samples: &[String],
    options: &DesignOptions,
) -> std::result::Result<Variable, String> {
    if !sheet.columns().iter().any(|c| c == name) {
        return Err(format!("variable `{name}` is not a column of the sample sheet ({})", sheet.columns().join(", ")));
    }
    let mut raw = Vec::with_capacity(samples.len());
    for s in samples {
        let v = sheet.get(s, name).ok_or_else(|| format!("sample `{s}` of the counts is not in the sample sheet"))?;
        raw.push(v.trim().to_string());
    }
    if let Some(s) = raw.iter().position(String::is_empty) {
        return Err(format!("sample `{}` has no value for `{name}`", samples[s]));
    }
    let forced = options.factors.iter().any(|f| f == name)
        || options.reference_levels.iter().any(|(f, _)| f == name)
        || options.level_orders.iter().any(|(f, _)| f == name);
    let numeric: Option<Vec<f64>> = raw.iter().map(|v| v.parse::<f64>().ok().filter(|x| x.is_finite())).collect();
    if let (Some(values), false) = (numeric, forced) {
        return Ok(Variable::Numeric { name: name.to_string(), values });
    }
    let mut levels: Vec<String> = raw.clone();
    if let Some((_, order)) = options.level_orders.iter().find(|(f, _)| f == name) {
        if let Some(missing) = raw.iter().find(|v| !order.contains(v)) {
            return Err(format!("`{name}` has level `{missing}`, which the given level order lacks"));
        }
        levels = order.iter().filter(|l| raw.contains(l)).cloned().collect();
    } else {
        r_sort(&mut levels);
        levels.dedup();
    }
    if let Some((_, reference)) = options.reference_levels.iter().find(|(f, _)| f == name) {
        let pos = levels.iter().position(|l| l == reference).ok_or_else(|| {
            format!("reference level `{reference}` is not a level of `{name}` ({})", levels.join(", "))
        })?;
        let r = levels.remove(pos);
        levels.insert(0, r);
    }
    if levels.len() < 2 {
        return Err(format!("factor `{name}` has only one level (`{}`): it cannot be in the design", levels[0]));
    }
    let values = raw.iter().map(|v| levels.iter().position(|l| l == v).unwrap_or(0)).collect();
    Ok(Variable::Factor { name: name.to_string(), levels, values })
}
