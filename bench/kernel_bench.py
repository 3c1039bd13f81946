"""The obscale kernel next to ipykernel, measured the same way in the same run through
jupyter_client: startup to the first kernel_info_reply, execute round trips (request sent
to the idle status that closes it) and resident memory.

usage: python kernel_bench.py path/to/obscale [--cells N] [--starts N]
Prints a Markdown table; docs/BENCHMARKS.md records its output.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager

parser = argparse.ArgumentParser()
parser.add_argument("obscale")
parser.add_argument("--cells", type=int, default=1000)
parser.add_argument("--starts", type=int, default=10)
parser.add_argument("--soak", type=int, default=10000, help="cells run before the last memory reading")
args = parser.parse_args()

prefix = tempfile.mkdtemp(prefix="obscale-kernel-bench-")
subprocess.run([os.path.abspath(args.obscale), "install", "--prefix", prefix], check=True, capture_output=True)
subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", prefix, "--name", "bench-ipykernel"],
               check=True, capture_output=True)
os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")

# Clients retry a connection every 100 ms by default, which would round every startup up to
# the next retry; retry every 5 ms so that the kernel's own startup is what is measured.
context = zmq.Context.instance()
context.setsockopt(zmq.RECONNECT_IVL, 5)

KERNELS = [("obscale", "obscale", "3"), ("ipykernel", "bench-ipykernel", "3")]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start(name):
    """Starts a kernel; returns the manager, client and seconds to the first kernel_info_reply."""
    km = KernelManager(kernel_name=name, context=context)
    began = time.perf_counter()
    km.start_kernel(stderr=subprocess.DEVNULL)
    kc = km.client(context=context)
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return km, kc, time.perf_counter() - began


def round_trip(kc, code):
    """Seconds from sending an execute_request to the idle status that ends it."""
    began = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        message = kc.get_iopub_msg(timeout=60)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"):
            break
    elapsed = time.perf_counter() - began
    kc.get_shell_msg(timeout=60)
    return elapsed


def summary(values):
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered), ordered[0], ordered[-1], p99


results = {}
for label, name, code in KERNELS:
    starts = []
    for _ in range(args.starts):
        km, kc, seconds = start(name)
        starts.append(seconds)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    km, kc, _ = start(name)
    pid = km.provisioner.process.pid
    time.sleep(0.5)
    idle_rss = rss_kib(pid)
    for _ in range(20):  # warm up
        round_trip(kc, code)
    trips = [round_trip(kc, code) for _ in range(args.cells)]
    busy_rss = rss_kib(pid)
    # Cells per second: many requests in flight, replies collected as they come.
    began = time.perf_counter()
    ids = [kc.execute(code) for _ in range(args.cells)]
    pending = set(ids)
    while pending:
        pending.discard(kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id"))
    throughput = args.cells / (time.perf_counter() - began)
    for _ in range(max(0, args.soak - 2 * args.cells - 20)):
        round_trip(kc, code)
    soak_rss = rss_kib(pid)
    # The floor: a bare ZeroMQ round trip from this client to the kernel's heartbeat echo.
    floor = []
    if label == "obscale":
        info = km.get_connection_info()
        socket = context.socket(zmq.REQ)
        socket.connect(f"tcp://{info['ip']}:{info['hb_port']}")
        for _ in range(args.cells):
            t0 = time.perf_counter()
            socket.send(b"ping")
            socket.recv()
            floor.append(time.perf_counter() - t0)
        socket.close(linger=0)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    results[label] = (summary(starts), summary(trips), idle_rss, busy_rss, throughput, soak_rss, summary(floor) if floor else None)


def ms(seconds):
    return f"{seconds * 1000:.3g} ms"


ours, theirs = results["obscale"], results["ipykernel"]
print(f"| measure | obscale | ipykernel | ipykernel / obscale |")
print("| --- | ---: | ---: | ---: |")
print(f"| startup to first kernel_info_reply, median (min–max of {args.starts}) | {ms(ours[0][0])} ({ms(ours[0][1])}–{ms(ours[0][2])}) "
      f"| {ms(theirs[0][0])} ({ms(theirs[0][1])}–{ms(theirs[0][2])}) | {theirs[0][0] / ours[0][0]:.1f}× |")
print(f"| execute round trip, median of {args.cells} | {ms(ours[1][0])} | {ms(theirs[1][0])} | {theirs[1][0] / ours[1][0]:.1f}× |")
print(f"| execute round trip, p99 | {ms(ours[1][3])} | {ms(theirs[1][3])} | {theirs[1][3] / ours[1][3]:.1f}× |")
print(f"| execute round trip, min–max | {ms(ours[1][1])}–{ms(ours[1][2])} | {ms(theirs[1][1])}–{ms(theirs[1][2])} | |")
print(f"| resident memory after startup | {ours[2] / 1024:.1f} MiB | {theirs[2] / 1024:.1f} MiB | {theirs[2] / ours[2]:.1f}× |")
print(f"| resident memory after {args.cells + 20} cells | {ours[3] / 1024:.1f} MiB | {theirs[3] / 1024:.1f} MiB | {theirs[3] / ours[3]:.1f}× |")
print(f"| cells per second, {args.cells} in flight | {ours[4]:.0f} | {theirs[4]:.0f} | {ours[4] / theirs[4]:.1f}× (obscale / ipykernel) |")
print(f"| resident memory after {max(args.soak, 2 * args.cells + 20)} cells (growth since startup) | {ours[5] / 1024:.1f} MiB (+{(ours[5] - ours[2]) / 1024:.1f}) | "
      f"{theirs[5] / 1024:.1f} MiB (+{(theirs[5] - theirs[2]) / 1024:.1f}) | {theirs[5] / ours[5]:.1f}× |")
print(f"| floor: bare ZeroMQ REQ/REP round trip to the heartbeat echo, median (p99) | {ms(ours[6][0])} ({ms(ours[6][3])}) | | |")
