/**
 * The generated class compiled by the JDK's compiler, in process, against the job runtime's jars read as files; its
 * trees rewritten where a job differs from a notebook; its errors mapped back to notebook cells.
 */
package io.workbench.jobs.compile;
