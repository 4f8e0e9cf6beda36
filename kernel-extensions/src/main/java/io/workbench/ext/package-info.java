/** What a notebook sees: the Notebook facade it imports statically, and the runtime a kernel installs behind it. */
package io.workbench.ext;
