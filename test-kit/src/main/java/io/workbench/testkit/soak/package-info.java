/** The R7 soak scenario: live views of several kernels watched by many WebSocket clients, with their figures. */
package io.workbench.testkit.soak;
