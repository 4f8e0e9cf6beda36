/** The command line's job commands, a client of the running server's REST API (docs/jobs.md). */
package io.workbench.cli;
