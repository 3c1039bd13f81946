"""A Pygments lexer for obscale, the language of observational scaling laws.

It colours what the JupyterLab editor mode of `obscale install` colours, from the same word
lists: statements at the start of a statement (or after `name =`), option names before `=`,
calls before `(`, connectives, constant words, strings, backticked column names, numbers,
comments and operators. A test of the obscale repository compares these lists with the
language's own (its `Vocabulary`), so the two cannot drift apart.
"""
import re

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

# The statements' keywords.
STATEMENTS = (
    "load", "join", "filter", "rename", "compute", "sort", "drop", "show", "describe", "impute", "pca", "efficiency",
    "place", "fit", "predict", "equiv",
    "plot", "weights", "gap", "compare", "save", "bootstrap", "backtest", "forecast", "select", "print", "warn", "clear",
    "help",
)

# Words that join a statement's parts.
CONNECTIVES = ("where", "and", "or", "not", "in", "has", "for", "on", "to", "by", "desc", "with")

# Calls: predictor forms, splits, transforms, the Huber loss with its delta, and the
# functions of computed columns.
FUNCTIONS = ("pc", "log", "cutoff", "rank", "random", "holdout", "subset", "minmax", "huber",
             "log10", "exp", "abs", "min", "max")

# Fixed option values and other constant words.
CONSTANTS = (
    "agentbench", "agentboard", "all", "benchmarks", "candidates", "capability", "cells", "chance", "cutoffs", "families", "demo", "equiv", "estimate", "exhaustive", "exp", "false", "family",
    "fitted", "flops", "fraction",
    "greedy", "harness", "huber", "leaderboard", "linear", "log", "logit", "no", "none", "off", "one", "paper", "pc1",
    "percent", "prediction", "preregistered", "reference", "law",
    "sigmoid", "sigmoid-parametric", "sigmoid-parametric-free-height", "size", "squares", "table", "test",
    "train", "true", "yes",
)

# A bare word: letters, digits and `_ - . @ /`, starting with a letter or `_`, and not ending
# in `.`, `-` or `/` (as the language's lexer reads it).
WORD = r"[A-Za-z_](?:[\w\-.@/]*[\w@])?"
# The end of a word: the next character cannot continue it.
END = r"(?![\w\-.@/])"


class ObscaleLexer(RegexLexer):
    """obscale scripts and notebook cells."""

    name = "obscale"
    aliases = ["obscale", "obs"]
    filenames = ["*.obs"]
    mimetypes = ["text/x-obscale"]
    url = "https://arxiv.org/abs/2405.10938"
    flags = re.MULTILINE

    tokens = {
        "root": [
            # A statement: at the start of a line or after `;`, perhaps after `name =`.
            (r"(^|(?<=;))([ \t]*)(?:(" + WORD + r")([ \t]*)(=)(?!=)([ \t]*))?(" + "|".join(STATEMENTS) + r")" + END,
             bygroups(Text, Whitespace, Name.Variable, Whitespace, Operator, Whitespace, Keyword)),
            # A binding of a value: `name = …`.
            (r"(^|(?<=;))([ \t]*)(" + WORD + r")([ \t]*)(=)(?!=)",
             bygroups(Text, Whitespace, Name.Variable, Whitespace, Operator)),
            (r"#.*$", Comment.Single),
            (r'"(\\.|[^"\\\n])*"?', String.Double),
            (r"'(\\.|[^'\\\n])*'?", String.Single),
            (r"`[^`\n]*`?", Name.Variable.Magic),
            (r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?", Number),
            # An option or a call's label: a word before `=` (not `==`).
            (r"(" + WORD + r")(?=[ \t]*=(?!=))", Name.Attribute),
            (words(FUNCTIONS, suffix=r"(?=[ \t]*\()"), Name.Builtin),
            (words(CONNECTIVES, suffix=END), Operator.Word),
            (words(CONSTANTS, suffix=END), Keyword.Constant),
            (WORD, Name),
            (r"<=|>=|==|!=|[=~+\-*/:<>]", Operator),
            (r"[()\[\],;]", Punctuation),
            (r"\\\n", Text),
            (r"\s+", Whitespace),
            (r".", Text),
        ],
    }
