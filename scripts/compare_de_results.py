import sys, csv, math
r = {}
with open(sys.argv[1]) as f:
    rd = csv.reader(f); h = next(rd)
    for row in rd: r[row[0]] = [float('nan') if v=='NA' else float(v) for v in row[1:7]]
worst = (0, None); napat = 0; n = 0; beyond = 0; hist = {1e-9:0, 1e-6:0, 1e-4:0}
with open(sys.argv[2]) as f:
    rd = csv.reader(f, delimiter='\t'); h2 = next(rd)
    for row in rd:
        ours = [float('nan') if v=='NA' else float(v) for v in row[1:7]]
        theirs = r[row[0]]
        for c,(a,b) in enumerate(zip(ours, theirs)):
            if math.isnan(a) or math.isnan(b):
                napat += (math.isnan(a) != math.isnan(b)); continue
            n += 1
            ab = abs(a-b); rel = ab/abs(b) if b != 0 else ab
            if rel > worst[0]: worst = (rel, (row[0], h2[c+1], a, b))
            if rel > 1e-3 and ab > 1e-6: beyond += 1
            for k in hist:
                if rel > k and ab > 1e-6: hist[k] += 1
print("values", n, "NA-pattern mismatches", napat, "beyond 1e-3", beyond, "worst relative", worst, "counts above (abs > 1e-6)", hist)
