/** Prometheus metrics of the server, declared in one place, and the /metrics route. */
package io.workbench.server.metrics;
