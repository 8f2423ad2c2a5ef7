#!/usr/bin/env Rscript
# Side-by-side benchmark input and the R side: simulates NB counts with a realistic dispersion trend
# (alpha = 0.05 + 1/mu; 10 % of genes changed 2-fold), writes counts.csv and samples.csv to OUT_DIR,
# then times R DESeq2's DESeq() + results() on them and writes r_results.csv and r_seconds.txt.
# Usage: Rscript scripts/bench_deseq2.R N_GENES N_SAMPLES OUT_DIR
suppressMessages(library(DESeq2))
a <- commandArgs(trailingOnly = TRUE)
n_genes <- as.integer(a[1]); n_samples <- as.integer(a[2]); out <- a[3]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(42)
base <- exp(rnorm(n_genes, log(50), 2))
disp <- 0.05 + 1 / base
condition <- factor(rep(c("A", "B"), length.out = n_samples))
sf <- exp(rnorm(n_samples, 0, 0.2))
lfc <- ifelse(seq_len(n_genes) %% 10 == 0, 1, 0)
mu <- outer(base, sf) * 2^outer(lfc, as.numeric(condition == "B"))
counts <- matrix(rnbinom(length(mu), mu = mu, size = 1 / disp), nrow = n_genes,
                 dimnames = list(sprintf("gene%05d", seq_len(n_genes)), sprintf("s%03d", seq_len(n_samples))))
write.csv(counts, file.path(out, "counts.csv"))
write.csv(data.frame(condition, row.names = colnames(counts)), file.path(out, "samples.csv"))
t_read <- system.time({
  counts <- as.matrix(read.csv(file.path(out, "counts.csv"), row.names = 1))
  coldata <- read.csv(file.path(out, "samples.csv"), row.names = 1, stringsAsFactors = TRUE)
})
dds <- DESeqDataSetFromMatrix(counts, coldata, ~ condition)
t <- system.time({
  dds <- DESeq(dds, quiet = TRUE)
  res <- results(dds, contrast = c("condition", "B", "A"))
})
write.csv(as.data.frame(res), file.path(out, "r_results.csv"))
writeLines(format(t[["elapsed"]]), file.path(out, "r_seconds.txt"))
cat(n_genes, "x", n_samples, ": R DESeq2", as.character(packageVersion("DESeq2")), ": read.csv",
    t_read[["elapsed"]], "s, DESeq() + results()", t[["elapsed"]], "s\n")
