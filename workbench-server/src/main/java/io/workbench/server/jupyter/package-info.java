/** Jupyter Notebook as a front end of the workbench: launched on our notebooks with our kernelspec. */
package io.workbench.server.jupyter;
