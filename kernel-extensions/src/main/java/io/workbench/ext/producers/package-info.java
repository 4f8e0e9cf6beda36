/** The event producers a runtime started, by owner. */
package io.workbench.ext.producers;
