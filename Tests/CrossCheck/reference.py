"""Independent computation of obscale's pipeline with numpy, scikit-learn and scipy.

Reads the paper's published CSVs from the folder given as the first argument and writes
JSON to stdout: the 77-model default selection's imputed cells, explained-variance ratios
and PC scores, and several downstream fits (predictions, parameters, losses). The Swift test
`CrossCheckTests` runs this script and compares obscale's figures with these.

The steps follow algorithm.md as a researcher would write them with the standard tools:
PCA imputation with sklearn's PCA (1000 rounds, the reference stopping test), sklearn PCA,
and scipy's curve_fit (trust-region reflective) for the bounded sigmoid law. It shares no
code with obscale.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.optimize import curve_fit, minimize
from sklearn.decomposition import PCA

BENCHMARKS = ["MMLU", "ARC-C", "HellaSwag", "Winograd", "TruthfulQA", "GSM8K", "XWinograd", "HumanEval"]
FAMILIES = ["Llama-2", "Llama", "Llama-3", "Llama-3.1", "Qwen2", "Qwen1.5", "Qwen", "Mistral",
            "Mixtral", "Yi", "Yi-1.5", "Gemma", "Gemma-2", "Falcon", "Phi", "Pythia", "BLOOM",
            "GPT-Neo/J", "OPT", "MPT", "XGLM", "CodeLlama", "StarCoder", "StarCoder2",
            "DeepSeek-Coder", "DeepSeek-V2", "DeepSeek-Coder-V2", "Jamba"]
PREREGISTERED = ["Meta-Llama-3.1-405B-FP8", "Meta-Llama-3.1-70B", "Meta-Llama-3.1-8B",
                 "Qwen1.5-110B", "Qwen2-72B", "Qwen2-57B-A14B", "Qwen2-7B", "Qwen2-1.5B",
                 "Qwen2-0.5B", "DeepSeek-V2", "DeepSeek-Coder-V2-Base", "gemma-2-27b",
                 "gemma-2-9b", "gemma-2-2b", "Mixtral-8x22B-v0.1", "Mistral-Nemo-Base-2407",
                 "Yi-1.5-34B", "Yi-1.5-9B", "Yi-1.5-6B", "Jamba-v0.1"]

# name, downstream file, target, benchmarks, predictors, loss
FITS = [
    ("emergent-word-unscrambling", "base_llm_emergent_capability_eval.csv",
     "word_unscrambling_2_exact_match", BENCHMARKS, "pc3", "ols"),
    ("emergent-persian-qa", "base_llm_emergent_capability_eval.csv",
     "parsinlu_qa_2_acc", BENCHMARKS, "pc3", "ols"),
    ("emergent-word-unscrambling-flops", "base_llm_emergent_capability_eval.csv",
     "word_unscrambling_2_exact_match", BENCHMARKS, "logflops", "ols"),
    ("post-training-gsm8k-cot", "base_llm_post_training_eval.csv",
     "gsm8k_cot_8_exact_match,flexible-extract",
     [b for b in BENCHMARKS if b != "GSM8K"], "pc3", "huber1"),
]


def default_selection(folder):
    base = pd.read_csv(os.path.join(folder, "base_llm_benchmark_eval.csv"))
    short = base["Model"].str.split("/").str[-1]
    keep = base["Model Family"].isin(FAMILIES) & ~short.isin(PREREGISTERED)
    return base[keep].reset_index(drop=True)


def impute(train, test, k=1, rounds=1000, tol=1e-4):
    """PCA imputation as algorithm.md §5 states it, with the reference's stopping test."""
    mean = np.nanmean(train, axis=0)
    std = np.nanstd(train, axis=0)
    z = (train - mean) / std
    missing = np.isnan(z)
    z[missing] = 0.0
    for _ in range(rounds):
        pca = PCA(n_components=k).fit(z)
        rec = pca.inverse_transform(pca.transform(z))
        if np.allclose(z, rec, atol=tol):
            break
        z[missing] = rec[missing]
    filled_train = z * std + mean
    filled_train[missing] = np.clip(filled_train[missing], 0, 1)
    filled_test = None
    if test is not None and len(test):
        zt = (test - mean) / std
        missing_t = np.isnan(zt)
        zt[missing_t] = 0.0
        for _ in range(rounds):
            rec = pca.inverse_transform(pca.transform(zt))
            if np.allclose(zt, rec, atol=tol):
                break
            zt[missing_t] = rec[missing_t]
        filled_test = zt * std + mean
        filled_test[missing_t] = np.clip(filled_test[missing_t], 0, 1)
    return filled_train, filled_test


