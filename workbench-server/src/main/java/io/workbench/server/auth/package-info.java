/** Who may call the server: Host and Origin checks, token authentication, XSRF protection, security headers. */
package io.workbench.server.auth;
