//! Tokens per second, step time and peak memory of GPT-2 forward passes or training steps.
//!
//! cargo run --release --example gpt2_throughput -- --preset small --batch 4 --seq 256 --mode train
//! CUDARC_CUDA_VERSION=13000 cargo build --release --features cuda --example gpt2_throughput  # then --device cuda
//!
//! The last line is a JSON object with every figure, for scripts (docs/benchmarks.md).

use clap::{Parser, ValueEnum};
use gptomics::gpt2::Gpt2Config;
use gptomics::gpt2::throughput::{self, Mode, Report, Workload};

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Forward,
    Train,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum DeviceArg {
    Cpu,
    Cuda,
}

#[derive(Clone, Copy, ValueEnum)]
enum DtypeArg {
    F32,
    Bf16,
    F16,
}

#[derive(Parser)]
#[command(about = "Measure GPT-2 forward or training throughput")]
struct Args {
    /// Model size: tiny, small, medium, large or xl.
    #[arg(long, default_value = "small")]
    preset: String,
    /// Sequences per step.
    #[arg(long, default_value_t = 4)]
    batch: usize,
    /// Tokens per sequence.
    #[arg(long, default_value_t = 256)]
    seq: usize,
    /// forward (inference) or train (forward + backward + AdamW).
    #[arg(long, value_enum, default_value = "forward")]
    mode: ModeArg,
    /// cpu, or cuda (needs `--features cuda`).
    #[arg(long, value_enum, default_value = "cpu")]
    device: DeviceArg,
    /// Float type of weights and activations (bf16/f16 on CUDA only).
    #[arg(long, value_enum, default_value = "f32")]
    dtype: DtypeArg,
    /// Timed steps (the median is reported).
    #[arg(long, default_value_t = 10)]
    steps: usize,
    /// Untimed steps first.
    #[arg(long, default_value_t = 2)]
    warmup: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let config = Gpt2Config::preset(&args.preset)?;
    let mode = match args.mode {
        ModeArg::Forward => Mode::Forward,
        ModeArg::Train => Mode::Train,
    };
    let work = Workload { batch: args.batch, seq: args.seq, warmup: args.warmup, steps: args.steps };
    let report = match (args.device, args.dtype) {
        (DeviceArg::Cpu, DtypeArg::F32) => throughput::measure_cpu(&config, mode, work)?,
        (DeviceArg::Cpu, _) => return Err("bf16/f16 need --device cuda".into()),
        (DeviceArg::Cuda, dtype) => cuda(&config, mode, work, dtype)?,
    };
    print(&args, &report);
    Ok(())
}

#[cfg(feature = "cuda")]
fn cuda(
    config: &Gpt2Config,
    mode: Mode,
    work: Workload,
    dtype: DtypeArg,
) -> Result<Report, Box<dyn std::error::Error>> {
    use gptomics::gpt2::backend::{CudaAutodiff, bf16, f16};
    let device = Default::default();
    Ok(match dtype {
        DtypeArg::F32 => throughput::measure::<CudaAutodiff<f32>>(config, mode, work, &device)?,
        DtypeArg::Bf16 => throughput::measure::<CudaAutodiff<bf16>>(config, mode, work, &device)?,
        DtypeArg::F16 => throughput::measure::<CudaAutodiff<f16>>(config, mode, work, &device)?,
    })
}

#[cfg(not(feature = "cuda"))]
fn cuda(_: &Gpt2Config, _: Mode, _: Workload, _: DtypeArg) -> Result<Report, Box<dyn std::error::Error>> {
    Err("this binary was built without CUDA: rebuild with --features cuda".into())
}

fn print(args: &Args, r: &Report) {
    let peak = throughput::peak_rss_bytes();
    println!(
        "{} ({} params), batch {} × seq {}, {}: {:.1} tokens/s, step {:.4} s (median of {}; {:.4}–{:.4} s), {:.2} GFLOP/s, loss {:.3}, peak host RSS {}",
        args.preset,
        r.params,
        args.batch,
        args.seq,
        if matches!(args.mode, ModeArg::Train) { "train" } else { "forward" },
        r.tokens_per_s,
        r.step_s_median,
        args.steps,
        r.step_s_range.0,
        r.step_s_range.1,
        r.flops_per_s / 1e9,
        r.mean_loss,
        peak.map_or("n/a".into(), |b| format!("{:.0} MiB", b as f64 / 1048576.0)),
    );
    let json = serde_json::json!({
        "preset": args.preset, "params": r.params, "batch": args.batch, "seq": args.seq,
        "mode": if matches!(args.mode, ModeArg::Train) { "train" } else { "forward" },
        "device": if args.device == DeviceArg::Cuda { "cuda" } else { "cpu" },
        "tokens_per_s": r.tokens_per_s, "step_s_median": r.step_s_median,
        "step_s_min": r.step_s_range.0, "step_s_max": r.step_s_range.1,
        "flops_per_s": r.flops_per_s, "mean_loss": r.mean_loss, "peak_rss_bytes": peak,
    });
    println!("{json}");
}
