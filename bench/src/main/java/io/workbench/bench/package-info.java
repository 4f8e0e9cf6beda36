/** Benchmarks: each main measures one figure side by side with its reference in the same run. */
package io.workbench.bench;
