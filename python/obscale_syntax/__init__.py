"""obscale for Python's tools: a Pygments lexer and a papermill parameter translator."""

from .lexer import ObscaleLexer

__all__ = ["ObscaleLexer"]
