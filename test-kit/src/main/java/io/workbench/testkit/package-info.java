/** Test fixtures shared by every module's tests: a real broker and a real local cluster per test JVM, and Python runs. */
package io.workbench.testkit;
