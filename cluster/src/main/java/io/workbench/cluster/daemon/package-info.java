/** Code that runs inside the Spark master and worker JVMs of the local cluster, and nowhere else. */
package io.workbench.cluster.daemon;
