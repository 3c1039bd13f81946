"""End-to-end checks of the obscale Jupyter kernel with real Jupyter clients.

The kernel is the real binary, started by jupyter_client from the kernelspec that
`obscale install --prefix` writes: the jupyter_kernel_test suite with every sample filled
in, then interrupts (message and signal), control served during a long cell, forged and
malformed messages, stop-on-error, execution counts, user expressions, comms, heartbeat,
shutdown and restart, and the notebooks of notebooks/ run by nbclient.

usage: python kernel_test.py path/to/obscale [unittest options]
"""
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

OBSCALE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.join(HERE, "..", "..", "notebooks")
SCRATCH = tempfile.mkdtemp(prefix="obscale-kernel-test-")
PREFIX = os.path.join(SCRATCH, "prefix")
# Install the kernelspec the way a user does, into a private prefix, and a second one that
# is interrupted by SIGINT instead of a message.
subprocess.run([OBSCALE, "install", "--prefix", PREFIX], check=True, capture_output=True)
signal_prefix = os.path.join(SCRATCH, "signal-prefix")
subprocess.run([OBSCALE, "install", "--prefix", signal_prefix, "--interrupt-mode", "signal"], check=True, capture_output=True)
shutil.copytree(
    os.path.join(signal_prefix, "share", "jupyter", "kernels", "obscale"),
    os.path.join(PREFIX, "share", "jupyter", "kernels", "obscale-signal"),
)
os.environ["JUPYTER_PATH"] = os.path.join(PREFIX, "share", "jupyter")
os.environ.pop("JUPYTER_DATA_DIR", None)

import jupyter_kernel_test as jkt  # noqa: E402  (after JUPYTER_PATH is set)
import zmq  # noqa: E402
from jupyter_client.blocking.client import BlockingKernelClient  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402
from jupyter_client.session import Session  # noqa: E402

TIMEOUT = 30


class ObscaleKernelTests(jkt.KernelTests):
    """The jupyter_kernel_test suite, every sample filled in."""

    kernel_name = "obscale"
    language_name = "obscale"
    file_extension = ".obs"
    code_hello_world = 'print "hello, world"'
    code_stderr = 'warn "careful: synthetic data"'
    completion_samples = [
        {"text": "descr", "matches": {"describe"}},
        {"text": "imp", "matches": {"impute"}},
        {"text": "fit t: y ~ x spl", "matches": {"split ="}},
    ]
    complete_code_samples = ["d = load demo", 'print "hello, world"', "x = [a, b]", "help fit"]
    incomplete_code_samples = ["x = [a,", "f = fit d: emergent_task ~", "filter d where family in ["]
    invalid_code_samples = ["x = ]", "d = load demo)"]
    code_page_something = "fit?"
    code_generate_error = "show nosuch"
    code_execute_result = [
        {"code": "3", "result": "3"},
        {"code": '"hello"', "result": '"hello"'},
        {"code": "dd = load demo\ndd", "mime": "text/html"},
    ]
    code_display_data = [
        {"code": "dd = load demo\npp = pca dd\ndescribe dd\n3", "mime": "text/html"},
        {"code": "plot pp\n3", "mime": "image/svg+xml"},
        {"code": "describe dd\n3", "mime": "application/vnd.obscale.v1+json"},
    ]
    code_history_pattern = '"hel*'
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "fit"
    code_clear_output = 'print "soon gone"\nclear'


def big_table(path, rows=3000):
    """A table whose imputation to a 1e-300 tolerance never converges: a long cell."""
    with open(path, "w") as table:
        table.write("Model,a,b,c\n")
        for i in range(rows):
            table.write(f"m{i},{(i % 97) / 97},{'' if i % 7 == 0 else (i % 89) / 89},{(i % 83) / 83}\n")


big_table(os.path.join(SCRATCH, "big.csv"))
SLOW = "slow = impute big benchmarks = [a, b, c] rounds = 10000000 tolerance = 1e-300 stopping = reference"


