/** HTTP plumbing shared by every resource: the exception family per status, and the one place that maps it to JSON. */
package io.workbench.server.http;
