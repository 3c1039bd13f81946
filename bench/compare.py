"""obscale's engine next to the Python pipelines, in one run: the paper's analyses and the
subset search, with the ratio of the medians, the train losses and the largest difference
between the two predictions of any model.

usage: python compare.py path/to/obscale-bench FOLDER_OF_CSVS
Prints a Markdown table; docs/BENCHMARKS.md records its output.
"""
import json
import os
import statistics
import subprocess
import sys

bench, folder = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
ours = json.loads(subprocess.run([bench, "--json"], env=dict(os.environ, OBSCALE_PATH=folder), check=True,
                                 capture_output=True, text=True).stdout)
theirs = json.loads(subprocess.run([sys.executable, os.path.join(here, "python_pipeline.py"), folder], check=True,
                                   capture_output=True, text=True).stdout)


def ms(seconds):
    return f"{seconds * 1000:.3g} ms"


def spread(times):
    return f"{ms(statistics.median(times))} ({ms(min(times))}–{ms(max(times))}, {len(times)} runs)"


print("| pipeline | obscale | Python (numpy, scikit-learn, scipy) | Python / obscale | train loss obscale / Python | largest prediction difference |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
labels = {
    "emergent": "emergent: word unscrambling, PC-1..3, least squares",
    "post-training": "post-training: GSM8K CoT, PC-1..3 of 7, Huber",
}
for name, label in labels.items():
    a, b = ours[name], theirs[name]
    label += f" ({len(a['predictions'])} models)"
    ratio = statistics.median(b["times"]) / statistics.median(a["times"])
    shared = set(a["predictions"]) & set(b["predictions"])
    largest = max(abs(a["predictions"][m] - b["predictions"][m]) for m in shared)
    print(f"| {label} | {spread(a['times'])} | {spread(b['times'])} | {ratio:.0f}× | "
          f"{a['train_loss']:.6g} / {b['train_loss']:.6g} | {largest:.1e} over {len(shared)} models |")
subsets = ours["subsets"]
python_seconds = theirs["subsets"]["seconds_per_subset"] * theirs["subsets"]["combinations"]
ratio = python_seconds / statistics.median(subsets["times"])
print(f"| subset search: {subsets['combinations']} combinations of ≤ 10 families, Llama-2 forced (77 models) | "
      f"{spread(subsets['times'])} | {python_seconds:.3g} s (rate of {theirs['subsets']['sample']} combinations, "
      f"extrapolated to {theirs['subsets']['combinations']}) | {ratio:.0f}× | — | — |")
