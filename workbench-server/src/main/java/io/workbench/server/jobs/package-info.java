/**
 * Jobs: exported notebooks that run as their own JVMs, continuously, on a cron schedule or once, supervised by the
 * server (docs/jobs.md). Definitions and run history live in an embedded H2 database under the jobs directory.
 */
package io.workbench.server.jobs;
