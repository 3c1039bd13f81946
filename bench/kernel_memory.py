"""Where the obscale kernel's memory goes as cells run: resident memory after 500 warm-up
cells, then after two more blocks of 5000, with the cells stored in history and without.

usage: python kernel_memory.py path/to/obscale [rounds]
Each row is measured on `rounds` fresh kernels (3 by default); each figure is the median with
the min and max. Prints a Markdown table; docs/BENCHMARKS.md records its output.
"""
import os
import statistics
import subprocess
import sys
import tempfile

from jupyter_client.manager import KernelManager

prefix = tempfile.mkdtemp(prefix="obscale-memory-")
subprocess.run([os.path.abspath(sys.argv[1]), "install", "--prefix", prefix], check=True, capture_output=True)
os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])


ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def measure(store):
    """Resident memory after 500 cells, and the growth over the next two blocks of 5000."""
    km = KernelManager(kernel_name="obscale")
    km.start_kernel(stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=30)
    pid = km.provisioner.process.pid

    def run(count):
        for _ in range(count):
            msg_id = kc.execute("3", store_history=store)
            while True:
                message = kc.get_iopub_msg(timeout=30)
                if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                        and message["content"]["execution_state"] == "idle"):
                    break
            kc.get_shell_msg(timeout=30)

    run(500)
    first = rss_kib(pid)
    run(5000)
    second = rss_kib(pid)
    run(5000)
    third = rss_kib(pid)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return first, second - first, third - second


def spread(values, unit):
    ordered = sorted(values)
    return f"{unit(statistics.median(ordered))} ({unit(ordered[0])}–{unit(ordered[-1])})"


print(f"Each figure: the median of {ROUNDS} fresh kernels (min–max).")
print()
print("| cells stored in history | resident after 500 cells | growth over the next 5000 | over 5000 more |")
print("| --- | ---: | ---: | ---: |")
for store in (True, False):
    runs = [measure(store) for _ in range(ROUNDS)]
    mib = lambda kib: f"{kib / 1024:.1f} MiB"
    kib = lambda value: f"{value:.0f} KiB"
    print(f"| {'yes' if store else 'no'} | {spread([r[0] for r in runs], mib)} | {spread([r[1] for r in runs], kib)} "
          f"| {spread([r[2] for r in runs], kib)} |")
