//! Next-token logits of a HuggingFace GPT-2 checkpoint, as JSON: one array per sequence, at its last token.
//!
//! cargo run --release --example gpt2_logits -- --weights model.safetensors --config config.json \
//!     --ids "464,3290,318;50256,11" [--hidden]

use std::path::PathBuf;

use clap::Parser;
use gptomics::gpt2::{Gpt2LmHeadModel, Input, backend::Cpu};

#[derive(Parser)]
#[command(about = "Print a GPT-2 checkpoint's last-token logits (and final hidden state) as JSON")]
struct Args {
    /// HuggingFace `model.safetensors` (with or without the `transformer.` prefix).
    #[arg(long)]
    weights: PathBuf,
    /// HuggingFace `config.json`.
    #[arg(long)]
    config: PathBuf,
    /// Token ids: comma-separated, sequences separated by `;` (shorter ones are right-padded).
    #[arg(long)]
    ids: String,
    /// Also print the final hidden state (after `ln_f`) at the last token.
    #[arg(long)]
    hidden: bool,
}

fn parse_ids(text: &str) -> Result<Vec<Vec<u32>>, String> {
    text.split(';')
        .map(|seq| {
            seq.split(',')
                .map(|id| id.trim().parse::<u32>().map_err(|e| format!("bad id {id:?} in --ids: {e}")))
                .collect()
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let sequences = parse_ids(&args.ids)?;
    let device = Default::default();
    let (model, _) = Gpt2LmHeadModel::<Cpu>::from_pretrained(&args.config, &args.weights, &device)?;
    let config = model.transformer.config();
    let input = Input::right_padded(&sequences, config.pad_token_id.unwrap_or(0), config.vocab_size, &device)?;
    let last = model.last_token(&input)?;
    let mut out = serde_json::json!({ "logits": last.logits });
    if args.hidden {
        out["hidden"] = serde_json::json!(last.hidden);
    }
    println!("{out}");
    Ok(())
}
