/** The embedded single-node KRaft broker: its JVM's main, and the lifecycle that starts and stops that JVM. */
package io.workbench.broker;
