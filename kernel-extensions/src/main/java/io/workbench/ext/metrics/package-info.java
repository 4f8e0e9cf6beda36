/**
 * The runtime's metrics in Prometheus's text format: its streaming queries (from Spark's query progress), its
 * event producers and its JVM, served on a loopback port to holders of the metrics token. Names and labels are
 * listed in {@code docs/metrics.md}; the same code serves kernels and job runs.
 */
package io.workbench.ext.metrics;
