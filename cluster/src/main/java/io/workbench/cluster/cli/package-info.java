/** {@code ./workbench cluster start|stop|status|env}: runs in the user's shell, and leaves the cluster running. */
package io.workbench.cluster.cli;
