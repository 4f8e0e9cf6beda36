/** Test fixtures shared by every module's tests: a real broker per test JVM, and Python runs. */
package io.workbench.testkit;