class KernelProcess:
    """One kernel started by jupyter_client, with its standard error in a file."""

    def __init__(self, name="obscale"):
        self.log_path = os.path.join(SCRATCH, f"kernel-{uuid.uuid4().hex[:8]}.log")
        self.log = open(self.log_path, "w")
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(stderr=self.log, cwd=SCRATCH)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    def execute(self, code, **options):
        """Runs code; returns the reply and the iopub messages of the request, in order."""
        msg_id = self.kc.execute(code, **options)
        reply = self.reply(msg_id)
        return reply, self.outputs(msg_id)

    def reply(self, msg_id, timeout=TIMEOUT):
        while True:
            message = self.kc.get_shell_msg(timeout=timeout)
            if message["parent_header"].get("msg_id") == msg_id:
                return message

    def outputs(self, msg_id, timeout=TIMEOUT):
        messages = []
        while True:
            message = self.kc.get_iopub_msg(timeout=timeout)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            messages.append(message)
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return messages

    def wait_for_progress(self, msg_id, text=""):
        """Returns once the request's progress line says text: it is running. Progress is
        one display updated in place (display_data with a display_id, then
        update_display_data), never a stream."""
        while True:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                assert not message["content"]["text"].startswith("…"), "progress as a stream"
            if (message["msg_type"] in ("display_data", "update_display_data")
                    and message["content"].get("transient", {}).get("display_id", "").startswith("obscale-progress-")
                    and text in message["content"]["data"].get("text/plain", "")):
                return

    def start_slow(self):
        """Starts the endless imputation of big.csv; returns its msg_id once it reports progress."""
        self.execute('big = load "big.csv"')
        msg_id = self.kc.execute(SLOW)
        self.wait_for_progress(msg_id, "imputing: round")
        return msg_id

    def log_text(self):
        self.log.flush()
        with open(self.log_path) as log:
            return log.read()

    def raw_socket(self, channel="shell"):
        """A DEALER socket of our own on a kernel channel, as a hostile client would open."""
        info = self.km.get_connection_info()
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.linger = 0
        socket.connect(f"tcp://{info['ip']}:{info[channel + '_port']}")
        return socket

    def alive(self):
        """Whether the kernel still answers kernel_info on shell."""
        msg_id = self.kc.kernel_info()
        return self.reply(msg_id, timeout=10)["content"]["status"] == "ok"

    def close(self):
        self.kc.stop_channels()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=True)
        self.log.close()


