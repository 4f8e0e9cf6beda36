/** display(...): turning values into MIME bundles, and sending them to whichever kernel hosts the runtime. */
package io.workbench.ext.display;
