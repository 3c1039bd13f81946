"""Your own evaluation results, read right: obscale's readers of lm-evaluation-harness results
and leaderboard tables, checked on real public result files (Tests/Data/harness-corpus, see
its SOURCES.md) and on files written here in the layouts the harness, the leaderboard and
pandas write. Every expected value is computed here, in plain Python over the files, never
by obscale.

usage: python harness_test.py path/to/obscale
Exits non-zero with a message on the first failed check.
"""
import csv
import glob
import json
import math
import os
import random
import subprocess
import sys
import tempfile

OBSCALE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "Data", "harness-corpus")
checks = 0

MMLU_SUBJECTS = [
    "abstract_algebra", "anatomy", "astronomy", "business_ethics", "clinical_knowledge",
    "college_biology", "college_chemistry", "college_computer_science", "college_mathematics",
    "college_medicine", "college_physics", "computer_security", "conceptual_physics",
    "econometrics", "electrical_engineering", "elementary_mathematics", "formal_logic",
    "global_facts", "high_school_biology", "high_school_chemistry",
    "high_school_computer_science", "high_school_european_history", "high_school_geography",
    "high_school_government_and_politics", "high_school_macroeconomics",
    "high_school_mathematics", "high_school_microeconomics", "high_school_physics",
    "high_school_psychology", "high_school_statistics", "high_school_us_history",
    "high_school_world_history", "human_aging", "human_sexuality", "international_law",
    "jurisprudence", "logical_fallacies", "machine_learning", "management", "marketing",
    "medical_genetics", "miscellaneous", "moral_disputes", "moral_scenarios", "nutrition",
    "philosophy", "prehistory", "professional_accounting", "professional_law",
    "professional_medicine", "professional_psychology", "public_relations",
    "security_studies", "sociology", "us_foreign_policy", "virology", "world_religions",
]


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def close(a, b, tolerance=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tolerance


def run_script(folder, source):
    """Runs `source` as a script in `folder`; returns (exit code, JSON records, stderr)."""
    path = os.path.join(folder, "check.obs")
    with open(path, "w") as f:
        f.write(source)
    result = subprocess.run(
        [OBSCALE, "run", "--json", path], capture_output=True, text=True, timeout=120,
        env={k: v for k, v in os.environ.items() if k != "OBSCALE_PATH"})
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, records, result.stderr


def table_of(folder, load):
    """The table `load` makes (rows by model, as dicts) and the notes it printed."""
    code, records, stderr = run_script(folder, f"t = {load}\nshow t\n")
    check(code == 0, f"{load} loads: {stderr}")
    notes = [b["text"] for b in records[0]["blocks"] if b["type"] == "text"]
    rows = next(b for b in records[1]["blocks"] if b["type"] == "table")
    names = [c["name"] for c in rows["columns"]]
    table = {row[0]: dict(zip(names, row)) for row in rows["rows"]}
    return table, notes


def error_of(folder, statement):
    code, records, stderr = run_script(folder, statement + "\n")
    errors = [r for r in records if r.get("kind") == "error"]
    check(code != 0 and errors, f"{statement} is refused: {stderr}")
    return errors[0]["message"] + " " + " ".join(errors[0].get("notes", []))


# --- Real files: Pythia's evaluations (harness v0.3), as their repository stores them -------
PROTOCOL_SHOTS = {"MMLU": 5, "ARC-C": 25, "Winograd": 5}


def pythia_expected(paths):
    """Per model run (pretrained@revision) and column, the value of the protocol's rule: the
    57 subjects' unweighted mean, ARC acc_norm, Winogrande acc; of several files, the one run
    with the protocol's few-shot count, else the later one (name order)."""
    cells = {}
    for path in sorted(paths):
        with open(path) as f:
            data = json.load(f)
        args = dict(pair.split("=", 1) for pair in data["config"]["model_args"].split(","))
        model = args["pretrained"] + "@" + args["revision"]
        shots = data["config"]["num_fewshot"]
        results = data["results"]
        values = {}
        subjects = ["hendrycksTest-" + s for s in MMLU_SUBJECTS]
        if all(s in results for s in subjects):
            values["MMLU"] = sum(results[s]["acc"] for s in subjects) / 57
        if "arc_challenge" in results:
            values["ARC-C"] = results["arc_challenge"]["acc_norm"]
        if "winogrande" in results:
            values["Winograd"] = results["winogrande"]["acc"]
        for column, value in values.items():
            cells.setdefault(model, {}).setdefault(column, []).append((shots, value))
    expected = {}
    for model, columns in cells.items():
        for column, candidates in columns.items():
            protocol = [v for s, v in candidates if s == PROTOCOL_SHOTS[column]]
            expected.setdefault(model, {})[column] = protocol[-1] if protocol else candidates[-1][1]
    return expected


with tempfile.TemporaryDirectory() as scratch:
    os.symlink(os.path.abspath(CORPUS), os.path.join(scratch, "corpus"))
    pythia = glob.glob(os.path.join(CORPUS, "pythia", "**", "*.json"), recursive=True)
    check(len(pythia) == 4, f"the corpus holds Pythia's 4 files: {pythia}")
    expected = pythia_expected(pythia)
    table, notes = table_of(scratch, 'load "corpus/pythia"')
    check(sorted(table) == sorted(expected),
          f"one row per model run, checkpoints apart: {sorted(table)} against {sorted(expected)}")
    for model, columns in expected.items():
        for column, value in columns.items():
            check(close(table[model][column], value),
                  f"{model} {column}: obscale {table[model][column]}, the protocol's rule {value}")
        for column in ["HellaSwag", "TruthfulQA", "GSM8K"]:
            check(table[model][column] is None, f"{model} {column} is empty, not made up")
    check(any("v0.3 layout" in n for n in notes), f"the layout is said: {notes}")
    check(any("ARC-C" in n and "5-shot, the protocol 25-shot" in n for n in notes),
          f"ARC run 5-shot is a warning: {notes}")
    both = [n for n in notes if n.startswith("EleutherAI/pythia-v1.1-1.4b@step143000: MMLU is")]
    check(len(both) == 1 and "five-shot" in both[0] and "zero-shot" in both[0] and "5-shot as the protocol" in both[0],
          f"two values of one cell name both files and the rule: {both}")
    check(any("28 other tasks not read" in n and "tasks = all" in n for n in notes),
          f"the tasks not read are counted: {notes}")

    # One file alone, and every task on request.
    one = os.path.join("corpus", "pythia", "pythia-160m", "five-shot", "160m-5shot_step143000.json")
    with open(os.path.join(CORPUS, "pythia", "pythia-160m", "five-shot", "160m-5shot_step143000.json")) as f:
        raw = json.load(f)
    table, notes = table_of(scratch, f'load "{one}" tasks = all')
    (row,) = table.values()
    check(close(row["MMLU"], sum(raw["results"]["hendrycksTest-" + s]["acc"] for s in MMLU_SUBJECTS) / 57),
          "MMLU of one v0.3 file is the mean of its 57 subjects")
    check(close(row["piqa_acc_norm"], raw["results"]["piqa"]["acc_norm"]), "tasks = all keeps piqa acc_norm")
    check(close(row["lambada_openai_ppl"], raw["results"]["lambada_openai"]["ppl"]), "and lambada's perplexity")
    check("arc_challenge_acc_stderr" not in row, "standard errors are not columns")
    table, _ = table_of(scratch, f'load "{one}" id = "pythia-160m-final"')
    check(list(table) == ["pythia-160m-final"], f"id = names the run: {list(table)}")

    # The harness's own regression output (v0.4): no model in it, N/A standard errors.
    regression = os.path.join("corpus", "lm-evaluation-harness", "cpu_group_regression_expected.json")
    message = error_of(scratch, f't = load "{regression}"')
    check("names no model" in message and 'id = "name"' in message, f"a file without a model says so: {message}")
    table, notes = table_of(scratch, f'load "{regression}" id = "regression"')
    with open(os.path.join(CORPUS, "lm-evaluation-harness", "cpu_group_regression_expected.json")) as f:
        raw = json.load(f)
    check(close(table["regression"]["ARC-C"], raw["results"]["arc_challenge"]["acc_norm,none"]),
          "ARC-C of the harness's regression file")
    check(any("0-shot, the protocol 25-shot" in n for n in notes), f"its 0-shot run is a warning: {notes}")

# --- Files written in the harness's, the leaderboard's and pandas' layouts ------------------
rng = random.Random(7)


def v04_run(model_args, tasks, shots, group_shots=None):
    """A results file as lm-evaluation-harness 0.4 writes it (json.dump: NaN and Infinity)."""
    results = {}
    for task, metrics in tasks.items():
        entry = {"alias": task}
        for metric, value in metrics.items():
            entry[metric] = value
            entry[metric.replace(",", "_stderr,", 1)] = float("nan") if rng.random() < 0.3 else 0.01
        results[task] = entry
    n_shot = {task: shots for task in tasks}
    if group_shots is not None:
        n_shot["mmlu"] = group_shots
    return {
        "results": results,
        "versions": {task: 1.0 for task in tasks},
        "n-shot": n_shot,
        "config": {"model": "hf", "model_args": model_args, "batch_size": "auto"},
        "lm_eval_version": "0.4.2",
    }


def write(path, data, bom=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(data, indent=2)  # allow_nan: NaN, Infinity as Python writes them
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8") as f:
        f.write(text)


with tempfile.TemporaryDirectory() as scratch:
    # A full v0.4 run: 57 subjects with their group row (weighted by question count) recorded
    # 0-shot as harness 0.4.0-0.4.2 do, NaN standard errors, an infinite perplexity, the v2
    # leaderboard groups, MMLU-Pro subtasks; written with a byte order mark.
    sizes = {s: rng.randint(100, 1500) for s in MMLU_SUBJECTS}
    accs = {s: round(rng.uniform(0.2, 0.8), 6) for s in MMLU_SUBJECTS}
    tasks = {"mmlu_" + s: {"acc,none": accs[s]} for s in MMLU_SUBJECTS}
    weighted = sum(accs[s] * sizes[s] for s in MMLU_SUBJECTS) / sum(sizes.values())
    tasks["mmlu"] = {"acc,none": weighted}
    tasks["arc_challenge"] = {"acc,none": 0.5, "acc_norm,none": 0.53}
    tasks["hellaswag"] = {"acc,none": 0.6, "acc_norm,none": 0.79}
    tasks["gsm8k"] = {"exact_match,strict-match": 0.14, "exact_match,flexible-extract": 0.16}
    tasks["lambada_openai"] = {"perplexity,none": float("inf"), "acc,none": 0.7}
    tasks["mmlu_pro_law"] = {"acc,none": 0.9}
    tasks["leaderboard_bbh"] = {"acc_norm,none": 0.41}
    tasks["leaderboard_ifeval"] = {"inst_level_strict_acc,none": 0.32, "prompt_level_strict_acc,none": 0.2}
    run = v04_run("pretrained=org/full-7b,dtype=bfloat16", tasks, 5, group_shots=0)
    run["n-shot"].update({"arc_challenge": 25, "hellaswag": 10, "leaderboard_bbh": 3, "leaderboard_ifeval": 0})
    write(os.path.join(scratch, "full", "org__full-7b", "results_2024-06-01T00-00-00.json"), run, bom=True)
    table, notes = table_of(scratch, 'load "full"')
    row = table["org/full-7b"]
    unweighted = sum(accs.values()) / 57
    check(abs(unweighted - weighted) > 1e-4, "the test's weighted and unweighted MMLU differ")
    check(close(row["MMLU"], unweighted), f"MMLU is the subjects' unweighted mean {unweighted}, not {row['MMLU']}")
    check(not any("MMLU" in n and "0-shot" in n for n in notes), f"the group's recorded 0-shot is not a warning: {notes}")
    check(close(row["ARC-C"], 0.53) and close(row["GSM8K"], 0.14), "ARC acc_norm, GSM8K strict match")
    check(close(row["leaderboard_bbh"], 0.41) and close(row["leaderboard_ifeval"], 0.32), "v2 groups read")
    check(any("other task" in n and "lambada_openai" in n for n in notes), f"other tasks counted: {notes}")

    # MMLU-Pro and translated MMLUs without MMLU's subjects are not MMLU.
    other = v04_run("pretrained=org/pro-7b", {
        "mmlu_pro_biology": {"acc,none": 0.6}, "mmlu_pro_law": {"acc,none": 0.3},
        "global_mmlu_fr_anatomy": {"acc,none": 0.5}, "arc_challenge": {"acc_norm,none": 0.4}}, 25)
    write(os.path.join(scratch, "pro.json"), other)
    table, _ = table_of(scratch, 'load "pro.json"')
    check(table["org/pro-7b"]["MMLU"] is None, "no prefix mean: MMLU stays empty")

    # Checkpoints and adapters are rows of their own; settings are not.
    runs = os.path.join(scratch, "runs")
    for name, args, arc in [
        ("a", "pretrained=org/base-1b,revision=step1000,batch_size=8", 0.3),
        ("b", "pretrained=org/base-1b,revision=step143000,device=cuda:0", 0.4),
        ("c", "pretrained=org/base-1b,peft=org/lora-one", 0.45),
        ("d", "pretrained=org/base-1b,peft=org/lora-two", 0.46),
        ("e", "pretrained=org/base-1b,dtype=float16", 0.41),
    ]:
        write(os.path.join(runs, name, "results.json"),
              v04_run(args, {"arc_challenge": {"acc_norm,none": arc}}, 25))
    table, _ = table_of(scratch, 'load "runs"')
    check(sorted(table) == sorted([
        "org/base-1b@step1000", "org/base-1b@step143000", "org/base-1b+peft=org/lora-one",
        "org/base-1b+peft=org/lora-two", "org/base-1b"]), f"one row per model run: {sorted(table)}")
    check(close(table["org/base-1b@step1000"]["ARC-C"], 0.3), "each checkpoint keeps its own score")

    # Merging: a later file lacking a value erases nothing; the protocol's 25-shot wins.
    merge = os.path.join(scratch, "merge")
    write(os.path.join(merge, "1.json"), v04_run("pretrained=org/m", {"arc_challenge": {"acc_norm,none": 0.51}, "winogrande": {"acc,none": 0.7}}, 25))
    write(os.path.join(merge, "2.json"), v04_run("pretrained=org/m", {"arc_challenge": {"acc,none": 0.49}}, 25))
    write(os.path.join(merge, "3.json"), v04_run("pretrained=org/m", {"winogrande": {"acc,none": 0.66}}, 0))
    table, notes = table_of(scratch, 'load "merge"')
    check(close(table["org/m"]["ARC-C"], 0.51), f"a later file without acc_norm does not erase 0.51: {table['org/m']['ARC-C']}")
    check(close(table["org/m"]["Winograd"], 0.66), "the later Winogrande wins where neither is 5-shot")
    check(any("Winograd is 0.66 in merge/3.json (0-shot) and 0.7 in merge/1.json (25-shot)" in n for n in notes),
          f"both files and values named: {notes}")

    # A folder: every file skipped named with its reason; a dangling link; results too deep.
    folder = os.path.join(scratch, "mixed")
    write(os.path.join(folder, "good", "results.json"), v04_run("pretrained=org/g", {"arc_challenge": {"acc_norm,none": 0.5}}, 25))
    with open(os.path.join(folder, "broken.json"), "w") as f:
        f.write('{"results": {')
    write(os.path.join(folder, "README.json"), {"about": "not results"})
    os.symlink(os.path.join(folder, "gone.json"), os.path.join(folder, "link.json"))
    write(os.path.join(folder, "a", "b", "c", "results.json"), v04_run("pretrained=org/deep", {"arc_challenge": {"acc_norm,none": 0.5}}, 25))
    table, notes = table_of(scratch, 'load "mixed"')
    check(list(table) == ["org/g"], f"the good run is read: {list(table)}")
    skipped = next((n for n in notes if n.startswith("skipped 3 files")), "")
    check("mixed/broken.json (not JSON" in skipped and "mixed/README.json (no \"results\" object" in skipped
          and "mixed/link.json (a link to nothing" in skipped, f"each skipped file named with its reason: {notes}")
    check(any("deeper" in n and "mixed/a/b/c" in n for n in notes), f"results further down are pointed at: {notes}")

    # A value obscale reads that is not finite is an error naming file and task.
    write(os.path.join(scratch, "nan.json"), v04_run("pretrained=org/n", {"winogrande": {"acc,none": float("nan")}}, 5))
    message = error_of(scratch, 't = load "nan.json"')
    check("nan.json" in message and "winogrande" in message and "NaN" in message, f"NaN read is an error: {message}")
    # Files with none of the benchmarks are refused, naming their tasks.
    write(os.path.join(scratch, "piqa.json"), v04_run("pretrained=org/p", {"piqa": {"acc,none": 0.7}}, 0))
    message = error_of(scratch, 't = load "piqa.json"')
    check("piqa" in message and "tasks = all" in message, f"no benchmark is refused: {message}")

    # Leaderboard exports: the scale judged on the whole table.
    with open(os.path.join(scratch, "small.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["eval_name", "fullname", "ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande", "GSM8K", "#Params (B)"])
        w.writerow(["a", "org/tiny-a", 21.5, 27.3, 24.9, 45.1, 50.2, 0.38, 0.07])
        w.writerow(["b", "org/tiny-b", 22.0, 28.9, 25.3, 44.0, 51.1, 0.76, 0.16])
    table, _ = table_of(scratch, 'load "small.csv" format = leaderboard')
    check(close(table["org/tiny-a"]["GSM8K"], 0.0038) and close(table["org/tiny-b"]["ARC-C"], 0.22),
          "a 0-100 table of small models (GSM8K below 1%) is read on its scale")
    with open(os.path.join(scratch, "fractions.csv"), "w") as f:
        f.write("fullname,ARC,HellaSwag,MMLU\norg/a,0.53,0.78,0.46\n")
    message = error_of(scratch, 't = load "fractions.csv" format = leaderboard')
    check("scale = fraction" in message, f"fractions are refused with the option to use: {message}")
    table, _ = table_of(scratch, 'load "fractions.csv" format = leaderboard scale = fraction')
    check(close(table["org/a"]["HellaSwag"], 0.78), "scale = fraction keeps [0, 1] scores")
    with open(os.path.join(scratch, "twice.csv"), "w") as f:
        f.write("fullname,ARC,ARC (25-shot),MMLU\norg/a,53,53,46\n")
    message = error_of(scratch, 't = load "twice.csv" format = leaderboard')
    check("'ARC'" in message and "'ARC (25-shot)'" in message, f"two columns of one benchmark: {message}")

    # A table written by pandas, index and all.
    import pandas
    frame = pandas.DataFrame({"Model": ["org/a", "org/b"], "MMLU": [0.4, 0.5], "GSM8K": [0.1, float("nan")]})
    frame.to_csv(os.path.join(scratch, "pandas.csv"))
    table, notes = table_of(scratch, 'load "pandas.csv"')
    check(sorted(table) == ["org/a", "org/b"] and close(table["org/b"]["MMLU"], 0.5) and table["org/b"]["GSM8K"] is None,
          f"pandas' table reads: {table}")
    check(any("pandas" in n and "index" in n for n in notes) and not any("leaderboard" in n for n in notes),
          f"the index is left out and said so, and no leaderboard hint: {notes}")
    # The same file read back and written again without index = False: pandas names the old
    # index 'Unnamed: 0', and writes a new one before it.
    pandas.read_csv(os.path.join(scratch, "pandas.csv")).to_csv(os.path.join(scratch, "again.csv"), index=False)
    table, notes = table_of(scratch, 'load "again.csv"')
    check(sorted(table) == ["org/a", "org/b"] and all("Unnamed: 0" not in row for row in table.values())
          and close(table["org/a"]["MMLU"], 0.4), f"the read-back index is not a column: {table}")
    check(any("'Unnamed: 0'" in n and "index" in n for n in notes), f"and it is said so: {notes}")

    # Estimated FLOPs off any scale are refused at the option.
    write(os.path.join(scratch, "one.json"), v04_run("pretrained=org/one", {"arc_challenge": {"acc_norm,none": 0.5}}, 25))
    message = error_of(scratch, 't = load "one.json" size = 1e308 tokens = 1e308 flops = estimate')
    check("infinite" in message, f"an infinite estimate is refused: {message}")
    message = error_of(scratch, 't = load "one.json" size = 1e-320 tokens = 1e-320 flops = estimate')
    check("finite number > 0" in message, f"a zero estimate is refused: {message}")

    # A line feed in a model id is shown, not obeyed.
    with open(os.path.join(scratch, "lf.csv"), "w") as f:
        f.write('Model,MMLU\n"org/a\nFAKE 0.99",0.4\norg/b,0.5\n')
    result = subprocess.run([OBSCALE, "run", os.path.join(scratch, "check.obs")], capture_output=True, text=True)
    with open(os.path.join(scratch, "check.obs"), "w") as f:
        f.write('t = load "lf.csv"\nshow t\n')
    result = subprocess.run([OBSCALE, "run", os.path.join(scratch, "check.obs")], capture_output=True, text=True)
    lines = [l for l in result.stdout.splitlines() if "org/" in l]
    check(len(lines) == 2 and "org/a␊FAKE 0.99" in lines[0], f"the line feed is a symbol: {lines}")

print(f"harness_test: {checks} checks passed")
