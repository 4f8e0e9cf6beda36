/** Which notebook cell owns the queries and producers that start now. */
package io.workbench.ext.cells;
