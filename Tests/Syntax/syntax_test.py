"""obscale in Python's tools: the Pygments lexer and the papermill translator of python/.

The package is the one `make test` installs into its virtual environment; the kernel is the
real binary, installed with `obscale install --prefix` into a private prefix for nbconvert and
papermill to start.

usage: python syntax_test.py path/to/obscale [unittest options]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings

import nbformat
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename, get_lexer_for_mimetype
from pygments.token import Error, Keyword, Name, Number, Operator, String, Comment

OBSCALE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
SCRATCH = tempfile.mkdtemp(prefix="obscale-syntax-test-")
PREFIX = os.path.join(SCRATCH, "prefix")
BIN = os.path.dirname(sys.executable)


def tokens(text):
    """(token type, text) pairs of `text`, whitespace left out."""
    lexer = get_lexer_by_name("obscale")
    return [(kind, value) for kind, value in lexer.get_tokens(text) if value.strip()]


def notebook_sources():
    for name in sorted(os.listdir(NOTEBOOKS)):
        if name.endswith(".ipynb"):
            notebook = nbformat.read(os.path.join(NOTEBOOKS, name), as_version=4)
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    yield name, cell.source


class LexerTests(unittest.TestCase):
    def test_found_by_name_file_and_mime_type(self):
        for lexer in (get_lexer_by_name("obscale"), get_lexer_for_filename("law.obs"),
                      get_lexer_for_mimetype("text/x-obscale")):
            self.assertEqual(lexer.name, "obscale")

    def test_tokens_of_a_statement(self):
        found = tokens('f = fit data: emergent_task ~ pc(3) split = cutoff(84, column = `FLOPs (1E21)`) '
                       'loss = huber  # the law\nplot f save = "x.svg"\n'
                       'small = filter data where family in [Atlas, Llama-2] and MMLU >= 0.5')
        kinds = {}
        for kind, value in found:
            kinds.setdefault(value, kind)
        self.assertIs(kinds["f"], Name.Variable)
        self.assertIs(kinds["fit"], Keyword)
        self.assertIs(kinds["plot"], Keyword)
        self.assertIs(kinds["filter"], Keyword)
        self.assertIs(kinds["emergent_task"], Name)
        self.assertIs(kinds["pc"], Name.Builtin)
        self.assertIs(kinds["split"], Name.Attribute)
        self.assertIs(kinds["column"], Name.Attribute)
        self.assertIs(kinds["84"], Number)
        self.assertIs(kinds["0.5"], Number)
        self.assertIs(kinds["`FLOPs (1E21)`"], Name.Variable.Magic)
        self.assertIs(kinds["huber"], Keyword.Constant)
        self.assertIs(kinds["# the law"], Comment.Single)
        self.assertIs(kinds['"x.svg"'], String.Double)
        self.assertIs(kinds["where"], Operator.Word)
        self.assertIs(kinds["in"], Operator.Word)
        self.assertIs(kinds["Llama-2"], Name, "a family with a hyphen is one word")
        self.assertIs(kinds[">="], Operator)

    def test_a_statement_word_elsewhere_is_a_name(self):
        # `plot` as an option value or a bound name's use is not a statement.
        found = tokens("show fit_results rows = all")
        self.assertEqual(found[1], (Name, "fit_results"))

    def test_every_notebook_cell_lexes_without_errors(self):
        count = 0
        for name, source in notebook_sources():
            for kind, value in tokens(source):
                self.assertFalse(kind in Error, f"{name}: {value!r} is an error token")
            count += 1
        self.assertGreater(count, 30)

    def test_jupyter_console_takes_the_lexer_the_kernel_names(self):
        from jupyter_console.ptshell import get_pygments_lexer
        from obscale_syntax import ObscaleLexer

        # The language_info the kernel sent when the notebook was last run.
        info = nbformat.read(os.path.join(NOTEBOOKS, "quickstart.ipynb"), as_version=4).metadata.language_info
        self.assertEqual(info.codemirror_mode, "obscale")
        self.assertIs(get_pygments_lexer(info.pygments_lexer), ObscaleLexer)

    def test_nbconvert_html_colours_obscale(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            from nbconvert import HTMLExporter

            html, _ = HTMLExporter().from_filename(os.path.join(NOTEBOOKS, "quickstart.ipynb"))
        self.assertFalse([w for w in caught if "No lexer found" in str(w.message)])
        self.assertIn('<span class="k">fit</span>', html)
        self.assertIn('<span class="na">split</span>', html)


class PapermillTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        subprocess.run([OBSCALE, "install", "--prefix", PREFIX], check=True, capture_output=True)
        cls.env = dict(os.environ, JUPYTER_PATH=os.path.join(PREFIX, "share", "jupyter"))

    def test_translates_values_into_obscale(self):
        from papermill.exceptions import PapermillException
        from papermill.translators import papermill_translators

        translator = papermill_translators.find_translator("obscale", "obscale")
        code = translator.codify({"task": 'a "b"\\c', "threshold": 50, "share": 0.2, "flag": True,
                                  "nothing": None, "items": ["Atlas", 2]})
        self.assertEqual(code.splitlines(), [
            "# Parameters", 'task = "a \\"b\\"\\\\c"', "threshold = 50", "share = 0.2", 'flag = "yes"',
            'nothing = "none"', 'items = ["Atlas", 2]'])
        for bad in ({"a": 1}, float("nan")):
            with self.assertRaises(PapermillException):
                translator.translate(bad)
        with self.assertRaises(PapermillException):
            translator.assign("two words", "1")
        # The translation is obscale the kernel reads back as it was meant.
        script = os.path.join(SCRATCH, "params.obs")
        with open(script, "w") as f:
            f.write(code + "print task, threshold, share, items\n")
        out = subprocess.run([OBSCALE, "run", script], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn('a "b"\\c 50 0.2 [Atlas, 2]', out.stdout)

    def test_parameters_cells_are_tagged_and_inspected(self):
        import papermill

        for name in sorted(os.listdir(NOTEBOOKS)):
            if name.endswith(".ipynb"):
                params = papermill.inspect_notebook(os.path.join(NOTEBOOKS, name))
                self.assertTrue(params, f"{name} has no parameters cell")
                for parameter in params.values():
                    self.assertTrue(parameter["help"], f"{name}: {parameter['name']} has no comment")

    def test_papermill_injects_parameters_into_a_notebook(self):
        out = os.path.join(SCRATCH, "quickstart-gsm.ipynb")
        run = subprocess.run(
            [os.path.join(BIN, "papermill"), os.path.join(NOTEBOOKS, "quickstart.ipynb"), out,
             "-p", "task", "gsm_cot", "-p", "threshold", "50", "--cwd", SCRATCH, "--no-progress-bar"],
            env=self.env, capture_output=True, text=True, timeout=600)
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        notebook = nbformat.read(out, as_version=4)
        tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
        injected = next(k for k, t in enumerate(tags) if "injected-parameters" in t)
        self.assertIn("parameters", tags[injected - 1])
        self.assertEqual(notebook.cells[injected].source, '# Parameters\ntask = "gsm_cot"\nthreshold = 50\n')
        fit = next(c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("f = fit"))
        summary = fit.outputs[0]["data"]["application/vnd.obscale.v1+json"]
        fields = next(b for b in summary["blocks"] if b["type"] == "fields")["fields"]
        self.assertEqual(fields["target"], "gsm_cot")
        self.assertIn("<= 50", fields["split"])


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0], *sys.argv[2:]], verbosity=2)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
