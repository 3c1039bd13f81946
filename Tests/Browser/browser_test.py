"""What a person sees: obscale notebooks in JupyterLab and Notebook 7, in a real browser.

The kernel is the real binary, installed with `obscale install --prefix` into a private
prefix; JupyterLab and Notebook 7 are the ones from PyPI in the test's virtual environment,
started on 127.0.0.1 with a random token and stopped by PID; the browser is Debian's
Chromium, driven by Playwright through `executable_path` (Playwright cannot fetch a browser
of its own here). Every check asserts on the DOM, and a selector that finds nothing fails.
Screenshots of each output, in the light and the dark theme, go to SCREENS (default
.build/screens/): look at them.

usage: python browser_test.py path/to/obscale [unittest options]
"""
import base64
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

OBSCALE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
SCREENS = os.environ.get("SCREENS", os.path.join(ROOT, ".build", "screens"))
SCRATCH = tempfile.mkdtemp(prefix="obscale-browser-test-")
PREFIX = os.path.join(SCRATCH, "prefix")
WORK = os.path.join(SCRATCH, "work")
TOKEN = secrets.token_hex(16)
TIMEOUT_MS = 60_000
DARK = "JupyterLab Dark"
LIGHT = "JupyterLab Light"

# The demo's families, from the kernel itself (a legend must list every one of them).
DEMO_CELLS = [
    "data = load demo\ndescribe data",
    "caps = pca data\nplot caps",
    "f = fit data: emergent_task ~ pc(3)\nf",
    "plot f",
    "b = bootstrap f samples = 4000",
    "g = fit data: emergent_task ~ log(flops) law = linear\ncompare f, g",
    "show nosuch",
]

# A line with every kind of token the editor colours.
COLOURED = ('f = fit data: emergent_task ~ pc(3) split = cutoff(84, column = `FLOPs (1E21)`) '
            'loss = huber  # the law\nplot f save = "x.svg"')


