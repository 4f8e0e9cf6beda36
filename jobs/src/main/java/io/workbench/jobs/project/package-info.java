/** The exported Maven project's files (pom.xml, README.md, EXPORT.md, job.json) and writing them in place atomically. */
package io.workbench.jobs.project;
