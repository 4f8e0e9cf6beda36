/** The generated Java class: its text, and for every line the notebook cell and line it came from. */
package io.workbench.jobs.source;
