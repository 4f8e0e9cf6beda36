/** JShell in local execution mode: our class loader, our execution control, and cell evaluation on top. */
package io.workbench.kernel.jshell;
