"""Executes notebooks top to bottom with Jupyter's nbclient and the kernel named in each notebook.

Usage: run_notebooks.py NOTEBOOK...  Exits non-zero if any cell of any notebook fails; the failing cell's
error is printed. Outputs are not written back to the files.
"""
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
    client.execute()
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
