/** Streaming queries and producers of a kernel: asked for and acted on over the kernel's control channel. */
package io.workbench.server.streams;
