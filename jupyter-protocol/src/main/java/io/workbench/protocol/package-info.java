/** The Jupyter messaging protocol 5.3: message records, HMAC signing, wire framing and connection files. */
package io.workbench.protocol;
