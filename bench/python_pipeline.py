"""The paper's pipelines as a researcher would write them with numpy, scikit-learn and
scipy, timed: the Python side of `make bench`.

The steps are those of Tests/CrossCheck/reference.py (imported from there, so that the
pipeline timed is the one the tests check obscale against): parse the CSVs with pandas,
select and join, impute (PCA reconstruction), PCA, fit the sigmoid law (curve_fit, or
L-BFGS-B for Huber), predict, and regress the reference family for f-equivalent FLOPs.
Also times a brute-force V-optimal subset search with numpy on a sample of the
combinations, to extrapolate its rate.

usage: python python_pipeline.py FOLDER_OF_CSVS [--runs N]
Prints JSON: per pipeline, the times (seconds) of each run, the train loss and the
predictions.
"""
import argparse
import itertools
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "CrossCheck"))
from reference import BENCHMARKS, FAMILIES, PREREGISTERED, fit_law, impute, law  # noqa: E402

PIPELINES = [
    # name, downstream file, target, benchmarks, loss
    ("emergent", "base_llm_emergent_capability_eval.csv", "word_unscrambling_2_exact_match", BENCHMARKS, "ols"),
    ("post-training", "base_llm_post_training_eval.csv", "gsm8k_cot_8_exact_match,flexible-extract",
     [b for b in BENCHMARKS if b != "GSM8K"], "huber1"),
]


def pipeline(folder, file, target, benchmarks, loss):
    """One whole analysis, from the CSV files to predictions and f-equivalent FLOPs."""
    base = pd.read_csv(os.path.join(folder, "base_llm_benchmark_eval.csv"))
    short = base["Model"].str.split("/").str[-1]
    base = base[base["Model Family"].isin(FAMILIES) & ~short.isin(PREREGISTERED)]
    down = pd.read_csv(os.path.join(folder, file))
    table = base.merge(down, on="Model", how="inner")
    table = table[table[target].notna()].reset_index(drop=True)
    train_mask = (table["FLOPs (1E21)"] <= 84).to_numpy()
    train, test = table[train_mask], table[~train_mask]
    ftrain, ftest = impute(train[benchmarks].to_numpy(float), test[benchmarks].to_numpy(float))
    pca = PCA(n_components=5 if loss == "ols" else 3).fit(ftrain)
    xtrain, xtest = pca.transform(ftrain)[:, :3], pca.transform(ftest)[:, :3]
    ytrain = train[target].to_numpy(float)
    popt = fit_law(xtrain, ytrain, loss)
    ptrain, ptest = law(xtrain, *popt), law(xtest, *popt)
    # f-equivalent FLOPs: P = w_f log10 C + b_f over the Llama-2 rows.
    capability = np.concatenate([popt[0] + xtrain @ popt[1:4], popt[0] + xtest @ popt[1:4]])
    families = np.concatenate([train["Model Family"].to_numpy(), test["Model Family"].to_numpy()])
    flops = np.concatenate([train["FLOPs (1E21)"].to_numpy(float), test["FLOPs (1E21)"].to_numpy(float)])
    ref = families == "Llama-2"
    slope, intercept = np.polyfit(np.log10(flops[ref]), capability[ref], 1)
    equivalent = (capability - intercept) / slope
    residual = ptrain - ytrain
    if loss == "ols":
        train_loss = float(0.5 * np.sum(residual ** 2))
    else:
        a = np.abs(residual)
        train_loss = float(np.where(a <= 1.0, 0.5 * residual ** 2, a - 0.5).sum())
    models = list(train["Model"]) + list(test["Model"])
    return train_loss, dict(zip(models, map(float, np.concatenate([ptrain, ptest])))), equivalent


def subset_rate(folder, sample):
    """Seconds per scored subset of a numpy brute force over the default selection's families
    (all combinations of up to 10 families with Llama-2 forced), measured on `sample` of them,
    and the number of combinations."""
    base = pd.read_csv(os.path.join(folder, "base_llm_benchmark_eval.csv"))
    short = base["Model"].str.split("/").str[-1]
    base = base[base["Model Family"].isin(FAMILIES) & ~short.isin(PREREGISTERED)].reset_index(drop=True)
    filled, _ = impute(base[BENCHMARKS].to_numpy(float), None)
    scores = PCA(n_components=3).fit(filled).transform(filled)
    families = base["Model Family"].to_numpy()
    names = list(dict.fromkeys(families))
    rows = {name: np.where(families == name)[0] for name in names}
    free = [name for name in names if name != "Llama-2"]
    g_all = scores.T @ scores
    combos = itertools.chain.from_iterable(itertools.combinations(free, r) for r in range(0, 10))
    total = sum(1 for _ in itertools.chain.from_iterable(itertools.combinations(free, r) for r in range(0, 10)))
    began = time.perf_counter()
    scored = 0
    for combo in itertools.islice(combos, sample):
        index = np.concatenate([rows["Llama-2"]] + [rows[name] for name in combo])
        sub = scores[index]
        g_sub = sub.T @ sub
        if len(index) >= 3 and np.linalg.cond(g_sub) < 1e12:
            -np.trace(g_all @ np.linalg.inv(g_sub))
        scored += 1
    return (time.perf_counter() - began) / scored, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--subset-sample", type=int, default=20000)
    args = parser.parse_args()
    out = {}
    for name, file, target, benchmarks, loss in PIPELINES:
        times = []
        result = None
        for _ in range(args.runs):
            began = time.perf_counter()
            result = pipeline(args.folder, file, target, benchmarks, loss)
            times.append(time.perf_counter() - began)
        out[name] = {"times": times, "train_loss": result[0], "predictions": result[1]}
    rate, total = subset_rate(args.folder, args.subset_sample)
    out["subsets"] = {"seconds_per_subset": rate, "combinations": total, "sample": args.subset_sample}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
