/** The workbench process: its main, which starts the embedded broker and a notebook front end and stops them. */
package io.workbench.server;
