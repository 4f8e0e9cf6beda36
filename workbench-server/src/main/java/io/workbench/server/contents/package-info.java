/** The notebooks on disk: Jupyter's contents API, confined to the notebooks root, with atomic saves and checkpoints. */
package io.workbench.server.contents;
