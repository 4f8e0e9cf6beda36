/** Typed configuration keys and the one place that reads them from properties, environment and the config file. */
package io.workbench.config;
