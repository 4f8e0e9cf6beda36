// Outputs the server kept for this session (cells that ran while no page was open, or still run) merged into the
// loaded notebook by cell id.

/**
 * A kept entry wins when its execution count differs from the cell's (the cell ran again since the file was
 * saved), or when the cell is still running and its outputs differ. A running cell is shown as running; its
 * further output arrives tagged with its cell id.
 * @returns {boolean} whether anything changed
 */
export function mergeKeptOutputs(cellList, kept, runner, kernelBusy) {
  let changed = false;
  const running = [];
  for (const [cellId, entry] of Object.entries(kept || {})) {
    const cell = cellList.byId(cellId);
    // Runs this page started are shown as they stream; runs it only watches may have begun before it connected,
    // and the server's copy has everything they printed so far.
    const run = cell && runner.runOf(cell);
    if (!cell || cell.type !== "code" || (run && !run.foreign)) continue;
    const count = entry.execution_count ?? null;
    const outputs = entry.outputs || [];
    const isRunning = kernelBusy && entry.running === true;
    const differs = JSON.stringify(outputs) !== JSON.stringify(cell.outputs.toJSON());
    if (count !== cell.executionCount || (isRunning && differs)) {
      cell.outputs.set(outputs);
      cell.executionCount = count;
      cell.refresh();
      cell.markErrors();
      changed = true;
    }
    if (isRunning) running.push(cell);
  }
  for (const cell of running) runner.adoptRunning(cell);
  return changed;
}
