"""The obscale kernel next to ipykernel, measured the same way in the same run through
jupyter_client: startup to the first kernel_info_reply, execute round trips (request sent
to the idle status that closes it) and resident memory.

usage: python kernel_bench.py path/to/obscale [--cells N] [--starts N] [--soak N] [--rounds N]
The whole comparison is repeated --rounds times, the kernels taking turns, so that a busy
moment of the machine shows as spread rather than as one bad figure; each row gives the
median over the rounds with their min and max. Prints a Markdown table; docs/BENCHMARKS.md
records its output.
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
parser.add_argument("--rounds", type=int, default=3, help="times the whole comparison is repeated")
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


def measure(label, name, code):
    """One round for one kernel: a dict of its figures."""
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
    trips = sorted(round_trip(kc, code) for _ in range(args.cells))
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
    return {
        "start": statistics.median(starts), "trip": statistics.median(trips), "p99": summary(trips)[3],
        "trip_min": trips[0], "trip_max": trips[-1], "idle": idle_rss, "busy": busy_rss, "rate": throughput,
        "soak": soak_rss, "growth": soak_rss - idle_rss, "late_growth": soak_rss - busy_rss,
        "floor": statistics.median(floor) if floor else None, "floor_p99": summary(floor)[3] if floor else None,
    }


rounds = {label: [] for label, _, _ in KERNELS}
for round_number in range(args.rounds):
    for label, name, code in KERNELS:
        rounds[label].append(measure(label, name, code))
    print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)


def across(label, key):
    """Median, min and max of one figure over the rounds."""
    values = sorted(r[key] for r in rounds[label])
    return statistics.median(values), values[0], values[-1]


def ms(seconds):
    return f"{seconds * 1000:.3g} ms"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def cell(label, key, unit):
    middle, low, high = across(label, key)
    return f"{unit(middle)} ({unit(low)}–{unit(high)})"


def ratio(key, ours_over_theirs=False):
    a, b = across("obscale", key)[0], across("ipykernel", key)[0]
    return f"{(a / b if ours_over_theirs else b / a):.1f}×"


n = args.rounds
cells = max(args.soak, 2 * args.cells + 20)
print(f"Each figure: the median of {n} rounds (min–max over the rounds).")
print()
print("| measure | obscale | ipykernel | ipykernel / obscale |")
print("| --- | ---: | ---: | ---: |")
print(f"| startup to first kernel_info_reply (median of {args.starts} starts a round) | {cell('obscale', 'start', ms)} | {cell('ipykernel', 'start', ms)} | {ratio('start')} |")
print(f"| execute round trip, median of {args.cells} | {cell('obscale', 'trip', ms)} | {cell('ipykernel', 'trip', ms)} | {ratio('trip')} |")
print(f"| execute round trip, p99 of {args.cells} | {cell('obscale', 'p99', ms)} | {cell('ipykernel', 'p99', ms)} | {ratio('p99')} |")
print(f"| execute round trip, fastest and slowest of all rounds | {ms(across('obscale', 'trip_min')[1])}–{ms(across('obscale', 'trip_max')[2])} "
      f"| {ms(across('ipykernel', 'trip_min')[1])}–{ms(across('ipykernel', 'trip_max')[2])} | |")
print(f"| cells per second, {args.cells} in flight | {cell('obscale', 'rate', lambda v: f'{v:.0f}')} | {cell('ipykernel', 'rate', lambda v: f'{v:.0f}')} "
      f"| {ratio('rate', ours_over_theirs=True)} (obscale / ipykernel) |")
print(f"| resident memory after startup | {cell('obscale', 'idle', mib)} | {cell('ipykernel', 'idle', mib)} | {ratio('idle')} |")
print(f"| resident memory after {args.cells + 20} cells | {cell('obscale', 'busy', mib)} | {cell('ipykernel', 'busy', mib)} | {ratio('busy')} |")
print(f"| resident memory after {cells} cells | {cell('obscale', 'soak', mib)} | {cell('ipykernel', 'soak', mib)} | {ratio('soak')} |")
print(f"| growth from startup to cell {cells} | {cell('obscale', 'growth', mib)} | {cell('ipykernel', 'growth', mib)} | {ratio('growth')} |")
print(f"| growth from cell {args.cells + 20} to cell {cells} | {cell('obscale', 'late_growth', mib)} | {cell('ipykernel', 'late_growth', mib)} | {ratio('late_growth')} |")
print(f"| floor: bare ZeroMQ REQ/REP round trip to the heartbeat echo, median of {args.cells} | {cell('obscale', 'floor', ms)} | | |")
print(f"| floor: the same, p99 | {cell('obscale', 'floor_p99', ms)} | | |")