def chromium():
    """Debian's Chromium: the binary that `dpkg -L chromium` lists, or OBSCALE_CHROMIUM."""
    for path in (os.environ.get("OBSCALE_CHROMIUM"), "/usr/lib/chromium/chromium", shutil.which("chromium")):
        if path and os.access(path, os.X_OK):
            return path
    raise SystemExit("browser test: Chromium not found (apt-get install chromium, or set OBSCALE_CHROMIUM)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path, cells):
    """A notebook of code cells, without outputs, for the obscale kernel."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "obscale", "display_name": "obscale", "language": "obscale"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, path)


def svg_of(img):
    """The SVG document an `<img class="chart">` carries as a data URI."""
    source = img.get_attribute("src") or ""
    prefix = "data:image/svg+xml;base64,"
    assert source.startswith(prefix), source[:60]
    return base64.b64decode(source[len(prefix):]).decode("utf-8")


class Server:
    """A Jupyter server (JupyterLab and Notebook 7) on loopback, with its own settings."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.update(
            JUPYTER_PATH=os.path.join(PREFIX, "share", "jupyter"),
            JUPYTER_CONFIG_DIR=os.path.join(SCRATCH, "config"),
            JUPYTER_RUNTIME_DIR=os.path.join(SCRATCH, "runtime"),
            JUPYTERLAB_SETTINGS_DIR=os.path.join(SCRATCH, "settings"),
            JUPYTERLAB_WORKSPACES_DIR=os.path.join(SCRATCH, "workspaces"),
        )
        env.pop("JUPYTER_DATA_DIR", None)
        self.log = open(os.path.join(SCRATCH, "server.log"), "w")
        self.process = subprocess.Popen(
            [os.path.join(os.path.dirname(sys.executable), "jupyter"), "lab", "--no-browser",
             "--ip=127.0.0.1", f"--port={self.port}", f"--IdentityProvider.token={TOKEN}",
             "--allow-root", f"--ServerApp.root_dir={WORK}", "--LabApp.news_url=",
             "--ServerApp.port_retries=0"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("browser test: the Jupyter server exited; see " + self.log.name)
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit("browser test: the Jupyter server did not start in 60 s")

    def api(self, method, path, body=None):
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            data = response.read()
            return json.loads(data) if data else None

    def set_windowing(self, mode):
        """The notebook's windowing mode: "none" renders every cell, not only those in view."""
        self.api("PUT", "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
                 {"raw": json.dumps({"windowingMode": mode})})

    def set_theme(self, theme):
        """The theme, as the Settings menu sets it (the user's settings on the server)."""
        self.api("PUT", "/lab/api/settings/@jupyterlab/apputils-extension:themes",
                 {"raw": json.dumps({"theme": theme, "adaptive-theme": False})})

    def stop(self):
        """Stops the server and every kernel it started (its process group), by PID."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


class BrowserTests(unittest.TestCase):
    """Notebooks as a person sees them."""

    @classmethod
    def setUpClass(cls):
        from playwright.sync_api import sync_playwright

        os.makedirs(WORK)
        os.makedirs(SCREENS, exist_ok=True)
        subprocess.run([OBSCALE, "install", "--prefix", PREFIX], check=True, capture_output=True)
        for name in ("quickstart.ipynb", "principal-capabilities.ipynb"):
            shutil.copy(os.path.join(NOTEBOOKS, name), WORK)
        write_notebook(os.path.join(WORK, "demo.ipynb"), DEMO_CELLS)
        write_notebook(os.path.join(WORK, "classic.ipynb"), DEMO_CELLS[:3])
        write_notebook(os.path.join(WORK, "colours.ipynb"), ["data = load demo", COLOURED])
        write_notebook(os.path.join(WORK, "complete.ipynb"), ["data = load demo", "", ""])
        with open(os.path.join(WORK, "colours.obs"), "w") as script:
            script.write("data = load demo\n" + COLOURED + "\n")
        cls.server = Server()
        cls.server.set_windowing("none")
        cls.server.api("PUT", "/lab/api/settings/@jupyterlab/apputils-extension:notification",
                       {"raw": json.dumps({"fetchNews": "false"})})
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        cls.families = cls.demo_families()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        cls.server.stop()

    @staticmethod
    def demo_families():
        """The demo data's families that have FLOPs, as `obscale run --json` lists them."""
        script = os.path.join(SCRATCH, "families.obs")
        with open(script, "w") as f:
            f.write("data = load demo\ndescribe data\n")
        lines = subprocess.run([OBSCALE, "run", script, "--json"], check=True, capture_output=True,
                               text=True).stdout.splitlines()
        describe = json.loads(lines[-1])
        table = next(b for b in describe["blocks"] if b.get("name") == "families")
        # Families without FLOPs have no place on a chart against compute.
        return [row[0] for row in table["rows"] if row[2] is not None]

    def open(self, path, theme=LIGHT, app="lab"):
        """A new page on `path` in JupyterLab (`app="lab"`) or Notebook 7 (`"notebooks"`)."""
        self.server.set_theme(theme)
        page = self.browser.new_page(viewport={"width": 1280, "height": 1000})
        # A workspace of its own, so that no notebook of an earlier page is restored beside it.
        workspace = secrets.token_hex(4)
        page.goto(f"{self.server.url}/lab/workspaces/{workspace}/tree/{path}?token={TOKEN}" if app == "lab"
                  else f"{self.server.url}/notebooks/{path}?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook", timeout=TIMEOUT_MS)
        return page

    def kernel_ready(self, page, path):
        """Waits until the server has an idle kernel for the notebook at `path` (its REST API,
        which knows before any indicator on the page), and the page shows the kernel's name."""
        deadline = time.time() + TIMEOUT_MS / 1000
        while time.time() < deadline:
            sessions = [s for s in self.server.api("GET", "/api/sessions") if s.get("path") == path]
            if sessions and sessions[0]["kernel"].get("execution_state") == "idle":
                break
            time.sleep(0.25)
        else:
            page.screenshot(path=os.path.join(SCREENS, "failed-kernel-start.png"))
            self.fail(f"no idle kernel for {path} within {TIMEOUT_MS} ms")
        page.wait_for_function(
            "() => document.body.textContent.includes('obscale')", timeout=TIMEOUT_MS)

    def run_all(self, page, cells, path):
        """Runs every cell as a person does (Shift-Enter on each) and waits for the kernel."""
        page.wait_for_selector(".jp-Notebook-cell", timeout=TIMEOUT_MS)
        self.kernel_ready(page, path)
        self.wait_idle(page)

        def press():
            page.locator(".jp-Notebook-cell").first.click()
            page.keyboard.press("Escape")
            for _ in range(cells):
                page.keyboard.press("Shift+Enter")

        press()
        # A page still wiring its shortcuts can drop the keys (seen once on a loaded machine):
        # if the first cell neither runs nor has run after 15 s, press them again; the cells
        # are idempotent.
        try:
            page.wait_for_function(
                """() => /\\[(\\*|\\d+)\\]/.test(
                     document.querySelector('.jp-CodeCell .jp-InputPrompt').textContent)""",
                timeout=15_000)
        except Exception:
            press()
        # Each cell has run when its prompt shows a number.
        try:
            page.wait_for_function(
                """n => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                     .slice(0, n).every(p => /\\[\\d+\\]/.test(p.textContent))""",
                arg=cells, timeout=TIMEOUT_MS)
        except Exception:
            page.screenshot(path=os.path.join(SCREENS, f"failed-run-{os.path.basename(path)}.png"))
            raise
        self.wait_idle(page)

    @staticmethod
    def wait_idle(page):
        page.wait_for_function(
            """() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator');
                     return !s || s.getAttribute('data-status') === 'idle'; }""",
            timeout=TIMEOUT_MS)

    def screenshot_outputs(self, page, name):
        """One screenshot per output, into SCREENS."""
        outputs = page.locator(".jp-OutputArea-output")
        for k in range(outputs.count()):
            output = outputs.nth(k)
            output.scroll_into_view_if_needed()
            output.screenshot(path=os.path.join(SCREENS, f"{name}-{k + 1:02d}.png"))
        return outputs.count()

    def assert_no_json_tree(self, page):
        self.assertEqual(page.locator(".jp-RenderedJSON").count(), 0, "an output shows as a JSON tree")
        self.assertNotIn("▼ root", page.locator(".jp-Notebook").inner_text())

    def assert_table_alignment(self, page):
        """Text columns left, numbers right, labels on one line, whatever JupyterLab's CSS says."""
        text = page.locator(".obscale td:not(.n)").first
        number = page.locator(".obscale td.n").first
        self.assertEqual(text.evaluate("e => getComputedStyle(e).textAlign"), "left")
        self.assertEqual(number.evaluate("e => getComputedStyle(e).textAlign"), "right")
        label = page.locator(".obscale dt").first
        self.assertEqual(label.evaluate("e => getComputedStyle(e).whiteSpace"), "nowrap")
        height = label.evaluate("e => e.getBoundingClientRect().height")
        line = label.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20")
        self.assertLess(height, 1.6 * line, "a field label wraps")

    def assert_charts_loaded(self, page, at_least):
        charts = page.locator(".jp-OutputArea-output img.chart")
        self.assertGreaterEqual(charts.count(), at_least)
        for k in range(charts.count()):
            chart = charts.nth(k)
            chart.scroll_into_view_if_needed()
            self.assertTrue(chart.evaluate("e => e.complete && e.naturalWidth > 100"),
                            f"chart {k + 1} did not load")
        return charts

    def test_saved_notebook_opened_untrusted_shows_tables_and_charts(self):
        for theme, suffix in ((LIGHT, "light"), (DARK, "dark")):
            with self.subTest(theme=theme):
                page = self.open("quickstart.ipynb", theme)
                page.wait_for_selector(".jp-OutputArea-output", timeout=TIMEOUT_MS)
                page.wait_for_selector(".obscale table", timeout=TIMEOUT_MS)
                self.assert_no_json_tree(page)
                # Untrusted: JupyterLab renders sanitized HTML only, without inline <svg>.
                self.assertEqual(page.locator(".jp-OutputArea-output svg").count(), 0)
                self.assert_charts_loaded(page, 4)
                self.assert_table_alignment(page)
                self.assertGreater(self.screenshot_outputs(page, f"quickstart-untrusted-{suffix}"), 20)
                page.close()

    def test_demo_notebook_run_in_jupyterlab(self):
        for theme, suffix in ((LIGHT, "light"), (DARK, "dark")):
            with self.subTest(theme=theme):
                page = self.open("demo.ipynb", theme)
                self.run_all(page, len(DEMO_CELLS), "demo.ipynb")
                self.assert_no_json_tree(page)
                self.assert_table_alignment(page)
                # describe: one row per family (with FLOPs or not) in the families table.
                families = page.locator(".obscale table").filter(
                    has=page.locator("th", has_text="min FLOPs (1E21)"))
                self.assertEqual(families.count(), 1)
                self.assertEqual(families.locator("tbody tr").count(), 20)
                charts = self.assert_charts_loaded(page, 2)
                # The PC-1 chart: marks, axis labels, a legend listing every family.
                svg = svg_of(charts.nth(0))
                self.assertGreater(svg.count("<circle") + svg.count("<rect x") + svg.count("<polygon"), 80)
                self.assertIn("FLOPs (1E21) (log scale)", svg)
                self.assertIn(">PC-1<", svg)
                legend = re.findall(r'<text x="[\d.]+" y="[\d.]+">([^<]+)</text>', svg)
                for family in self.families:
                    self.assertIn(family, legend)
                self.assertNotIn(" more</text>", svg)
                # The fit's law: a line and its legend entry.
                law = svg_of(charts.nth(1))
                self.assertIn("<polyline", law)
                self.assertIn(">fitted law<", law)
                # Progress: one line in place, replaced by the bootstrap's result; no stream.
                bootstrap = page.locator(".jp-CodeCell").nth(DEMO_CELLS.index("b = bootstrap f samples = 4000"))
                self.assertEqual(bootstrap.locator(".jp-OutputArea-output").count(), 1)
                shown = bootstrap.locator(".jp-OutputArea-output").inner_text()
                self.assertIn("bootstrap intervals", shown)
                self.assertIn("test prediction interval", shown)
                self.assertEqual(bootstrap.locator("[data-mime-type='application/vnd.jupyter.stderr']").count(), 0)
                # compare: its table, all ten columns, fits the output area at 1280 px (no
                # scroll hiding the fit's name or the ranking column).
                compare = page.locator(".obscale table").filter(
                    has=page.locator("th", has_text="common test MSE"))
                self.assertEqual(compare.count(), 1)
                compare.scroll_into_view_if_needed()
                width, room = compare.evaluate(
                    """e => [e.getBoundingClientRect().width,
                             e.closest('.jp-OutputArea-output').getBoundingClientRect().width]""")
                self.assertLessEqual(width, room, f"compare is {width:.0f} px in a {room:.0f} px output")
                self.assertEqual(compare.locator("tbody tr").count(), 2)
                # The error: the marker under the column, in the error output.
                error = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
                self.assertEqual(error.count(), 1)
                self.assertIn("nosuch", error.inner_text())
                self.assertIn("^", error.inner_text())
                self.screenshot_outputs(page, f"demo-lab-{suffix}")
                # The whole page with the fitted law in view (docs/notebook.png is the light one).
                page.locator(".jp-CodeCell").nth(DEMO_CELLS.index("plot f")).scroll_into_view_if_needed()
                page.locator(".jp-CodeCell").nth(DEMO_CELLS.index("plot f")).evaluate("e => e.scrollIntoView()")
                page.screenshot(path=os.path.join(SCREENS, f"demo-lab-page-{suffix}.png"))
                page.close()

    def token_colours(self, page, text):
        """Each token of the editor holding `text`: its text, computed colour and weight."""
        editor = page.locator(".cm-content", has_text=text).first
        editor.wait_for(timeout=TIMEOUT_MS)
        return editor.evaluate(
            """e => { const plain = getComputedStyle(e).color;
                      return [plain, [...e.querySelectorAll('span')].map(s =>
                        [s.textContent, getComputedStyle(s).color, getComputedStyle(s).fontWeight])]; }""")

    def assert_coloured(self, page, name):
        """The editor colours obscale's statements, options, strings, backticked names, numbers
        and comments, each unlike plain text, in the cell or file holding COLOURED."""
        text = COLOURED.splitlines()[0]
        # The mode loads once the kernel's language_info (or the file's extension) names it.
        page.wait_for_function(
            "t => [...document.querySelectorAll('.cm-line')].some(e => e.textContent.includes(t) && e.querySelector('span'))",
            arg=text, timeout=TIMEOUT_MS)
        plain, spans = self.token_colours(page, text)
        colour = {text.strip(): (c, w) for text, c, w in spans}
        for token in ("fit", "split", "84", '"x.svg"', "`FLOPs (1E21)`", "# the law", "cutoff", "huber"):
            self.assertIn(token, colour, f"{token!r} is not a token of its own: {spans}")
            self.assertNotEqual(colour[token][0], plain, f"{token!r} has the plain text's colour")
        self.assertEqual(colour.get("emergent_task", (plain,))[0], plain, "a column name is coloured as a keyword")
        self.assertNotEqual(colour["fit"][0], colour["84"][0], "keywords and numbers share a colour")
        self.assertNotEqual(colour["84"][0], colour['"x.svg"'][0], "numbers and strings share a colour")
        self.assertEqual(colour["fit"][1], "700", "statements are bold")
        page.locator(".cm-content", has_text=text).first.screenshot(path=os.path.join(SCREENS, f"{name}.png"))

    def test_editor_colours_obscale(self):
        for theme, suffix in ((LIGHT, "light"), (DARK, "dark")):
            with self.subTest(theme=theme):
                page = self.open("colours.ipynb", theme)
                self.assert_coloured(page, f"editor-cell-{suffix}")
                page.close()
        page = self.browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{self.server.url}/lab/workspaces/{secrets.token_hex(4)}/tree/colours.obs?token={TOKEN}")
        self.assert_coloured(page, "editor-file")
        page.close()
        page = self.open("colours.ipynb", LIGHT, app="notebooks")
        self.assert_coloured(page, "editor-notebook7")
        page.close()

    def complete(self, page, cell, text):
        """Types `text` at the end of `cell`'s editor as a person does, presses Tab, and
        returns what the completer's list offers, in its order: the kernel's candidates first,
        then JupyterLab's own words of the document (its context provider) when the word at
        the cursor is empty."""
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+End")
        page.keyboard.type(text)
        page.keyboard.press("Tab")
        items = page.locator(".jp-Completer .jp-Completer-item")
        items.first.wait_for(timeout=TIMEOUT_MS)
        return [items.nth(k).get_attribute("data-value") for k in range(items.count())]

    def accept(self, page, index, ending):
        """Accepts the completer's choice (Enter) and waits until cell `index` ends with `ending`."""
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([k, e]) => document.querySelectorAll('.jp-CodeCell .cm-content')[k].textContent.endsWith(e)",
            arg=[index, ending], timeout=TIMEOUT_MS)

    def test_completion_answers_in_context(self):
        page = self.open("complete.ipynb")
        self.run_all(page, 1, "complete.ipynb")
        cells = page.locator(".jp-CodeCell")
        # The target of a fit is a metric of its table.
        self.assertEqual(self.complete(page, cells.nth(1), "f = fit data: emergent"), ["emergent_task"])
        self.accept(page, 1, "data: emergent_task")
        # After `split =` the split forms and nothing else.
        offered = self.complete(page, cells.nth(1), " ~ pc(3) split = ")
        self.assertEqual(offered[:6], ["cutoff(", "holdout(", "none", "random(", "rank(", "subset("])
        self.assertFalse({"Atlas", "loss =", "MMLU", "sigmoid"} & set(offered), offered)
        page.locator(".jp-Completer").screenshot(path=os.path.join(SCREENS, "completion-split.png"))
        page.keyboard.press("Escape")
        # Inside `[` only families, and the bracket stays.
        self.assertEqual(self.complete(page, cells.nth(2), "t = filter data where family in [At"), ["Atlas"])
        self.accept(page, 2, "in [Atlas")
        # A column that needs backticks gets them from its first letters.
        self.assertEqual(self.complete(page, cells.nth(2), "] and FL"), ["`FLOPs (1E21)`"])
        self.accept(page, 2, "[Atlas] and `FLOPs (1E21)`")
        page.close()

    def test_notebook7_runs_and_renders(self):
        page = self.open("classic.ipynb", LIGHT, app="notebooks")
        self.run_all(page, 3, "classic.ipynb")
        self.assert_no_json_tree(page)
        self.assert_table_alignment(page)
        self.assert_charts_loaded(page, 1)
        self.screenshot_outputs(page, "classic-notebook7")
        page.close()


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0], *sys.argv[2:]], verbosity=2)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