def law(x, *p):
    k = x.shape[1]
    c, w, b = p[0], np.array(p[1:k + 1]), p[k + 1]
    return (1 - b) / (1 + np.exp(-(c + x @ w))) + b


def fit_law(x, y, loss):
    k = x.shape[1]
    p0 = np.concatenate([[0.0], np.full(k, 0.03), [0.0]])
    lower = [-np.inf] * (k + 1) + [0.0]
    upper = [np.inf] * (k + 1) + [0.2]
    if loss == "ols":
        popt, _ = curve_fit(lambda xx, *p: law(xx, *p), x, y, p0=p0, bounds=(lower, upper),
                            maxfev=10000, ftol=1e-12, xtol=1e-12, gtol=1e-12)
    else:
        def objective(p):
            r = law(x, *p) - y
            a = np.abs(r)
            return np.where(a <= 1.0, 0.5 * r * r, a - 0.5).sum()
        result = minimize(objective, p0, method="L-BFGS-B", bounds=list(zip(lower, upper)),
                          options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 100000})
        popt = result.x
    return popt


def main():
    folder = sys.argv[1]
    base = default_selection(folder)
    x = base[BENCHMARKS].to_numpy(dtype=float)
    filled, _ = impute(x, None)
    pca = PCA(n_components=5).fit(filled)
    scores = pca.transform(filled)
    imputed = {}
    for i, j in zip(*np.where(np.isnan(x))):
        imputed.setdefault(base["Model"][i], {})[BENCHMARKS[j]] = filled[i, j]
    out = {
        "default_selection": {
            "models": list(base["Model"]),
            "imputed": imputed,
            "explained_variance_ratio": list(pca.explained_variance_ratio_),
            "explained_variance": list(pca.explained_variance_),
            "singular_values": list(pca.singular_values_),
            "mean": list(pca.mean_),
            "components": pca.components_.tolist(),
            "scores": scores.tolist(),
        },
        "fits": [],
    }
    for name, file, target, benchmarks, predictors, loss in FITS:
        down = pd.read_csv(os.path.join(folder, file))
        table = base.merge(down, on="Model", how="inner")
        table = table[table[target].notna()].reset_index(drop=True)
        flops = table["FLOPs (1E21)"]
        train_mask = (flops <= 84).to_numpy()
        train, test = table[train_mask], table[~train_mask]
        if predictors == "pc3":
            ftrain, ftest = impute(train[benchmarks].to_numpy(float), test[benchmarks].to_numpy(float))
            pca = PCA(n_components=5).fit(ftrain)
            xtrain, xtest = pca.transform(ftrain)[:, :3], pca.transform(ftest)[:, :3]
        else:
            test = test[test["FLOPs (1E21)"].notna()]
            xtrain = np.log(train[["FLOPs (1E21)"]].to_numpy(float) + 1e-9)
            xtest = np.log(test[["FLOPs (1E21)"]].to_numpy(float) + 1e-9)
        ytrain, ytest = train[target].to_numpy(float), test[target].to_numpy(float)
        popt = fit_law(xtrain, ytrain, loss)
        ptrain, ptest = law(xtrain, *popt), law(xtest, *popt)
        predictions = dict(zip(train["Model"], ptrain))
        predictions.update(zip(test["Model"], ptest))
        out["fits"].append({
            "name": name,
            "parameters": list(popt),
            "train_models": list(train["Model"]),
            "test_models": list(test["Model"]),
            "train_loss": float(0.5 * np.sum((ptrain - ytrain) ** 2)),
            "train_mse": float(np.mean((ptrain - ytrain) ** 2)),
            "test_mse": float(np.mean((ptest - ytest) ** 2)),
            "predictions": {k: float(v) for k, v in predictions.items()},
        })
    json.dump(out, sys.stdout, indent=1, default=float)


if __name__ == "__main__":
    main()
