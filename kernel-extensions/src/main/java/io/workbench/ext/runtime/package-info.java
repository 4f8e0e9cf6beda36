/** The notebook runtime of a process and what a host (our kernel, JJava, a job) provides and calls. */
package io.workbench.ext.runtime;
