#!/usr/bin/env Rscript
# Reference values for gptomics-expr's statistics (normalize, hypothesis, correlation, pca, enrichment,
# gene_sets), computed by R on fixed inputs and written to crates/expr/tests/fixtures/stats_reference.tsv,
# which crates/expr/tests/stats_vs_r.rs compares against.
#
# Run from the repository root:   Rscript scripts/make_expr_stats_fixture.R
# Needs R (stats), Bioconductor DESeq2 (plotPCA) and edgeR (cpm); Debian: r-bioc-deseq2 r-bioc-edger.
# Made with R 4.2.2, DESeq2 1.38.3, edgeR 3.40.2.
#
# Format: one value list per line, `key<TAB>v1,v2,...`, numbers as %.17g (exact doubles), `NA` for NA.
# Inputs are written too (keys `*.x`, `*.y`, ...), so the Rust test reads the same numbers R saw.
# Matrices are flattened gene-major (row-major, genes x samples), the layout of CountTable::counts().

suppressPackageStartupMessages({
  library(DESeq2)
  library(edgeR)
})

out <- "crates/expr/tests/fixtures/stats_reference.tsv"
lines <- character()
put <- function(key, v) {
  v <- as.numeric(v)
  s <- ifelse(is.na(v), "NA", sprintf("%.17g", v))
  lines <<- c(lines, paste0(key, "\t", paste(s, collapse = ",")))
}
rowmajor <- function(m) as.vector(t(m))

# --- normalize: edgeR cpm (no normalisation factors), TPM, log2(x + 1) --------------------------------
counts <- matrix(c(0, 10, 250, 3, 17, 0, 120, 5, 999, 40, 2, 0, 64, 8, 33, 1000, 7, 12), nrow = 6, byrow = TRUE)
put("cpm.counts", rowmajor(counts)); put("cpm.n_samples", ncol(counts))
put("cpm.plain", rowmajor(cpm(counts)))
put("cpm.log_prior2", rowmajor(cpm(counts, log = TRUE, prior.count = 2)))
put("cpm.log_prior0.5", rowmajor(cpm(counts, log = TRUE, prior.count = 0.5)))
lengths <- c(1500, 800, 4200, 350, 2000, 12000)
put("tpm.lengths", lengths)
rate <- counts / lengths
put("tpm.values", rowmajor(t(t(rate) / colSums(rate)) * 1e6))
put("log2p1.values", rowmajor(log2(counts + 1)))

# --- hypothesis: Welch t-test ---------------------------------------------------------------------------
welch <- list(
  a = list(x = c(5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3), y = c(6.5, 7.1, 6.8, 7.4, 6.9)),
  tiny_p = list(x = c(10.2, 10.5, 9.8, 10.1, 10.3, 10.0), y = c(20.1, 20.4, 19.9, 20.2, 20.0)),
  n2 = list(x = c(1, 3), y = c(2, 7)),
  unequal = list(x = c(0.1, 0.3, 0.2, 0.25), y = c(-5, 12, 3, 40, -20, 7, 9, 1))
)
for (name in names(welch)) {
  w <- welch[[name]]
  r <- t.test(w$x, w$y, var.equal = FALSE)
  put(paste0("welch.", name, ".x"), w$x); put(paste0("welch.", name, ".y"), w$y)
  put(paste0("welch.", name, ".t"), r$statistic)
  put(paste0("welch.", name, ".df"), r$parameter)
  put(paste0("welch.", name, ".p"), r$p.value)
}

