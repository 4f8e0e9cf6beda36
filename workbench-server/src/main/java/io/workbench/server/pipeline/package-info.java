/** The Pipeline page's data: a short in-memory history of every query and producer, and Prometheus's firing alerts. */
package io.workbench.server.pipeline;
