/** Sessions: which kernel a notebook path uses, and the outputs kept for it while no browser watches. */
package io.workbench.server.sessions;