# --- hypothesis: Wilcoxon rank-sum / Mann-Whitney U, R's defaults (exact iff n < 50 each and no ties) ---
set.seed(7)
big_x <- round(rnorm(20), 6); big_y <- round(rnorm(25, 1.2), 6)
huge_x <- round(rnorm(60), 6); huge_y <- round(rnorm(55, 0.5), 6)
stopifnot(!anyDuplicated(c(big_x, big_y)), !anyDuplicated(c(huge_x, huge_y)))
wilcox <- list(
  exact = list(x = c(0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46), y = c(1.15, 0.88, 0.90, 0.74, 1.21)),
  exact_big = list(x = big_x, y = big_y),
  exact_centre = list(x = c(1, 4), y = c(2, 3)),
  exact_extreme = list(x = c(11, 12, 13, 14), y = c(1, 2, 3)),
  ties = list(x = c(1, 2, 2, 3, 4, 5, 5, 5), y = c(3, 4, 4, 6, 7, 7, 8)),
  large = list(x = huge_x, y = huge_y),
  large_ties = list(x = c(rep(0, 30), 1:30), y = c(rep(0, 10), 5:50))
)
for (name in names(wilcox)) {
  w <- wilcox[[name]]
  r <- suppressWarnings(wilcox.test(w$x, w$y))
  put(paste0("wilcox.", name, ".x"), w$x); put(paste0("wilcox.", name, ".y"), w$y)
  put(paste0("wilcox.", name, ".w"), r$statistic)
  put(paste0("wilcox.", name, ".p"), r$p.value)
  put(paste0("wilcox.", name, ".exact"), as.numeric(grepl("exact", r$method)))
}

# --- hypothesis: Benjamini-Hochberg with NA -------------------------------------------------------------
bh <- c(0.01, 0.02, NA, 0.03, 0.04, 0.05, NA, 0.5, 0.001, 0.04, 1, 0.0001, 0, 0.04)
put("bh.small.p", bh); put("bh.small.adj", p.adjust(bh, method = "BH"))
set.seed(11)
bh_big <- runif(300)^4
bh_big[c(5, 77, 200)] <- NA
put("bh.big.p", bh_big); put("bh.big.adj", p.adjust(bh_big, method = "BH"))

# --- correlation: Pearson and Spearman (asymptotic t, as cor.test(exact = FALSE)) -----------------------
cors <- list(
  a = list(x = c(2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 6.1, 7.0, 2.2, 4.8, 5.9, 3.1),
           y = c(1.0, 2.9, 2.2, 4.1, 4.6, 2.0, 5.2, 6.4, 1.1, 3.9, 6.6, 3.5)),
  ties = list(x = c(1, 2, 2, 3, 3, 3, 4, 5, 5, 6), y = c(2, 1, 4, 4, 3, 6, 5, 8, 8, 7)),
  negative = list(x = c(1, 2, 3, 4, 5, 6, 7), y = c(10.5, 9.1, 9.3, 7.7, 5.2, 4.9, 1.0)),
  near_perfect = list(x = 1:15, y = (1:15) * 2 + c(0.01, -0.02, 0.015, 0, -0.01, 0.02, -0.005, 0.01, 0, -0.02, 0.01, 0.003, -0.01, 0.02, 0))
)
for (name in names(cors)) {
  w <- cors[[name]]
  put(paste0("cor.", name, ".x"), w$x); put(paste0("cor.", name, ".y"), w$y)
  p <- cor.test(w$x, w$y, method = "pearson")
  put(paste0("cor.", name, ".pearson.r"), p$estimate)
  put(paste0("cor.", name, ".pearson.t"), p$statistic)
  put(paste0("cor.", name, ".pearson.p"), p$p.value)
  s <- suppressWarnings(cor.test(w$x, w$y, method = "spearman", exact = FALSE))
  put(paste0("cor.", name, ".spearman.rho"), s$estimate)
  put(paste0("cor.", name, ".spearman.s"), s$statistic)
  put(paste0("cor.", name, ".spearman.p"), s$p.value)
  put(paste0("cor.", name, ".rank.x"), rank(w$x))
}

