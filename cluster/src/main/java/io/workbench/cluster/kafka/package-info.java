/** The Kafka side of the local cluster: three KRaft nodes in combined mode, and what the quorum says about itself. */
package io.workbench.cluster.kafka;
