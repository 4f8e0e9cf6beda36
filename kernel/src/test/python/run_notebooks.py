"""Executes notebooks top to bottom with Jupyter's nbclient and the kernel named in each notebook.

Usage: run_notebooks.py NOTEBOOK...  Exits non-zero if any cell of any notebook fails; the failing cell's
error is printed. Outputs are not written back to the files; with EXECUTED_NOTEBOOKS_DIR set, the executed
copies (outputs included, also of a failing notebook) are written there for a look.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    client = NotebookClient(nb, timeout=600, startup_timeout=120,
                            kernel_name=nb.metadata["kernelspec"]["name"])
    started = time.time()
    try:
        client.execute()
    finally:
        out_dir = os.environ.get("EXECUTED_NOTEBOOKS_DIR")
        if out_dir:
            os.makedirs(out_dir, exist_ok=True)
            nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    if errors:
        raise RuntimeError(f"{path}: error outputs: {errors}")
    print(f"PASSED {path} ({len(nb.cells)} cells, {time.time() - started:.1f} s)", flush=True)


def main(paths):
    failed = []
    for path in paths:
        try:
            run(path)
        except (CellExecutionError, RuntimeError) as e:
            print(f"FAILED {path}\n{e}", flush=True)
            failed.append(path)
    print(f"{len(paths) - len(failed)} of {len(paths)} notebooks passed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