class ProtocolTests(unittest.TestCase):
    """What jupyter_kernel_test does not cover."""

    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelProcess()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def setUp(self):
        # Drain what earlier tests left on iopub.
        while True:
            try:
                self.kernel.kc.get_iopub_msg(timeout=0.2)
            except Exception:
                break

    def test_kernelspec_is_listed_with_logos(self):
        listed = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), "jupyter"), "kernelspec", "list", "--json"],
            capture_output=True, text=True, check=True,
        )
        specs = json.loads(listed.stdout)["kernelspecs"]
        self.assertIn("obscale", specs)
        spec = specs["obscale"]
        self.assertEqual(os.path.realpath(spec["spec"]["argv"][0]), os.path.realpath(OBSCALE))
        self.assertEqual(spec["spec"]["language"], "obscale")
        for size in (32, 64):
            with open(os.path.join(spec["resource_dir"], f"logo-{size}x{size}.png"), "rb") as logo:
                header = logo.read(24)
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual(int.from_bytes(header[16:20], "big"), size)

    def test_install_user_and_uninstall(self):
        data = os.path.join(SCRATCH, "user-data")
        env = dict(os.environ, JUPYTER_DATA_DIR=data)
        done = subprocess.run([OBSCALE, "install", "--user"], env=env, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(os.path.exists(os.path.join(data, "kernels", "obscale", "kernel.json")))
        # The editor's extension, where JupyterLab looks for prebuilt extensions.
        extension = os.path.join(data, "labextensions", "obscale-jupyterlab")
        with open(os.path.join(extension, "package.json")) as package:
            build = json.load(package)["jupyterlab"]["_build"]
        self.assertTrue(os.path.exists(os.path.join(extension, build["load"])))
        listed = subprocess.run([os.path.join(os.path.dirname(sys.executable), "jupyter"), "labextension", "list"],
                                env=dict(env, JUPYTER_PATH=data), capture_output=True, text=True)
        self.assertRegex(listed.stdout + listed.stderr, r"obscale-jupyterlab v[\d.]+ .*enabled.*OK")
        removed = subprocess.run([OBSCALE, "install", "--user", "--uninstall"], env=env, capture_output=True, text=True)
        self.assertEqual(removed.returncode, 0, removed.stderr)
        self.assertFalse(os.path.exists(os.path.join(data, "kernels", "obscale")))
        self.assertFalse(os.path.exists(extension))
        self.assertIn("removed the JupyterLab extension", removed.stdout)
        again = subprocess.run([OBSCALE, "install", "--user", "--uninstall"], env=env, capture_output=True, text=True)
        self.assertNotEqual(again.returncode, 0)
        self.assertIn("no kernelspec 'obscale'", again.stderr)
        both = subprocess.run([OBSCALE, "install", "--user", "--prefix", data], capture_output=True, text=True)
        self.assertEqual(both.returncode, 64)
        self.assertIn("cannot be used together", both.stderr)

    def test_error_traceback_shows_the_line_and_marker(self):
        reply, outputs = self.kernel.execute("dd = load demo\nf = fit dd: MMLUX ~ pc(3)")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "UnknownColumnError")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        traceback = "\n".join(errors[0]["content"]["traceback"])
        self.assertIn("line 2, column", traceback)
        self.assertIn("f = fit dd: MMLUX ~ pc(3)", traceback)
        self.assertIn("^^^^^", traceback)
        self.assertIn("did you mean 'MMLU'?", errors[0]["content"]["evalue"])
        # The statement before the error ran: dd is bound.
        reply, _ = self.kernel.execute("describe dd")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_interrupt_by_message_keeps_the_session(self):
        self.interrupt(self.kernel, lambda: self.kernel.km.interrupt_kernel())

    def test_interrupt_by_signal_keeps_the_session(self):
        kernel = KernelProcess("obscale-signal")
        try:
            self.assertEqual(kernel.km.kernel_spec.interrupt_mode, "signal")
            self.interrupt(kernel, lambda: kernel.km.interrupt_kernel())
        finally:
            kernel.close()

    def interrupt(self, kernel, send_interrupt):
        reply, _ = kernel.execute('big = load "big.csv"\nkept = 1')
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        msg_id = kernel.kc.execute(SLOW)
        # Wait until the imputation reports progress: it is running inside the engine.
        kernel.wait_for_progress(msg_id, "imputing: round")
        send_interrupt()
        reply = kernel.reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, outputs = kernel.execute("slow")
        self.assertEqual(reply["content"]["status"], "error", "the interrupted statement bound nothing")
        reply, outputs = kernel.execute("print kept")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("1", "".join(m["content"].get("text", "") for m in outputs))

    def test_interrupting_a_bootstrap_and_a_subset_search(self):
        families = os.path.join(SCRATCH, "families.csv")
        with open(families, "w") as table:
            table.write("Model,Model Family,MMLU,ARC-C,HellaSwag,Winograd,TruthfulQA,GSM8K,XWinograd,HumanEval\n")
            for f in range(40):
                for m in range(2):
                    row = [((f * 7 + m * 3 + b * 11) % 97) / 97 for b in range(8)]
                    table.write(f"m{f}-{m},F{f}," + ",".join(f"{v:.4f}" for v in row) + "\n")
        self.kernel.execute('demo_data = load demo\nfam = load "families.csv"\nbase_fit = fit demo_data: emergent_task ~ pc(3)')
        for code, stage in [("endless = bootstrap base_fit samples = 100000", "bootstrapping"),
                            ("endless = select fam budgets = [80] families = 9 force = none", "selecting")]:
            msg_id = self.kernel.kc.execute(code)
            self.kernel.wait_for_progress(msg_id, stage)
            self.kernel.km.interrupt_kernel()
            reply = self.kernel.reply(msg_id)
            self.assertEqual(reply["content"]["ename"], "Interrupted", code)
            reply, _ = self.kernel.execute("endless")
            self.assertEqual(reply["content"]["status"], "error", "the interrupted statement bound nothing")
        reply, _ = self.kernel.execute("predict base_fit side = test")
        self.assertEqual(reply["content"]["status"], "ok", "the session kept its fit")

    def test_control_is_served_during_a_long_cell(self):
        kc = self.kernel.kc
        msg_id = self.kernel.start_slow()
        request = kc.session.msg("kernel_info_request")
        kc.control_channel.send(request)
        info = kc.control_channel.get_msg(timeout=TIMEOUT)
        self.assertEqual(info["msg_type"], "kernel_info_reply")
        self.assertEqual(info["parent_header"]["msg_id"], request["header"]["msg_id"])
        # The cell is still running: its reply has not come.
        self.assertFalse(kc.shell_channel.msg_ready())
        self.kernel.km.interrupt_kernel()
        self.assertEqual(self.kernel.reply(msg_id)["content"]["ename"], "Interrupted")

    def test_forged_signature_is_ignored(self):
        info = self.kernel.km.get_connection_info()
        forger = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        unsigned = Session(key=b"", signature_scheme="hmac-sha256")
        socket = self.kernel.raw_socket()
        try:
            for session in (forger, unsigned):
                message = session.msg("execute_request", {"code": 'forged = 1\nprint "forged"', "silent": False})
                socket.send_multipart(session.serialize(message))
            self.assertEqual(socket.poll(1000), 0, "a forged message was answered")
        finally:
            socket.close()
        self.assertTrue(self.kernel.alive())
        reply, _ = self.kernel.execute("forged")
        self.assertEqual(reply["content"]["status"], "error", "the forged cell ran")
        log = self.kernel.log_text()
        self.assertIn("the signature does not match", log)
        self.assertIn("not signed", log)
        self.assertTrue(info["key"])

    def test_a_replayed_message_is_ignored(self):
        key = self.kernel.km.get_connection_info()["key"]
        session = Session(key=key, signature_scheme="hmac-sha256")
        socket = self.kernel.raw_socket()
        try:
            frames = session.serialize(session.msg("execute_request", {"code": "replayed = 1", "silent": False}))
            socket.send_multipart(frames)
            self.assertTrue(socket.poll(TIMEOUT * 1000), "the original message was answered")
            first = socket.recv_multipart()
            self.assertIn(b"execute_reply", first[first.index(b"<IDS|MSG>") + 2])
            socket.send_multipart(frames)
            self.assertEqual(socket.poll(1000), 0, "a replayed message was answered")
        finally:
            socket.close()
        self.assertIn("dropped a replayed message on shell", self.kernel.log_text())
        self.assertTrue(self.kernel.alive())

    def test_malformed_frames_are_survived(self):
        key = self.kernel.km.get_connection_info()["key"]

        def signed(*parts):
            digest = hmac.new(key, digestmod=hashlib.sha256)
            for part in parts:
                digest.update(part)
            return [b"<IDS|MSG>", digest.hexdigest().encode(), *parts]

        header = json.dumps({"msg_id": "m1", "msg_type": "kernel_info_request", "session": "s", "username": "u",
                             "date": "", "version": "5.3"}).encode()
        cases = [
            [b"garbage"],
            [b"<IDS|MSG>"],
            [b"<IDS|MSG>", b"", b"{}", b"{}"],
            signed(b"{not json", b"{}", b"{}", b"{}"),
            signed(b"[1, 2]", b"{}", b"{}", b"{}"),
            signed(json.dumps({"msg_id": 5, "msg_type": "execute_request"}).encode(), b"{}", b"{}", b"{}"),
            signed(json.dumps({"msg_type": "execute_request"}).encode(), b"{}", b"{}", b"{}"),
            signed(header, b"{}", b"{}", b'"content is a string"'),
            signed(header, b"{}", b"{}", b"{\"a\": \"\\ud800\"}"),
            signed(b"[" * 100000 + b"]" * 100000, b"{}", b"{}", b"{}"),
            signed(header, b"{}", b"{}", b"{}") + [b"an unexpected buffer"],
            signed(json.dumps({"msg_id": "m2", "msg_type": "execute_request", "session": "s"}).encode(), b"{}", b"{}",
                   json.dumps({"code": 42}).encode()),
        ]
        socket = self.kernel.raw_socket()
        try:
            for frames in cases:
                socket.send_multipart(frames)
                self.assertTrue(self.kernel.alive(), f"the kernel died after {frames[:3]!r}")
            # Unknown request types get an error reply; a wrong type in content, a BadRequest.
            socket.send_multipart(signed(
                json.dumps({"msg_id": "m3", "msg_type": "frobnicate_request", "session": "s"}).encode(), b"{}", b"{}", b"{}"))
            replies = []
            while socket.poll(5000):
                frames = socket.recv_multipart()
                replies.append(json.loads(frames[frames.index(b"<IDS|MSG>") + 2]))
                if any(r["msg_type"] == "frobnicate_reply" for r in replies):
                    break
        finally:
            socket.close()
        types = [r["msg_type"] for r in replies]
        self.assertIn("frobnicate_reply", types)
        self.assertIn("execute_reply", types, "the execute with a non-string code was answered")
        log = self.kernel.log_text()
        for expected in ["no '<IDS|MSG>' delimiter", "frames after the delimiter", "is not JSON", "not an object",
                         "nesting deeper", "'msg_id' is a number", "has no 'msg_id'", "lone surrogate",
                         "unknown message type 'frobnicate_request'"]:
            self.assertIn(expected, log)

    def test_hostile_cells_leave_the_kernel_and_session_alive(self):
        self.kernel.execute("kept_value = 5")
        cells = [
            "x = " + "[" * 100000 + "a" + "]" * 100000,
            "\x00" * 1000,
            "x = \"" + "é" * 1000000 + "\"",
            "d = load demo\ns = filter d where " + "(" * 50000 + "has MMLU" + ")" * 50000,
        ]
        for code in cells:
            reply, _ = self.kernel.execute(code)
            self.assertIn(reply["content"]["status"], ("ok", "error"))
            self.assertTrue(self.kernel.alive(), f"the kernel died on {code[:30]!r}")
        reply, outputs = self.kernel.execute("print kept_value")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("5", "".join(m["content"].get("text", "") for m in outputs))

    def test_stop_on_error_aborts_queued_cells(self):
        kc = self.kernel.kc
        # A long first cell, so that the next two are queued behind it when it fails.
        first = self.kernel.start_slow()
        second = kc.execute('print "never"')
        third = kc.execute('print "never either"')
        time.sleep(0.5)  # let both arrive on the shell socket
        self.kernel.km.interrupt_kernel()
        self.assertEqual(self.kernel.reply(first)["content"]["status"], "error")
        self.assertEqual(self.kernel.reply(second)["content"]["status"], "aborted")
        self.assertEqual(self.kernel.reply(third)["content"]["status"], "aborted")
        first = kc.execute("show nosuch", stop_on_error=False)
        second = kc.execute('print "runs"')
        self.assertEqual(self.kernel.reply(first)["content"]["status"], "error")
        self.assertEqual(self.kernel.reply(second)["content"]["status"], "ok")

    def test_execution_counts_silent_and_store_history(self):
        reply, outputs = self.kernel.execute("3")
        count = reply["content"]["execution_count"]
        self.assertEqual([m["content"]["execution_count"] for m in outputs if m["msg_type"] == "execute_input"], [count])
        reply, outputs = self.kernel.execute('print "quiet"', silent=True)
        self.assertEqual([m["msg_type"] for m in outputs], ["status", "status"], "silent cells publish nothing")
        reply, _ = self.kernel.execute("3", store_history=False)
        self.assertEqual(reply["content"]["execution_count"], count + 1)
        reply, _ = self.kernel.execute("3")
        self.assertEqual(reply["content"]["execution_count"], count + 1)

    def test_user_expressions(self):
        reply, _ = self.kernel.execute("ue = load demo", user_expressions={"table": "ue", "missing": "nosuch"})
        expressions = reply["content"]["user_expressions"]
        self.assertEqual(expressions["table"]["status"], "ok")
        self.assertIn("95 models", expressions["table"]["data"]["text/plain"])
        self.assertEqual(expressions["missing"]["status"], "error")
        self.assertEqual(expressions["missing"]["ename"], "UndefinedNameError")

    def test_exit_and_quit_ask_the_front_end_to_leave(self):
        # As ipykernel does: jupyter console leaves on the ask_exit payload.
        for word in ["exit", "quit"]:
            reply, _ = self.kernel.execute(word)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(reply["content"]["payload"], [{"source": "ask_exit", "keepkernel": False}])
        reply, _ = self.kernel.execute("d = load demo")
        self.assertEqual(reply["content"]["status"], "ok", "the kernel goes on for other clients")

    def test_comms_are_closed_and_listed_empty(self):
        kc = self.kernel.kc
        request = kc.session.msg("comm_info_request", {})
        kc.shell_channel.send(request)
        reply = self.kernel.reply(request["header"]["msg_id"])
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})
        opened = kc.session.msg("comm_open", {"comm_id": "c1", "target_name": "jupyter.widget", "data": {}})
        kc.shell_channel.send(opened)
        closed = [m for m in self.kernel.outputs(opened["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
        self.assertEqual(closed[0]["content"]["comm_id"], "c1")

    def test_inspect_and_complete_in_context(self):
        self.kernel.execute("ic = load demo")
        kc = self.kernel.kc
        msg_id = kc.inspect("f = fit ic: MMLU ~ pc(3)", cursor_pos=len("f = fit ic: MM"))
        reply = self.kernel.reply(msg_id)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("MMLU: a numeric column", reply["content"]["data"]["text/plain"])
        msg_id = kc.inspect("describe ic", cursor_pos=10)
        self.assertIn("95 models", self.kernel.reply(msg_id)["content"]["data"]["text/plain"])
        msg_id = kc.inspect("zzz", cursor_pos=2)
        self.assertFalse(self.kernel.reply(msg_id)["content"]["found"])
        code = "é = 1\nshow ic columns = [`Model Si"
        msg_id = kc.complete(code, cursor_pos=len(code))
        reply = self.kernel.reply(msg_id)["content"]
        self.assertEqual(reply["matches"], ["`Model Size (B)`"])
        self.assertEqual(reply["cursor_start"], code.index("`"))
        self.assertEqual(reply["cursor_end"], len(code))
        # A fit's target is a metric: no size column there, and no families.
        code = "f = fit ic: "
        matches = self.kernel.reply(kc.complete(code, cursor_pos=len(code)))["content"]["matches"]
        self.assertIn("emergent_task", matches)
        self.assertNotIn("`Model Size (B)`", matches)
        self.assertNotIn("Atlas", matches)

    def test_heartbeat(self):
        self.assertTrue(self.kernel.km.is_alive())
        self.kernel.kc.hb_channel.unpause()
        time.sleep(1.5)
        self.assertTrue(self.kernel.kc.hb_channel.is_beating())


class LifecycleTests(unittest.TestCase):
    """Shutdown and restart through the manager, as notebook servers do them."""

    def test_restart_gives_a_fresh_session_and_shutdown_exits_cleanly(self):
        kernel = KernelProcess()
        try:
            reply, _ = kernel.execute("x = 3")
            self.assertEqual(reply["content"]["status"], "ok")
            old = kernel.km.provisioner.process
            kernel.km.restart_kernel(now=False)
            self.assertEqual(old.returncode, 0, "the old kernel exited by itself after shutdown_request")
            kernel.kc.wait_for_ready(timeout=TIMEOUT)
            reply, _ = kernel.execute("x")
            self.assertEqual(reply["content"]["status"], "error", "the restarted kernel has a fresh session")
            self.assertEqual(reply["content"]["execution_count"], 1)
            process = kernel.km.provisioner.process
            kernel.km.shutdown_kernel(now=False)
            self.assertEqual(process.returncode, 0, "the kernel exited by itself after shutdown_request")
        finally:
            kernel.close()


    def test_linear_algebra_is_loaded_on_the_first_fit(self):
        kernel = KernelProcess()
        try:
            pid = kernel.km.provisioner.process.pid

            def mapped():
                with open(f"/proc/{pid}/maps") as maps:
                    return "liblapacke" in maps.read()

            reply, _ = kernel.execute("d = load demo\n3")
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertFalse(mapped(), "LAPACK is not mapped before anything is fitted")
            reply, outputs = kernel.execute("f = fit d: emergent_task ~ pc(3)\nf")
            self.assertEqual(reply["content"]["status"], "ok", outputs)
            self.assertTrue(mapped(), "the first fit opened LAPACK")
            self.assertTrue(any(m["msg_type"] == "execute_result" for m in outputs))
        finally:
            kernel.close()

    def test_two_clients_share_one_kernel(self):
        kernel = KernelProcess()
        # A second front end of its own (as a console beside a notebook): its own session id,
        # hence its own ZeroMQ identity.
        other = BlockingKernelClient()
        other.load_connection_info(kernel.km.get_connection_info())
        other.start_channels()
        try:
            other.wait_for_ready(timeout=TIMEOUT)
            reply, _ = kernel.execute("shared = 7")
            self.assertEqual(reply["content"]["status"], "ok")
            msg_id = other.execute("print shared")
            reply = other.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "ok", "the second client sees the first one's session")
            # iopub is a broadcast: the first client sees the second one's output too.
            seen = []
            while not any(m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id for m in seen):
                seen.append(kernel.kc.get_iopub_msg(timeout=TIMEOUT))
            stream = next(m for m in seen if m["msg_type"] == "stream")
            self.assertEqual(stream["content"]["text"], "7\n")
        finally:
            other.stop_channels()
            kernel.close()

    def test_a_client_that_reconnects_mid_cell_finds_the_kernel_working(self):
        kernel = KernelProcess()
        try:
            kernel.start_slow()
            kernel.kc.stop_channels()
            kernel.kc = kernel.km.client()
            kernel.kc.start_channels()
            kernel.km.interrupt_kernel()
            kernel.kc.wait_for_ready(timeout=TIMEOUT)
            reply, outputs = kernel.execute("print \"after\"")
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(reply["content"]["execution_count"], 3)
        finally:
            kernel.close()

    def test_shutdown_during_a_cell_stops_it_and_exits_cleanly(self):
        kernel = KernelProcess()
        try:
            kernel.start_slow()
            process = kernel.km.provisioner.process
            kernel.km.shutdown_kernel(now=False)
            self.assertEqual(process.returncode, 0, "the kernel stopped the cell and exited by itself")
        finally:
            kernel.close()

    def test_curve_encryption_provisioned_by_jupyter_client(self):
        km = KernelManager(kernel_name="obscale", transport_encryption="required")
        km.start_kernel(stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            info = km.get_connection_info()
            self.assertTrue(info.get("curve_publickey") and info.get("curve_secretkey"), "the manager provisioned keys")
            kc.wait_for_ready(timeout=TIMEOUT)
            msg_id = kc.execute('print "encrypted"')
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "ok")
            # A client without the server key cannot even be heard, signed or not.
            session = Session(key=info["key"], signature_scheme="hmac-sha256")
            plain = zmq.Context.instance().socket(zmq.DEALER)
            plain.linger = 0
            plain.connect(f"tcp://{info['ip']}:{info['shell_port']}")
            plain.send_multipart(session.serialize(session.msg("kernel_info_request", {})))
            self.assertEqual(plain.poll(1500), 0, "a client without CurveZMQ was answered")
            plain.close()
            self.assertTrue(km.is_alive())
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def test_ipc_transport(self):
        km = KernelManager(kernel_name="obscale", transport="ipc", ip=os.path.join(SCRATCH, "ipc-kernel"))
        km.start_kernel(stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            msg_id = kc.execute('print "over ipc"')
            reply = kc.get_shell_msg(timeout=TIMEOUT)
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertTrue(any(name.startswith("ipc-kernel-") for name in os.listdir(SCRATCH)))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def test_the_kernel_stops_when_its_parent_dies(self):
        parent = subprocess.Popen([sys.executable, "-c", (
            "import sys, time\n"
            "from jupyter_client.manager import KernelManager\n"
            "km = KernelManager(kernel_name='obscale')\n"
            "km.start_kernel()\n"
            "print(km.provisioner.process.pid, flush=True)\n"
            "time.sleep(600)\n")], stdout=subprocess.PIPE, text=True)
        pid = int(parent.stdout.readline())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and not exited(pid):
            time.sleep(0.1)
        self.assertTrue(exited(pid), "the orphaned kernel kept running")


def exited(pid):
    """Whether process pid is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in status)
    except FileNotFoundError:
        return True


class NotebookTests(unittest.TestCase):
    """The notebooks of notebooks/, executed by nbclient as nbconvert and papermill do."""

    def test_notebooks_run_without_error(self):
        import nbformat
        from nbclient import NotebookClient

        # Run copies, in a scratch folder, so that files the notebooks save stay out of the tree.
        folder = os.path.join(SCRATCH, "notebooks")
        shutil.copytree(NOTEBOOKS, folder)
        paths = sorted(p for p in os.listdir(folder) if p.endswith(".ipynb"))
        self.assertTrue(paths, "no notebooks in notebooks/")
        for path in paths:
            with self.subTest(notebook=path):
                notebook = nbformat.read(os.path.join(folder, path), as_version=4)
                client = NotebookClient(notebook, kernel_name="obscale", timeout=120,
                                        resources={"metadata": {"path": folder}})
                client.execute()
                outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
                self.assertFalse([o for o in outputs if o.output_type == "error"])
                mimes = {m for o in outputs for m in o.get("data", {})}
                self.assertTrue({"text/plain", "text/html", "image/svg+xml", "application/vnd.obscale.v1+json"} <= mimes, mimes)
                # JupyterLab shows application/json as a JSON tree in place of the HTML.
                self.assertNotIn("application/json", mimes)
                if path == "your-own-model.ipynb":
                    # The example run is read, placed and predicted by both laws, with its
                    # principal capabilities, prediction intervals and f-equivalent FLOPs; and it is
                    # drawn over both laws' charts (plot … with mine).
                    texts = [o.get("data", {}).get("text/plain", "") for o in outputs]
                    predicted = [t for t in texts if "of mine" in t.split("\n")[0]]
                    self.assertEqual(len(predicted), 2, texts)
                    for text in predicted:
                        row = [line for line in text.split("\n") if "EXAMPLE/not-a-real-model-7b" in line]
                        self.assertEqual(len(row), 1, text)
                        self.assertIn("PC-1", text)
                        self.assertIn("90% PI low", text)
                        self.assertIn("f-equiv log10 FLOPs", text)
                        self.assertIn("imputed cells  2", text)
                    drawn = [t for t in texts if "◇ mine (predicted)" in t]
                    self.assertEqual(len(drawn), 2, "the example model is drawn on both laws' charts")
                    svgs = [o.get("data", {}).get("image/svg+xml", "") for o in outputs]
                    self.assertEqual(sum("EXAMPLE/not-a-real-model-7b</text>" in svg for svg in svgs), 2,
                                     "the SVG charts name the example model beside its marker")
                    # The real public run (Pythia's own v0.3 evaluation) beside the paper's
                    # row of the same model: read with its checkpoint in its id, five of its
                    # eight benchmarks imputed and said so.
                    real = [t for t in texts if t.split("\n")[0].endswith("of pythia")]
                    self.assertEqual(len(real), 1, texts)
                    self.assertIn("EleutherAI/pythia-v1.1-1.4b-deduped@step143000", real[0])
                    self.assertIn("warning: more than half of the 8 benchmarks imputed", real[0])
                    paper_row = [t for t in texts if t.split("\n")[0].endswith("of pythia_paper")]
                    self.assertEqual(len(paper_row), 1, texts)
                    self.assertIn("EleutherAI/pythia-1.4b-deduped  Pythia  train", paper_row[0])

    def test_saved_notebooks_carry_no_plain_json_and_no_inline_svg_in_html(self):
        """What the repository's notebooks show when opened: untrusted, JupyterLab renders
        sanitized HTML only, which drops inline <svg> but keeps an <img> data URI."""
        import nbformat

        for path in sorted(p for p in os.listdir(NOTEBOOKS) if p.endswith(".ipynb")):
            with self.subTest(notebook=path):
                notebook = nbformat.read(os.path.join(NOTEBOOKS, path), as_version=4)
                outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
                self.assertTrue(outputs, "saved without outputs")
                for output in outputs:
                    data = output.get("data", {})
                    self.assertNotIn("application/json", data)
                    self.assertNotIn("<svg", data.get("text/html", ""))
                    if "image/svg+xml" in data:
                        self.assertIn('<img class="chart"', data.get("text/html", ""))


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0], *sys.argv[2:]], verbosity=2)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
