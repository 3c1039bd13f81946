"""Runs every notebook here with the installed obscale kernel and saves the outputs in place.

usage: python execute.py [NOTEBOOK.ipynb ...]
The kernelspec must be installed (`obscale install`); OBSCALE_PATH must name the folder of
the paper's CSVs for the notebooks that read them.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
paths = sys.argv[1:] or sorted(os.path.join(HERE, p) for p in os.listdir(HERE) if p.endswith(".ipynb"))
for path in paths:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="obscale", timeout=600, resources={"metadata": {"path": HERE}}).execute()
    nbformat.write(notebook, path)
    print("ran", os.path.relpath(path))
