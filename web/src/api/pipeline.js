// The Pipeline page's data (openapi.json, docs/monitoring.md): the last minutes of every query and producer in the
// kernels and job runs, and the alerts firing in the configured Prometheus.
import { request } from "./http.js";

export const pipeline = {
  /** {intervalSeconds, retentionSeconds, sampledAt, sources: [{kind, name, kernelId, live, queries, producers}],
   *  alerts: {available, firing | reason}}; each query or producer has series: {t: [Unix s], <column>: [...]}. */
  get: () => request("GET", "/api/workbench/pipeline"),
};
