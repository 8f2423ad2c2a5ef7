//! Tokenizes every record of a FASTA file, or trains a DNA BPE on it.
//!
//! ```text
//! cargo run --release --example tokenize -- --tokenizer kmer:6 --input genome.fa > tokens.tsv
//! cargo run --release --example tokenize -- --tokenizer bpe:dnabert2/tokenizer.json --input promoters.fa.gz
//! cargo run --release --example tokenize -- --input genome.fa --train-bpe 4096 --out tokenizer.json
//! ```
//!
//! Tokenizing writes one line per record: `id<TAB>space-separated token ids` (with `[CLS]`/`[SEP]` where
//! the tokenizer adds them). Records are encoded in parallel in batches bounded in records and bases, so
//! memory stays bounded; a record the tokenizer rejects (e.g. shorter than k) stops the run with its name.

use std::{
    io::{BufWriter, Write},
    path::PathBuf,
    process::ExitCode,
};

use clap::Parser;
use gptomics::{
    seqio::fasta,
    tokenize::{
        Error, SequenceTokenizer,
        bpe::{DnaBpeConfig, train_dna_bpe_fasta},
        from_spec,
    },
};

/// Tokenize FASTA records, or train a DNA BPE.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// FASTA input, plain, gzip or BGZF.
    #[arg(long)]
    input: PathBuf,
    /// kmer:K, kmer:K:strideS or bpe:PATH (tokenizing mode).
    #[arg(long, default_value = "kmer:6", conflicts_with = "train_bpe")]
    tokenizer: String,
    /// Train a DNA BPE with this vocabulary size instead of tokenizing.
    #[arg(long, value_name = "VOCAB", requires = "out")]
    train_bpe: Option<usize>,
    /// Longest BPE token in bases (training).
    #[arg(long, default_value_t = 32)]
    max_token_length: usize,
    /// Where to write the trained tokenizer.json.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Records encoded together: enough to keep every core busy.
const BATCH: usize = 4096;
/// Bases encoded together at most (a full `Encoding` takes about 28 bytes a base).
const BATCH_BASES: usize = 16 << 20;

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tokenize: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    if let (Some(vocab_size), Some(out)) = (args.train_bpe, &args.out) {
        let config = DnaBpeConfig { vocab_size, max_token_length: Some(args.max_token_length), ..Default::default() };
        let tokenizer = train_dna_bpe_fasta(&[&args.input], &config)?;
        tokenizer.save(out)?;
        eprintln!("tokenize: wrote {} ({} tokens)", out.display(), tokenizer.vocab_size());
        return Ok(());
    }
    let tokenizer = from_spec(&args.tokenizer)?;
    let mut reader = fasta::Reader::from_path(&args.input)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut records = reader.records().peekable();
    while records.peek().is_some() {
        // A batch ends at BATCH records or BATCH_BASES bases, whichever comes first: memory stays bounded
        // whether the input is many promoters or a few chromosomes.
        let (mut batch, mut bases) = (Vec::new(), 0);
        while batch.len() < BATCH && bases < BATCH_BASES {
            let Some(record) = records.next() else { break };
            let record = record?;
            bases += record.len();
            batch.push(record);
        }
        let sequences: Vec<&[u8]> = batch.iter().map(fasta::Record::sequence).collect();
        let encodings = tokenizer.encode_batch(&sequences).map_err(|e| match e {
            Error::InBatch { index, source } => format!("record {}: {source}", batch[index].name()).into(),
            e => Box::<dyn std::error::Error>::from(e),
        })?;
        for (record, encoding) in batch.iter().zip(encodings) {
            write!(out, "{}\t", record.name())?;
            for (i, id) in encoding.ids().iter().enumerate() {
                write!(out, "{}{id}", if i == 0 { "" } else { " " })?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
