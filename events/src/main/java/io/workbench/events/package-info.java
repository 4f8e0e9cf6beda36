/** The built-in e-commerce event producer: realistic sessions and funnels, Avro on Kafka, rate control, fault knobs. */
package io.workbench.events;
