package io.workbench.jobs.source;

/** Text from a notebook made safe inside a Java comment. */
final class Comments {
    private Comments() {
    }

    /**
     * One line, no comment end, and no backslash that javac would read as the start of a Unicode escape (it reads
     * those even in comments).
     */
    static String text(String s) {
        return s.replace("\\", "\\\\").replace("*/", "*\u2215").replaceAll("[\\r\\n]+", " ");
    }
}
