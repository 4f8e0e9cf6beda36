/** The kernel channels WebSocket: Jupyter's JSON message format between browsers and a kernel's ZeroMQ channels. */
package io.workbench.server.kernels.channels;
