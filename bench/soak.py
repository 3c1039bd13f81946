"""Soak test of the obscale kernel: many executions through jupyter_client, with resident
memory, open file descriptors and threads read before and after (`make soak`).

usage: python soak.py path/to/obscale [--cells N]
Prints a Markdown table; docs/RELIABILITY.md records its output.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

parser = argparse.ArgumentParser()
parser.add_argument("obscale")
parser.add_argument("--cells", type=int, default=100000)
args = parser.parse_args()
prefix = tempfile.mkdtemp(prefix="obscale-soak-")
subprocess.run([os.path.abspath(args.obscale), "install", "--prefix", prefix], check=True, capture_output=True)
os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")


def reading(pid):
    with open(f"/proc/{pid}/status") as status:
        rss = int(next(line for line in status if line.startswith("VmRSS:")).split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd")), len(os.listdir(f"/proc/{pid}/task"))


km = KernelManager(kernel_name="obscale")
km.start_kernel(stderr=subprocess.DEVNULL)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=30)
pid = km.provisioner.process.pid
cells = ["3", 'print "soak"', "d = load demo", "describe d", "show nosuch"]
began = time.perf_counter()
marks = {}
for n in range(args.cells):
    msg_id = kc.execute(cells[n % len(cells)], stop_on_error=False)
    while True:
        message = kc.get_iopub_msg(timeout=60)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"):
            break
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    if n + 1 in (1000, args.cells // 2, args.cells * 7 // 10, args.cells):
        marks[n + 1] = reading(pid)
elapsed = time.perf_counter() - began
alive = km.is_alive()
kc.stop_channels()
km.shutdown_kernel(now=False)
print(f"{args.cells} cells in {elapsed:.0f} s ({args.cells / elapsed:.0f} per second), the kernel alive after: {alive}")
print()
print("| after cells | resident memory | open file descriptors | threads |")
print("| ---: | ---: | ---: | ---: |")
for count, (rss, fds, threads) in sorted(marks.items()):
    print(f"| {count} | {rss / 1024:.1f} MiB | {fds} | {threads} |")
