/** The JJava extension adapter: installs the notebook runtime into a stock JJava kernel. */
package io.workbench.ext.jjava;
