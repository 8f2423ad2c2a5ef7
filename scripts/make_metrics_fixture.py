#!/usr/bin/env python3
"""Oracle fixtures for gptomics-train's `metrics` and `baseline` modules, computed by scikit-learn and SciPy.

Writes
  crates/train/tests/fixtures/metrics.json   classification / regression cases with sklearn's metric values
  crates/train/tests/fixtures/baseline.json  random sequences, their k-mer features' scaler, sklearn's
                                             LogisticRegression probabilities (and the exact optimum's,
                                             Newton-polished from sklearn's solution) and Ridge predictions

The k-mer frequency features and the standardisation are re-implemented here exactly as the Rust code
defines them (frequencies per k over ACGT windows, case-insensitive, other bases skipped; population
standard deviation; constant columns set to 0); the models themselves are scikit-learn's.

Run:  /work/venv-torch/bin/pip install scikit-learn scipy
      /work/venv-torch/bin/python scripts/make_metrics_fixture.py
"""

import json
from pathlib import Path

import numpy as np
import scipy.stats
import sklearn
from sklearn import metrics as skm
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

OUT = Path(__file__).resolve().parent.parent / "crates/train/tests/fixtures"


# ---------------------------------------------------------------- metrics

def classification_case(name, labels, probs):
    labels = np.asarray(labels)
    probs = np.asarray(probs, dtype=float)
    k = probs.shape[1]
    pred = probs.argmax(axis=1)  # first maximum on ties, as the Rust code
    if k == 2:
        prf = dict(average="binary", zero_division=0)
        score = probs[:, 1]
    else:
        prf = dict(average="macro", zero_division=0)
        score = probs
    all_present = len(np.unique(labels)) == k
    if all_present:
        if k == 2:
            roc = skm.roc_auc_score(labels, score)
            ap = skm.average_precision_score(labels, score)
        else:
            roc = skm.roc_auc_score(labels, score, multi_class="ovr", average="macro")
            ap = skm.average_precision_score(labels, score, average="macro")
    else:
        roc = ap = None
    expected = dict(
        n=len(labels),
        accuracy=skm.accuracy_score(labels, pred),
        precision=skm.precision_score(labels, pred, **prf),
        recall=skm.recall_score(labels, pred, **prf),
        f1=skm.f1_score(labels, pred, **prf),
        mcc=skm.matthews_corrcoef(labels, pred),
        roc_auc=roc,
        pr_auc=ap,
        confusion=skm.confusion_matrix(labels, pred, labels=list(range(k))).tolist(),
    )
    return dict(name=name, num_classes=k, labels=labels.tolist(), probabilities=probs.ravel().tolist(),
                expected={a: (float(b) if isinstance(b, (float, np.floating)) else b) for a, b in expected.items()})


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def metrics_fixture(rng):
    cases = []
    # Binary, scores on a coarse grid: many tied scores, some rows tied at 0.5 (predicted class 0).
    y = rng.integers(0, 2, 60)
    p1 = np.clip(np.round(0.5 * y + rng.uniform(0, 0.5, 60), 1), 0, 1)
    cases.append(classification_case("binary_ties", y, np.column_stack([1 - p1, p1])))
    # Three classes, logits on a small integer grid: identical rows, hence tied scores per class.
    y = rng.integers(0, 3, 90)
    z = rng.integers(0, 3, (90, 3)).astype(float)
    z[np.arange(90), y] += rng.integers(0, 2, 90)
    cases.append(classification_case("three_class", y, softmax(z)))
    # Imbalanced binary: 5% positives, continuous scores.
    y = (rng.uniform(size=300) < 0.05).astype(int)
    p1 = 1 / (1 + np.exp(-(2.0 * y - 2.5 + rng.normal(size=300))))
    cases.append(classification_case("imbalanced", y, np.column_stack([1 - p1, p1])))
    # Four classes, class 2 absent from the labels and never predicted: AUCs undefined, macro over 3.
    y = rng.choice([0, 1, 3], 50)
    z = rng.normal(size=(50, 4))
    z[:, 2] -= 10
    z[np.arange(50), y] += 1.0
    cases.append(classification_case("absent_class", y, softmax(z)))

    regression = []
    ties = np.round(rng.normal(size=80), 1)  # tied values on both sides, for Spearman's average ranks
    continuous = rng.normal(3, 2, 200)
    pairs = [
        ("ties", ties, np.round(ties + rng.normal(0, 0.7, ties.size), 1)),
        ("continuous", continuous, 0.8 * continuous + rng.normal(0, 1, continuous.size)),
    ]
    for name, truth, pred in pairs:
        regression.append(dict(name=name, truth=truth.tolist(), predicted=pred.tolist(), expected=dict(
            n=int(truth.size),
            mse=float(skm.mean_squared_error(truth, pred)),
            mae=float(skm.mean_absolute_error(truth, pred)),
            pearson=float(scipy.stats.pearsonr(truth, pred).statistic),
            spearman=float(scipy.stats.spearmanr(truth, pred).statistic),
            r2=float(skm.r2_score(truth, pred)),
        )))
    return dict(classification=cases, regression=regression)


# ---------------------------------------------------------------- baseline

