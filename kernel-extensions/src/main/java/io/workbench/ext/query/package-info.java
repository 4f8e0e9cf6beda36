/**
 * The query layer: every streaming query of a Spark session, its progress, how it ended and its checkpoint, and what
 * its plan needs (output mode, result key, stateful shape). Knows nothing of notebook cells or displays, so a job
 * uses it as a kernel does.
 */
package io.workbench.ext.query;
