/** The kernel process's standard streams and guards: cell output to IOPub, blocked System.exit, parent watch. */
package io.workbench.kernel.io;
