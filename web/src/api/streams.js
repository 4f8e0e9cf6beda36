// The streaming queries and producers of a kernel (docs/streaming.md), asked for on the kernel's control channel.
import { request } from "./http.js";

const base = (kernelId) => `/api/workbench/kernels/${encodeURIComponent(kernelId)}/streams`;

export const streams = {
  /** {queries: [...], producers: [...]}; fails with 503 for a dead kernel, 504 if it does not answer in 10 s. */
  list: (kernelId) => request("GET", base(kernelId)),
  /** kind: query | producer; action: stop | restart | pause | resume | rate (with {rate}). A refusal is a 409. */
  act: (kernelId, kind, id, action, body) =>
    request("POST", `${base(kernelId)}/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/${encodeURIComponent(action)}`, body),
};
