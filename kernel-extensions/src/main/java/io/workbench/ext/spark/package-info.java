/** The notebook's SparkSession: its configuration, its start with the snippet class loader, and per-cell job groups. */
package io.workbench.ext.spark;
