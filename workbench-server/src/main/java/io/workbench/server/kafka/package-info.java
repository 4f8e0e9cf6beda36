/** The Kafka browser: topics with their offsets, sizes and consumer lag, and the newest records decoded as events. */
package io.workbench.server.kafka;
