/**
 * The Spark standalone side of the local cluster: a SPARK_HOME made of the Maven jars, the command lines of the master
 * and worker JVMs, and the master's JSON status.
 */
package io.workbench.cluster.spark;