# --- pca: prcomp on the top-variance genes, as DESeq2::plotPCA -----------------------------------------
set.seed(3)
n_genes <- 40; n_samples <- 6
group_effect <- outer(rnorm(n_genes, sd = 1.5), c(-1, -1, -1, 1, 1, 1))
batch_effect <- outer(rnorm(n_genes, sd = 0.7), c(1, -1, 0.5, 1, -1, 0.5))
m <- round(8 + group_effect + batch_effect + matrix(rnorm(n_genes * n_samples, sd = 0.4), n_genes), 6)
rownames(m) <- paste0("g", seq_len(n_genes)); colnames(m) <- paste0("s", seq_len(n_samples))
rv <- apply(m, 1, var)
stopifnot(!anyDuplicated(rv))
put("pca.values", rowmajor(m)); put("pca.n_samples", n_samples)
for (ntop in c(15, 500)) {
  select <- order(rv, decreasing = TRUE)[seq_len(min(ntop, length(rv)))]
  for (scale in c(FALSE, TRUE)) {
    pc <- prcomp(t(m[select, ]), scale. = scale)
    key <- paste0("pca.ntop", ntop, if (scale) ".scaled" else "")
    put(paste0(key, ".selected"), sort(select) - 1) # 0-based gene indices
    put(paste0(key, ".sdev"), pc$sdev)
    put(paste0(key, ".percent"), 100 * pc$sdev^2 / sum(pc$sdev^2))
    put(paste0(key, ".scores"), as.vector(pc$x)) # component-major: PC1 for every sample, then PC2, ...
  }
}
dt <- DESeqTransform(SummarizedExperiment(assays = list(counts = m),
  colData = DataFrame(condition = factor(rep(c("A", "B"), each = 3)))))
pp <- plotPCA(dt, intgroup = "condition", ntop = 15, returnData = TRUE)
put("pca.plotpca.pc1", pp$PC1); put("pca.plotpca.pc2", pp$PC2)
put("pca.plotpca.percent", 100 * attr(pp, "percentVar"))

# --- enrichment: hypergeometric upper tail and Fisher's exact test --------------------------------------
hyper <- rbind(c(5, 40, 20000, 100), c(0, 40, 20000, 100), c(3, 50, 1000, 30), c(20, 200, 20000, 300),
               c(12, 30, 500, 40), c(30, 30, 500, 40), c(1, 1, 10, 1))
for (i in seq_len(nrow(hyper))) {
  h <- hyper[i, ] # k, K (successes in universe), N (universe), n (drawn)
  put(paste0("phyper.", i, ".kKNn"), h)
  put(paste0("phyper.", i, ".upper"), phyper(h[1] - 1, h[2], h[3] - h[2], h[4], lower.tail = FALSE))
}
tables <- list(tea = c(3, 1, 1, 3), skew = c(10, 2, 3, 15), zero = c(0, 5, 7, 2), big = c(120, 30, 80, 100),
               flat = c(5, 5, 5, 5), tiny = c(1, 0, 0, 1), lopsided = c(2, 40, 30, 1500))
for (name in names(tables)) {
  v <- tables[[name]] # a, b, c, d for matrix(rbind(c(a, b), c(c, d)))
  x <- matrix(v, 2, byrow = TRUE)
  f <- fisher.test(x)
  put(paste0("fisher.", name, ".table"), v)
  put(paste0("fisher.", name, ".p"), f$p.value)
  # fisher.test's own estimate comes from uniroot at tol ~1.2e-4; the same root solved to 1e-14:
  m1 <- sum(x[, 1]); n1 <- sum(x[, 2]); k1 <- sum(x[1, ]); x11 <- x[1, 1]
  lo <- max(0, k1 - n1); hi <- min(k1, m1); support <- lo:hi
  logdc <- dhyper(support, m1, n1, k1, log = TRUE)
  mnhyper <- function(ncp) {
    if (ncp == 0) return(lo)
    if (ncp == Inf) return(hi)
    d <- logdc + log(ncp) * support; d <- exp(d - max(d)); sum(support * d / sum(d))
  }
  mle <- if (x11 == lo) 0 else if (x11 == hi) Inf else {
    mu <- mnhyper(1)
    if (mu > x11) uniroot(function(t) mnhyper(t) - x11, c(0, 1), tol = 1e-14)$root
    else if (mu < x11) 1 / uniroot(function(t) mnhyper(1 / t) - x11, c(.Machine$double.eps, 1), tol = 1e-14)$root
    else 1
  }
  put(paste0("fisher.", name, ".mle"), mle)
  put(paste0("fisher.", name, ".r_estimate"), f$estimate)
}

# --- gene_sets: mean z-score of a set's genes per sample -----------------------------------------------
set.seed(5)
expr <- matrix(round(rnorm(5 * 8, mean = 6, sd = 2), 6), nrow = 5)
put("score.values", rowmajor(expr)); put("score.n_samples", ncol(expr))
put("score.mean_z", colMeans(t(scale(t(expr)))))

writeLines(lines, out)
cat("wrote", length(lines), "lines to", out, "\n")
