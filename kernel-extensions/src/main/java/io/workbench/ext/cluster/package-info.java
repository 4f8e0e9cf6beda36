/**
 * Running on a cluster: what must reach the executors (the runtime's jars, the classes cells define) and what must
 * not be shipped silently wrong ({@link io.workbench.ext.cluster.ClosureCheck}). See docs/cluster.md.
 */
package io.workbench.ext.cluster;
