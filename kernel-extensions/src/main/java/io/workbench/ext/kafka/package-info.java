/** The notebook's kafka helpers: topics, producing, tailing and consumer lag, on the embedded broker or a cluster. */
package io.workbench.ext.kafka;
