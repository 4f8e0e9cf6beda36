package io.workbench.jobs.analysis;

/** Lexical facts about a snippet's source that JShell's parser does not give: where its code starts. */
final class Sources {
    private Sources() {
    }

    /** The offset of the first character that is neither white space nor inside a comment; the length if none. */
    static int firstCode(String src) {
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("//", i)) {
                int eol = src.indexOf('\n', i);
                i = eol < 0 ? src.length() : eol + 1;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? src.length() : end + 2;
            } else {
                return i;
            }
        }
        return src.length();
    }

    /** Whether the code at {@code at} is a Jupyter/JJava magic ({@code %…}) or a JShell command ({@code /…}). */
    static boolean isMagicOrCommand(String src, int at) {
        if (at >= src.length()) {
            return false;
        }
        char c = src.charAt(at);
        return c == '%' || (c == '/' && at + 1 < src.length() && src.charAt(at + 1) != '/' && src.charAt(at + 1) != '*');
    }
}
