/**
 * Job classes written by hand the way the exporter writes them (docs/jobs.md, "Cells become Java"), which
 * JobRuntimeIT runs as job JVMs.
 */
package jobs;
