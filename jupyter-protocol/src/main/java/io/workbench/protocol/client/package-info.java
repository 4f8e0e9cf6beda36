/** The client side of the protocol: connects to a kernel's channels, as the server and the tests do. */
package io.workbench.protocol.client;
