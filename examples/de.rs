//! Differential expression with DESeq2's method: counts + sample sheet + design → results TSV.
//!
//! ```text
//! cargo run --release --example de -- --counts counts.csv --metadata samples.csv \
//!     --design "~ batch + condition" --contrast condition,treated,untreated --out results.tsv
//! ```
//!
//! The TSV has DESeq2's columns (`gene, baseMean, log2FoldChange, lfcSE, stat, pvalue, padj`) with `NA`
//! where DESeq2 gives NA. `--plots DIR` adds volcano, MA, dispersion and PCA figures. `--coef NAME` tests one coefficient (e.g. a numeric covariate) instead of a
//! level contrast; `--reference factor=level` sets a factor's reference level; `--factor NAME` reads a
//! numeric column as a factor. Exits with status 1 and the reason (file, line, sample, level) on bad input.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, ValueEnum};
use gptomics::expr::deseq2::{
    self, AltHypothesis, Contrast, DeseqOptions, FitType, InputOptions, ResultsOptions, SizeFactorType,
};
use gptomics::expr::design::{Design, DesignOptions};

#[derive(Parser)]
#[command(version, about = "DESeq2 differential expression")]
struct Args {
    /// Count table: genes × samples (CSV/TSV, plain or gzip; GEO, featureCounts and HTSeq layouts).
    #[arg(long)]
    counts: PathBuf,
    /// Sample sheet (CSV/TSV) with one row per sample and the design's columns.
    #[arg(long)]
    metadata: PathBuf,
    /// Design formula, e.g. "~ batch + condition".
    #[arg(long)]
    design: String,
    /// Level contrast FACTOR,NUMERATOR,DENOMINATOR.
    #[arg(long, conflicts_with = "coef", required_unless_present = "coef")]
    contrast: Option<String>,
    /// Test one coefficient by name (e.g. a numeric covariate).
    #[arg(long)]
    coef: Option<String>,
    /// Output TSV.
    #[arg(long)]
    out: PathBuf,
    /// Target FDR for independent filtering.
    #[arg(long, default_value_t = 0.1)]
    alpha: f64,
    /// Log2 fold-change threshold of the test.
    #[arg(long, default_value_t = 0.0)]
    lfc_threshold: f64,
    /// Alternative hypothesis for the threshold test.
    #[arg(long, value_enum, default_value_t = Alt::GreaterAbs)]
    alt_hypothesis: Alt,
    /// The counts file has samples as rows.
    #[arg(long)]
    samples_as_rows: bool,
    /// Round non-integer counts instead of rejecting them.
    #[arg(long)]
    round: bool,
    /// Reference level, FACTOR=LEVEL (repeatable).
    #[arg(long)]
    reference: Vec<String>,
    /// Treat a numeric column as a factor (repeatable).
    #[arg(long)]
    factor: Vec<String>,
    /// Dispersion trend.
    #[arg(long, value_enum, default_value_t = Fit::Parametric)]
    fit_type: Fit,
    /// Size factor estimator.
    #[arg(long, value_enum, default_value_t = Sf::Ratio)]
    sf_type: Sf,
    /// Turn off independent filtering.
    #[arg(long)]
    no_independent_filtering: bool,
    /// Write volcano, MA, dispersion and sample-PCA plots (PNG and SVG) into this folder.
    #[arg(long)]
    plots: Option<PathBuf>,
    /// Print the wall time of reading, fitting and testing to stderr (for benchmarks).
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "verbatim")]
enum Alt {
    #[value(name = "greaterAbs")]
    GreaterAbs,
    #[value(name = "lessAbs")]
    LessAbs,
    #[value(name = "greater")]
    Greater,
    #[value(name = "less")]
    Less,
}

#[derive(Clone, Copy, ValueEnum)]
enum Fit {
    Parametric,
    Mean,
}

#[derive(Clone, Copy, ValueEnum)]
enum Sf {
    Ratio,
    Poscounts,
    Iterate,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("de: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let input = InputOptions { samples_as_rows: args.samples_as_rows, round_non_integer: args.round };
    let clock = std::time::Instant::now();
    let (counts, sheet) = deseq2::read_inputs(&args.counts, &args.metadata, &input)?;
    let read = clock.elapsed();
    let mut design_options = DesignOptions { factors: args.factor.clone(), ..DesignOptions::default() };
    for r in &args.reference {
        let (f, l) = r.split_once('=').ok_or_else(|| format!("--reference `{r}`: expected FACTOR=LEVEL"))?;
        design_options.reference_levels.push((f.to_string(), l.to_string()));
    }
    let design = Design::from_formula(&args.design, &sheet, counts.samples(), &design_options)?;
    let options = DeseqOptions {
        fit_type: match args.fit_type {
            Fit::Parametric => FitType::Parametric,
            Fit::Mean => FitType::Mean,
        },
        size_factor_type: match args.sf_type {
            Sf::Ratio => SizeFactorType::Ratio,
            Sf::Poscounts => SizeFactorType::PosCounts,
            Sf::Iterate => SizeFactorType::Iterate,
        },
        ..DeseqOptions::default()
    };
    let clock = std::time::Instant::now();
    let fit = deseq2::run(&counts, &design, &options)?;
    let contrast = match (&args.contrast, &args.coef) {
        (Some(c), _) => match c.split(',').collect::<Vec<_>>()[..] {
            [f, n, d] => Contrast::levels(f.trim(), n.trim(), d.trim()),
            _ => return Err(format!("--contrast `{c}`: expected FACTOR,NUMERATOR,DENOMINATOR").into()),
        },
        (None, Some(name)) => Contrast::Coefficient(name.clone()),
        (None, None) => return Err("give --contrast or --coef".into()),
    };
    let results = fit.results(&ResultsOptions {
        lfc_threshold: args.lfc_threshold,
        alt_hypothesis: match args.alt_hypothesis {
            Alt::GreaterAbs => AltHypothesis::GreaterAbs,
            Alt::LessAbs => AltHypothesis::LessAbs,
            Alt::Greater => AltHypothesis::Greater,
            Alt::Less => AltHypothesis::Less,
        },
        alpha: args.alpha,
        independent_filtering: !args.no_independent_filtering,
        ..ResultsOptions::new(contrast)
    })?;
    let compute = clock.elapsed();
    results.write_tsv(&args.out)?;
    if let Some(dir) = &args.plots {
        deseq2::write_plots(&fit, &results, dir, args.alpha, args.lfc_threshold)?;
    }
    if args.timings {
        eprintln!("de: timings: read {:.3} s, DESeq + results {:.3} s", read.as_secs_f64(), compute.as_secs_f64());
    }
    let significant = results.padj.iter().filter(|p| **p < args.alpha).count();
    eprintln!(
        "de: {}: {} genes, {} with padj < {} -> {}",
        results.description,
        results.genes.len(),
        significant,
        args.alpha,
        args.out.display()
    );
    Ok(())
}
