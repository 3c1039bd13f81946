"""End-to-end checks of the obscale executable: `run` exit codes and JSON Lines, and the
REPL driven through a real pseudo-terminal (line editing, continuation lines, tab
completion, Ctrl-C, history, Ctrl-D).

usage: python cli_test.py path/to/obscale
Exits non-zero with a message on the first failed check.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import tempfile
import time

OBSCALE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "ObscaleLanguageTests", "Golden", "Scripts")
checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


def run(*args, cwd=None, env=None):
    return subprocess.run([OBSCALE, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


# --- obscale help ----------------------------------------------------------------------
topic = run("help", "fit")
check(topic.returncode == 0 and topic.stdout.startswith("help fit") and "subset(s, 12)" in topic.stdout,
      f"obscale help fit prints the language's help on fit, every split form included: {topic.stderr}")
unknown = run("help", "fitt")
check(unknown.returncode == 64 and "no help on 'fitt'" in unknown.stderr, f"an unknown topic is a usage error: {unknown.stderr}")
check("help [STATEMENT]" in run("help").stdout, "obscale help alone prints the usage")
widest = max(len(line) for line in run("help").stdout.splitlines())
check(widest <= 80, f"the usage fits 80 columns (its widest line has {widest})")

# --- scripts that are not scripts --------------------------------------------------------
with tempfile.TemporaryDirectory() as scratch:
    table = os.path.join(scratch, "scores.obs")
    with open(table, "w") as f:
        f.write("Model,Model Family,FLOPs (1E21),MMLU\n" + "".join(f"m{i},F,{i + 1},0.5\n" for i in range(20000)))
    mistaken = run("run", table)
    check(mistaken.returncode == 65 and "looks like a table" in mistaken.stderr and len(mistaken.stderr) < 1000,
          f"a table run as a script is refused at once, in one line: {mistaken.stderr[:300]}")
    device = run("run", "/dev/zero")
    check(device.returncode == 66 and "character device" in device.stderr, f"a device is not read: {device.stderr}")

# --- output that cannot be written ---------------------------------------------------------
with tempfile.TemporaryDirectory() as scratch:
    script = os.path.join(scratch, "p.obs")
    with open(script, "w") as f:
        f.write('print "hello"\nd = load demo\nshow d\n')
    with open("/dev/full", "w") as full:
        result = subprocess.run([OBSCALE, "run", script], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    check(result.returncode == 74 and "could not be written to standard output" in result.stderr
          and "No space left" in result.stderr, f"a full disk is an error with EX_IOERR: {result.returncode} {result.stderr}")
    reader, writer = os.pipe()
    os.close(reader)
    result = subprocess.run([OBSCALE, "run", script], stdout=writer, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(writer)
    check(result.returncode == 74 and "Broken pipe" in result.stderr, f"a closed pipe is an error too: {result.returncode} {result.stderr}")

    # A history that cannot be written is said, and the REPL's exit status says so.
    history = os.path.join(scratch, "no-such-folder", "history")
    result = subprocess.run([OBSCALE, "repl"], input="x = 1\n", capture_output=True, text=True, timeout=60,
                            env={**os.environ, "OBSCALE_HISTORY": history})
    check(result.returncode == 74 and "the history could not be written" in result.stderr,
          f"an unwritable history is an error: {result.returncode} {result.stderr}")

# --- obscale run -----------------------------------------------------------------------
with tempfile.TemporaryDirectory() as scratch:
    for name in ["fit-defaults.obs", "errors-names.obs"]:
        with open(os.path.join(SCRIPTS, name)) as source, open(os.path.join(scratch, name), "w") as copy:
            copy.write(source.read())
    good = run("run", os.path.join(scratch, "fit-defaults.obs"))
    check(good.returncode == 0, f"a good script exits 0, got {good.returncode}: {good.stderr}")
    check("y = 0.8989·σ(" in good.stdout, "the fit's formula is printed")

    lines = run("run", os.path.join(scratch, "fit-defaults.obs"), "--json")
    check(lines.returncode == 0, "--json exits 0")
    documents = [json.loads(line) for line in lines.stdout.splitlines()]
    check([d["kind"] for d in documents] == ["table", "fit", "predictions", "equiv", "weights"],
          f"one JSON document per result, got {[d['kind'] for d in documents]}")
    predictions = next(b for b in documents[2]["blocks"] if b["type"] == "table")
    check(len(predictions["rows"]) == 3 and predictions["columns"][0]["name"] == "model",
          "the predictions table carries its rows and columns")

    bad = run("run", os.path.join(scratch, "errors-names.obs"))
    check(bad.returncode == 65, f"a script error exits 65, got {bad.returncode}")
    check("did you mean 'emergent_task'?" in bad.stderr and "errors-names.obs:3:15" in bad.stderr,
          f"the error names the place and a suggestion: {bad.stderr}")

    bad_json = run("run", os.path.join(scratch, "errors-names.obs"), "--json")
    error = json.loads(bad_json.stdout.splitlines()[-1])
    check(error["kind"] == "error" and error["line"] == 3 and error["column"] == 15, f"the JSON error has its place: {error}")

    missing = run("run", os.path.join(scratch, "nope.obs"))
    check(missing.returncode == 66, f"a missing script exits 66, got {missing.returncode}")
    usage = run("run")
    check(usage.returncode == 64 and "missing a script file" in usage.stderr, "no script is a usage error (64)")
    unknown = run("frobnicate")
    check(unknown.returncode == 64, "an unknown command is a usage error")

demo = run("demo")
check(demo.returncode == 0 and "comparison of fewshot, cot" in demo.stdout, "obscale demo runs the demo script")


# --- obscale kernel and install: bad command lines and connection files --------------------
with tempfile.TemporaryDirectory() as scratch:
    missing = run("kernel", "-f", os.path.join(scratch, "nope.json"))
    check(missing.returncode == 66 and "cannot read the connection file" in missing.stderr and "it does not exist" in missing.stderr,
          f"a missing connection file exits 66: {missing.stderr!r}")
    broken = os.path.join(scratch, "broken.json")
    with open(broken, "w") as connection:
        connection.write('{"shell_port": 1,, }')
    bad = run("kernel", "-f", broken)
    check(bad.returncode == 65 and "not JSON: expected a string key at byte 17" in bad.stderr,
          f"a malformed connection file exits 65 and says where: {bad.stderr!r}")
    wrong = os.path.join(scratch, "wrong.json")
    with open(wrong, "w") as connection:
        connection.write('{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": "5"}')
    typed = run("kernel", "-f", wrong)
    check(typed.returncode == 65 and "'hb_port' in the connection file is a string, expected an integer" in typed.stderr,
          f"a wrongly typed field is named: {typed.stderr!r}")
    check(run("kernel").returncode == 64, "kernel without a connection file is a usage error")
    no_folder = run("install", "--prefix")
    check(no_folder.returncode == 64 and "missing a folder after --prefix" in no_folder.stderr, "install --prefix needs a folder")
    no_env = run("install", "--sys-prefix", env={k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")})
    check(no_env.returncode == 73 and "needs an active virtual or conda environment" in no_env.stderr,
          f"install --sys-prefix outside an environment explains itself: {no_env.stderr!r}")

# --- obscale repl through a pseudo-terminal -----------------------------------------------
def read_until(fd, needle, timeout=20):
    """Reads from the pty until `needle` appears; returns everything read."""
    out = b""
    deadline = time.time() + timeout
    while needle.encode() not in out:
        remaining = deadline - time.time()
        if remaining <= 0:
            print(f"FAILED: timed out waiting for {needle!r}; got:\n{out.decode(errors='replace')}")
            sys.exit(1)
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out.decode(errors="replace")


def send(fd, data):
    """Writes to the pty after a short pause: libedit switches the terminal to raw mode after
    printing its prompt, and input arriving in between can be flushed (pexpect pauses 50 ms
    before each send for the same reason)."""
    time.sleep(0.1)
    os.write(fd, data)


with tempfile.TemporaryDirectory() as home:
    history = os.path.join(home, "history")
    env = dict(os.environ, OBSCALE_HISTORY=history, TERM="xterm", NO_COLOR="1")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(OBSCALE, [OBSCALE, "repl"], env)
    read_until(fd, "obscale> ")
    send(fd, b"d = load demo\r")
    check("95 models" in read_until(fd, "obscale> "), "a statement runs and prints its result")
    send(fd, b"b = [MMLU,\r")
    read_until(fd, "... ")
    send(fd, b"GSM8K]\r")
    check("list of 2: MMLU, GSM8K" in read_until(fd, "obscale> "), "a bracket continues the statement on the next line")
    send(fd, b"f = fit d: emergent_task ~ pc(1) los\t")
    read_until(fd, "s =")
    send(fd, b" huber\r")
    check("Huber δ = 1" in read_until(fd, "obscale> "), "tab completes an option name")
    send(fd, b"describe dd\r")
    check("did you mean 'd'?" in read_until(fd, "obscale> "), "errors show did-you-mean and the session goes on")
    send(fd, b"half a line\x03")
    read_until(fd, "obscale> ")
    send(fd, b"f\r")
    check("emergent_task ~ PC-1" in read_until(fd, "obscale> "), "Ctrl-C cancels the line and keeps the session")
    # Ctrl-C during a long statement stops it inside the engine; the session keeps its state.
    big = os.path.join(home, "big.csv")
    with open(big, "w") as table:
        table.write("Model,a,b,c\n")
        for i in range(3000):
            table.write(f"m{i},{(i % 97) / 97},{'' if i % 7 == 0 else (i % 89) / 89},{(i % 83) / 83}\n")
    send(fd, f'big = load "{big}"\r'.encode())
    read_until(fd, "obscale> ")
    send(fd, b"slow = impute big benchmarks = [a, b, c] rounds = 10000000 tolerance = 1e-300 stopping = reference\r")
    read_until(fd, "imputing: round")
    send(fd, b"\x03")
    check("interrupted" in read_until(fd, "obscale> "), "Ctrl-C interrupts a running statement")
    send(fd, b"slow\r")
    check("'slow' is not defined" in read_until(fd, "obscale> "), "the interrupted statement bound nothing")
    send(fd, b"big\r")
    check("3000 models" in read_until(fd, "obscale> "), "the session kept its values")
    send(fd, b"x = [a,\r")
    read_until(fd, "... ")
    send(fd, b"\x04")
    check("statement cancelled" in read_until(fd, "obscale> "), "Ctrl-D on a continuation line cancels the statement, not the session")
    send(fd, b"\x04")
    _, status = os.waitpid(pid, 0)
    check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "Ctrl-D leaves with status 0")
    with open(history, encoding="utf-8", errors="replace") as saved:
        text = saved.read()
    check("describe" in text and "load" in text, "the history file keeps the statements")

    # A new session recalls the last statement with the up arrow.
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(OBSCALE, [OBSCALE, "repl"], env)
    read_until(fd, "obscale> ")
    send(fd, b"\x1b[A\r")
    recalled = read_until(fd, "obscale> ")
    check("'big' is not defined" in recalled, f"the up arrow recalls the last entry, big, from the saved history: {recalled!r}")
    send(fd, b"exit\r")
    _, status = os.waitpid(pid, 0)
    check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "exit leaves with status 0")

    # A history file that is not libedit's is neither read nor replaced.
    notes = os.path.join(home, "notes.txt")
    with open(notes, "w") as f:
        f.write("".join(f"line {i}\n" for i in range(5000)))
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(OBSCALE, [OBSCALE, "repl"], dict(env, OBSCALE_HISTORY=notes))
    check("not an obscale history file" in read_until(fd, "obscale> "), "a foreign history file is named and left alone")
    send(fd, b"d = load demo\r")
    read_until(fd, "obscale> ")
    send(fd, b"\x04")
    os.waitpid(pid, 0)
    with open(notes) as f:
        check(f.read().count("\n") == 5000, "the foreign history file is unchanged")

# --- the terminal's width: 80 columns in a pseudo-terminal, full lines in a pipe -------------
def set_width(fd, columns, rows=40):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def widest(text):
    """The longest line's length in characters, with the terminal's CR and escapes removed."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")
    return max((len(line) for line in plain.split("\n")), default=0)