def kmer_features(seqs, ks):
    rows = []
    for s in seqs:
        s = s.upper()
        row = []
        for k in ks:
            counts = np.zeros(4 ** k)
            valid = 0
            for i in range(len(s) - k + 1):
                w = s[i:i + k]
                if all(c in "ACGT" for c in w):
                    counts[int("".join("0123"["ACGT".index(c)] for c in w), 4)] += 1
                    valid += 1
            row.append(counts / valid if valid else counts)
        rows.append(np.concatenate(row))
    return np.array(rows)


def standardise(train, test):
    scaler = StandardScaler().fit(train)  # population std (ddof = 0)
    constant = np.ptp(train, axis=0) == 0
    out = [scaler.transform(x) for x in (train, test)]
    for x in out:
        x[:, constant] = 0.0
    return scaler.mean_, np.where(constant, 0.0, np.sqrt(scaler.var_)), out


def predict(theta, x):
    """Class probabilities of the rows of `x` under parameters `theta` = [coef | intercept], [m, d + 1]."""
    z = np.column_stack([x, np.ones(x.shape[0])]) @ theta.T
    if theta.shape[0] == 1:
        p1 = 1 / (1 + np.exp(-z[:, 0]))
        return np.column_stack([1 - p1, p1])
    return softmax(z)


def polish(model, x, labels, c):
    """Newton steps on scikit-learn's objective `sum CE + |W|^2 / 2C` from its solution. lbfgs stops at its
    `ftol` with probabilities still ~1e-7 from the optimum; a few Newton steps reach it to rounding."""
    n = x.shape[0]
    a = np.column_stack([x, np.ones(n)])  # [n, d + 1]
    theta = np.column_stack([model.coef_, model.intercept_])  # [m, d + 1]
    m = theta.shape[0]
    y = (labels[:, None] == (np.array([1]) if m == 1 else np.arange(m))[None, :]).astype(float)  # [n, m]
    penalty = np.ones(a.shape[1]) / c
    penalty[-1] = 0.0  # the intercept is not penalised
    for _ in range(8):
        p = predict(theta, x)[:, 1:] if m == 1 else predict(theta, x)  # [n, m]
        grad = (p - y).T @ a + theta * penalty  # [m, d + 1]
        blocks = [[(a * (p[:, j] * ((j == k) - p[:, k]))[:, None]).T @ a for k in range(m)] for j in range(m)]
        h = np.block(blocks) + np.kron(np.eye(m), np.diag(penalty))
        # lstsq: the softmax's intercepts can shift together, a flat direction of the objective.
        theta = theta - np.linalg.lstsq(h, grad.ravel(), rcond=None)[0].reshape(theta.shape)
    return theta, np.abs(grad).max() / n


def baseline_fixture(rng):
    n, n_train, length = 120, 100, 60
    seqs = ["".join(rng.choice(list("ACGT"), length)) for _ in range(n)]
    # Lower case and N: the features are case-insensitive and skip k-mers over other bases.
    seqs[3] = seqs[3].lower()
    seqs[7] = seqs[7][:20] + "N" + seqs[7][21:]
    gata = np.array([s.upper().count("GATA") + s.upper().count("TATC") for s in seqs])
    cg = np.array([s.upper().count("CG") for s in seqs])
    binary = ((gata + rng.normal(0, 0.7, n)) > np.median(gata)).astype(int)
    three = np.digitize(cg + rng.normal(0, 0.8, n), np.quantile(cg, [1 / 3, 2 / 3]))
    value = 0.5 * gata - 0.3 * cg + rng.normal(0, 0.5, n)

    cases = []
    for ks in ([3, 4], [2]):
        x = kmer_features(seqs, ks)
        mean, scale, (xtr, xte) = standardise(x[:n_train], x[n_train:])
        xall = np.vstack([xtr, xte])
        case = dict(ks=ks, features_first_rows=x[:8].ravel().tolist(), mean=mean.tolist(), scale=scale.tolist())
        if ks == [3, 4]:
            logistic = []
            for labels, c in ((binary, 1.0), (three, 0.1)):
                model = LogisticRegression(C=c, solver="lbfgs", tol=1e-10, max_iter=10000)
                model.fit(xtr, labels[:n_train])
                theta, grad = polish(model, xtr, labels[:n_train], c)
                sk, optimum = model.predict_proba(xall), predict(theta, xall)
                print(f"logistic C={c}: mean-objective gradient after Newton {grad:.1e}, "
                      f"|sklearn - optimum| {np.abs(sk - optimum).max():.1e}")
                logistic.append(dict(labels=labels.tolist(), c=c, num_classes=int(labels.max() + 1),
                                     probabilities=sk.ravel().tolist(), optimum=optimum.ravel().tolist()))
            case["logistic"] = logistic
        alpha = 1.0 if ks == [3, 4] else 10.0
        ridge = Ridge(alpha=alpha, solver="cholesky").fit(xtr, value[:n_train])
        case["ridge"] = dict(alpha=alpha, predictions=ridge.predict(xall).tolist())
        cases.append(case)
    return dict(n_train=n_train, sequences=seqs, values=value.tolist(), cases=cases)


def main():
    rng = np.random.default_rng(20240601)
    versions = dict(sklearn=sklearn.__version__, scipy=scipy.__version__, numpy=np.__version__)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("metrics.json", metrics_fixture(rng)), ("baseline.json", baseline_fixture(rng))):
        data["generated_by"] = dict(script="scripts/make_metrics_fixture.py", **versions)
        (OUT / name).write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"wrote {OUT / name} ({(OUT / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
