/**
 * Cells analysed by JShell with an execution engine that never loads or runs them: snippets, their kinds, the types
 * JShell infers, and the rules that turn a notebook into a class's parts (docs/jobs.md).
 */
package io.workbench.jobs.analysis;
