/**
 * A local Spark standalone and Kafka KRaft cluster as plain processes on 127.0.0.1: the API that starts, checks and
 * stops it, used by tests and by {@code ./workbench cluster} (which runs in {@code cli/}).
 */
package io.workbench.cluster;
