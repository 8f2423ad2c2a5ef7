#!/usr/bin/env Rscript
# Reference outputs of R DESeq2 for gptomics-expr's tests, on simulated negative binomial counts that
# exercise what PyDESeq2's 10-gene files cannot: independent filtering with its lowess fit (hundreds of
# genes), Cook's filtering with few replicates, outlier replacement with >= 7 replicates, a three-level
# factor contrasted between two non-reference levels, all-zero genes, a numeric covariate and an
# interaction design.
#
# Usage (Debian: apt-get install r-bioc-deseq2): Rscript scripts/make_deseq2_fixture.R [OUT_DIR]
# Writes counts, sample sheets and DESeq2 outputs as CSV into OUT_DIR
# (default crates/expr/tests/fixtures/deseq2_r1383). Deterministic: set.seed per case.
suppressMessages(library(DESeq2))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "crates/expr/tests/fixtures/deseq2_r1383"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
w <- function(x, name) write.csv(x, file.path(out, name), quote = TRUE)

# NB counts with a DESeq2-like mean-dispersion trend: alpha = 0.05 + 1/mu.
simulate <- function(n_genes, size_factors, log2fc, seed) {
  set.seed(seed)
  base <- exp(rnorm(n_genes, log(60), 1.6))
  disp <- 0.05 + 1 / base
  mu <- outer(base, size_factors) * 2^log2fc
  matrix(rnbinom(length(mu), mu = mu, size = 1 / disp), nrow = n_genes,
         dimnames = list(sprintf("g%04d", seq_len(n_genes)), names(size_factors)))
}

run_case <- function(name, counts, coldata, design, contrasts, ...) {
  w(counts, paste0(name, "_counts.csv"))
  w(coldata, paste0(name, "_samples.csv"))
  dds <- DESeqDataSetFromMatrix(counts, coldata, design)
  dds <- DESeq(dds, quiet = TRUE, ...)
  w(data.frame(x = sizeFactors(dds)), paste0(name, "_size_factors.csv"))
  w(data.frame(dispGeneEst = mcols(dds)$dispGeneEst, dispFit = mcols(dds)$dispFit,
               dispersion = dispersions(dds), row.names = rownames(dds)), paste0(name, "_dispersions.csv"))
  for (cn in names(contrasts)) {
    res <- do.call(results, c(list(dds), contrasts[[cn]]))
    w(as.data.frame(res)[, c("baseMean", "log2FoldChange", "lfcSE", "stat", "pvalue", "padj")],
      paste0(name, "_res_", cn, ".csv"))
  }
  invisible(dds)
}

# Case 1: 600 genes x 12 samples, ~ batch + condition with three conditions (4 each); 2 samples per
# cell, so Cook's filtering (not replacement) applies; 8 all-zero genes; 3 planted outliers.
sf <- setNames(c(0.8, 1.2, 1.0, 0.9, 1.1, 1.3, 0.7, 1.0, 1.2, 0.9, 1.1, 0.8), sprintf("s%02d", 1:12))
condition <- factor(rep(c("ctrl", "epi", "kd"), each = 4), levels = c("ctrl", "epi", "kd"))
batch <- factor(rep(c("b1", "b2"), 6))
lfc <- matrix(0, 600, 12)
lfc[1:60, condition == "epi"] <- 1.5; lfc[61:100, condition == "epi"] <- -1.2
lfc[1:30, condition == "kd"] <- 0.5; lfc[101:130, condition == "kd"] <- 1
counts <- simulate(600, sf, lfc, 1)
counts[591:598, ] <- 0L
counts[200, 3] <- 5000L; counts[300, 9] <- 3000L; counts[400, 1] <- 0L
run_case("cohort", counts, data.frame(condition, batch, row.names = names(sf)), ~ batch + condition,
         list(epi_vs_ctrl = list(contrast = c("condition", "epi", "ctrl")),
              kd_vs_epi = list(contrast = c("condition", "kd", "epi")),
              kd_vs_epi_lfc1 = list(contrast = c("condition", "kd", "epi"), lfcThreshold = 1),
              batch = list(name = "batch_b2_vs_b1")))

# Case 2: 400 genes x 16 samples (8 vs 8): outliers replaced and refitted.
sf2 <- setNames(exp(rnorm(16, 0, 0.2)), sprintf("r%02d", 1:16))
cond2 <- factor(rep(c("A", "B"), each = 8))
lfc2 <- matrix(0, 400, 16); lfc2[1:40, cond2 == "B"] <- 1
counts2 <- simulate(400, sf2, lfc2, 2)
counts2[5, 2] <- 4000L; counts2[50, 12] <- 2500L; counts2[150, 7] <- 1500L
run_case("replace", counts2, data.frame(condition = cond2, row.names = names(sf2)), ~ condition,
         list(B_vs_A = list(contrast = c("condition", "B", "A"))))

# Case 3: 300 genes x 12 samples, numeric covariate plus an interaction of two factors.
sf3 <- setNames(exp(rnorm(12, 0, 0.15)), sprintf("c%02d", 1:12))
group <- factor(rep(c("X", "Y"), each = 6)); treat <- factor(rep(c("no", "yes"), 6))
age <- c(3, 5, 8, 2, 7, 4, 6, 9, 1, 5, 3, 8)
lfc3 <- matrix(0, 300, 12); lfc3[1:30, ] <- outer(rep(1, 30), 0.15 * age)
lfc3[31:60, group == "Y" & treat == "yes"] <- 1.3
counts3 <- simulate(300, sf3, lfc3, 3)
cd3 <- data.frame(group, treat, age, row.names = names(sf3))
run_case("covariate", counts3, cd3, ~ age + group, list(age = list(name = "age")))
run_case("interaction", counts3, cd3, ~ group + treat + group:treat,
         list(interaction = list(name = "groupY.treatyes"),
              treat_in_X = list(contrast = c("treat", "yes", "no"))))
cat("wrote", out, "with DESeq2", as.character(packageVersion("DESeq2")), "\n")
