/** The kernel process: its main, its request handlers, and its kernelspec. */
package io.workbench.kernel;
