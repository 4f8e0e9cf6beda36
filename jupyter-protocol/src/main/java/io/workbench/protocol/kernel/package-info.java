/** The kernel side of the protocol: binds the five channels and dispatches requests through a table. */
package io.workbench.protocol.kernel;
