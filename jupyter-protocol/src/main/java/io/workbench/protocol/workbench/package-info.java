/**
 * The workbench's extension of the Jupyter protocol, declared once for the kernel and the server: the control
 * requests about streaming queries and producers and their replies, and the keys the workbench adds to an
 * execute request's metadata (docs/streaming.md). Property names are camelCase, unlike Jupyter's own messages.
 */
package io.workbench.protocol.workbench;
