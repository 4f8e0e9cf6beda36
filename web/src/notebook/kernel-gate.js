// Whether a run can be sent to the kernel now, and what a cell says while its run waits or when it is dropped.

const WAITING = {
  starting: "Waiting for the kernel to start…",
  restarting: "Waiting for the kernel to restart…",
  disconnected: "Waiting for the kernel to reconnect…",
};

/** Why a cell's run was dropped, and what to do about it. */
export const NOT_RUN = {
  notStarted: "Not run: the kernel could not be started. Restart the kernel, then run this cell again.",
  died: "Not run: the kernel died before this cell could run. Restart the kernel, then run this cell again.",
  interrupted: "Not run: interrupted while it waited for the kernel.",
  restarted: "Not run: the kernel was restarted while this cell waited for it.",
};

/**
 * @param {object} kernel state (the session's), connected (its socket is open), synced (the page caught up with
 *   what the server kept since that socket opened), started (a session was ever opened)
 * @returns {{wait?: string, refuse?: string}} {} when a run can be sent now
 */
export function kernelGate({ state, connected, synced, started }) {
  if (state === "dead") return { refuse: started ? NOT_RUN.died : NOT_RUN.notStarted };
  if (connected && synced && (state === "idle" || state === "busy")) return {};
  return { wait: WAITING[state] || "Waiting for the kernel to connect…" };
}
