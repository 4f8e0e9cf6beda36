package io.workbench.cli;

/** What the command line tells the user before it exits with status 1: the server's message, or what to do. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
