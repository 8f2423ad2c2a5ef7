#!/usr/bin/env python3
"""Compare a results table of ours (TSV) with R DESeq2's (write.csv): every gene and column.

Usage: scripts/compare_de_results.py R_RESULTS.csv OURS.tsv
Prints the number of values compared, NA-pattern mismatches, how many exceed relative error 1e-3 (with
absolute error > 1e-6, the tests' tolerance), the worst relative error, and how many values exceed 1e-9,
1e-6 and 1e-4 relative (absolute > 1e-6).
"""
import csv
import math
import sys


def read(path, delimiter):
    with open(path) as f:
        rows = csv.reader(f, delimiter=delimiter)
        header = next(rows)
        return header, {r[0]: [math.nan if v == "NA" else float(v) for v in r[1:7]] for r in rows}


_, theirs = read(sys.argv[1], ",")
header, ours = read(sys.argv[2], "\t")
n = na_mismatch = beyond = 0
worst = (0.0, None)
above = {1e-9: 0, 1e-6: 0, 1e-4: 0}
for gene, values in ours.items():
    for column, a, b in zip(header[1:], values, theirs[gene]):
        if math.isnan(a) or math.isnan(b):
            na_mismatch += math.isnan(a) != math.isnan(b)
            continue
        n += 1
        ab = abs(a - b)
        rel = ab / abs(b) if b != 0 else ab
        if rel > worst[0]:
            worst = (rel, (gene, column, a, b))
        if ab > 1e-6:
            beyond += rel > 1e-3
            for k in above:
                above[k] += rel > k
print(f"values {n}, NA-pattern mismatches {na_mismatch}, beyond tolerance {beyond}, worst relative {worst[0]:.2e} "
      f"{worst[1]}, counts above 1e-9/1e-6/1e-4 (abs > 1e-6): {above[1e-9]}/{above[1e-6]}/{above[1e-4]}")
