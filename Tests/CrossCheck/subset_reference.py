"""An independent brute-force V-optimal subset search (algorithm.md §12) with numpy.

Reads JSON on stdin: {"scores": [[...], ...], "families": [...], "forced": [...],
"budgets": [...], "max_families": n}. For each budget it scores every combination of at
most max_families families that contains the forced ones, as
-trace(G_all @ inv(G_sub)) with G = S.T @ S (−inf below K models or when G_sub is singular),
and prints {"<budget>": {"score": s, "families": [...]}} for the best subset with at most
`budget` models.
"""
import itertools
import json
import sys

import numpy as np

request = json.load(sys.stdin)
scores = np.array(request["scores"], dtype=float)
families = request["families"]
forced = request["forced"]
k = scores.shape[1]
names = list(dict.fromkeys(families))
rows = {name: [i for i, f in enumerate(families) if f == name] for name in names}
free = [name for name in names if name not in forced]
g_all = scores.T @ scores


def criterion(members):
    index = [i for name in members for i in rows[name]]
    if len(index) < k:
        return -np.inf
    sub = scores[index]
    g_sub = sub.T @ sub
    if np.linalg.cond(g_sub) > 1e12:
        return -np.inf
    return -float(np.trace(g_all @ np.linalg.inv(g_sub)))


answers = {}
most = min(len(free), request["max_families"] - len(forced))
subsets = []
for r in range(most + 1):
    for combo in itertools.combinations(free, r):
        members = list(forced) + list(combo)
        subsets.append((sum(len(rows[m]) for m in members), criterion(members), members))
for budget in request["budgets"]:
    fitting = [s for s in subsets if s[0] <= budget and np.isfinite(s[1])]
    if fitting:
        best = max(fitting, key=lambda s: s[1])
        answers[str(budget)] = {"score": best[1], "families": best[2]}
json.dump(answers, sys.stdout)
