/** Exporting a notebook to a Java project that compiles (docs/jobs.md). */
package io.workbench.jobs;
