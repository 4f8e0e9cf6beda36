/** What an exported job calls when it runs in its own JVM (docs/jobs.md). */
package io.workbench.job;
