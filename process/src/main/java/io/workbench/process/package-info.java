/** Child processes: one way to start, watch, restart and stop the broker, kernels, Jupyter and job JVMs. */
package io.workbench.process;
