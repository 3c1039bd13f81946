"""papermill support for obscale notebooks: parameters written as obscale bindings.

papermill injects a notebook's parameters as a code cell after the cell tagged `parameters`,
in the kernel's language, through a translator registered for that kernel or language.
papermill has no entry point for translators, but it loads the `papermill.engine` entry points
when it is imported; this package's engine entry point is this module, so importing it
registers the translator. `ObscaleEngine` is papermill's own nbclient engine, unchanged.

Values become obscale values: strings in double quotes with `\\`, `"`, newlines and tabs
escaped; whole and finite numbers as written; booleans as the strings "yes" and "no" (obscale
has no boolean value); None as the string "none"; lists as `[…]` of those. Dictionaries, NaN
and infinities have no obscale form and are refused.
"""
import math
import re

from papermill.engines import NBClientEngine
from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

# A binding in a parameters cell: `name = value  # help`.
_BINDING = re.compile(r"^\s*([A-Za-z_][\w\-.@/]*)\s*=(?!=)\s*(.*?)\s*(?:#\s*(.*))?$")
# A parameter's name, as obscale's lexer reads a word.
_NAME = re.compile(r"^[A-Za-z_](?:[\w\-.@/]*[\w@])?$")


class ObscaleTranslator(Translator):
    """Translates papermill's parameters (JSON or YAML values) into obscale bindings."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        text = str(str_val)
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return f'"{escaped}"'

    @classmethod
    def translate_none(cls, val):
        return '"none"'

    @classmethod
    def translate_bool(cls, val):
        return '"yes"' if val else '"no"'

    @classmethod
    def translate_float(cls, val):
        if not math.isfinite(val):
            raise PapermillException(f"obscale has no number {val!r}: parameters must be finite")
        return repr(val)

    @classmethod
    def translate_list(cls, val):
        return "[" + ", ".join(cls.translate(item) for item in val) + "]"

    @classmethod
    def translate_dict(cls, val):
        raise PapermillException("obscale has no dictionary value: pass each entry as a parameter of its own")

    @classmethod
    def comment(cls, cmt_str):
        return f"# {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        if not _NAME.match(name):
            raise PapermillException(f"{name!r} is not an obscale name (letters, digits and _ - . @ /, starting with a letter or _)")
        return f"{name} = {str_val}"

    @classmethod
    def inspect(cls, parameters_cell):
        """The bindings of a parameters cell, for `papermill --help-notebook`."""
        found = []
        for line in parameters_cell.source.splitlines():
            match = _BINDING.match(line)
            if not match or line.lstrip().startswith("#"):
                continue
            name, value, help_text = match.group(1), match.group(2), match.group(3) or ""
            if value.startswith('"') or value.startswith("'"):
                kind = "str"
            elif value.startswith("["):
                kind = "list"
            elif re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?", value):
                kind = "float" if re.search(r"[.eE%]", value) else "int"
            else:
                kind = "None"
            found.append(Parameter(name=name, inferred_type_name=kind, default=value, help=help_text))
        return found


class ObscaleEngine(NBClientEngine):
    """papermill's nbclient engine, under the name `obscale` (the entry point that loads this
    module, see the module's documentation)."""


papermill_translators.register("obscale", ObscaleTranslator)