with tempfile.TemporaryDirectory() as home:
    env = dict(os.environ, OBSCALE_HISTORY=os.path.join(home, "history"), TERM="xterm", NO_COLOR="1")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(OBSCALE, [OBSCALE, "repl"], env)
    set_width(fd, 80)
    banner = read_until(fd, "obscale> ")
    check(widest(banner) <= 80, f"the banner fits 80 columns: {banner!r}")
    send(fd, b"d = load demo\r")
    read_until(fd, "obscale> ")
    send(fd, b"f = fit d: gsm_cot ~ pc(3)\r")
    fitted = read_until(fd, "obscale> ")
    send(fd, b"predict f side = test\r")
    predicted = read_until(fd, "obscale> ")
    send(fd, b"help fit\r")
    helped = read_until(fd, "obscale> ")
    for name, text in [("a fit", fitted), ("predictions", predicted), ("help fit", helped)]:
        check(widest(text) <= 80, f"{name} fits 80 columns at the REPL (widest line {widest(text)})")
    check("more columns than fit 80 characters" in predicted and "imputed" in predicted,
          "a predictions table too wide for 80 columns says which columns it leaves out")
    check(re.search(r"^  model +family +split +actual +predicted", predicted, re.M) is not None,
          "the predictions table keeps its first columns")
    # help wraps at word boundaries only: its words, in order, are those of the full-width help.
    full = " ".join(run("help", "fit").stdout.split())
    check(full in " ".join(helped.replace("\r", "").split()), "help at 80 columns wraps between words")
    send(fd, b"\x04")
    os.waitpid(pid, 0)

    script = os.path.join(home, "wide.obs")
    with open(script, "w") as f:
        f.write("d = load demo\nf = fit d: gsm_cot ~ pc(3)\npredict f side = test\n")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(OBSCALE, [OBSCALE, "run", script], env)
    set_width(fd, 80)
    ran = read_until(fd, "test MAE")
    ran += read_until(fd, "demo/Iris-405B")
    os.waitpid(pid, 0)
    check(widest(ran) <= 80, f"obscale run at an 80-column terminal fits it (widest {widest(ran)})")
    piped = run("run", script)
    check(widest(piped.stdout) > 100 and "more columns than fit" not in piped.stdout,
          "obscale run into a pipe keeps every line whole")

print(f"cli_test: {checks} checks passed")
