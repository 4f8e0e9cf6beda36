/** Message contents, one record per message type, named as the Jupyter messaging spec names them. */
package io.workbench.protocol.messages;
