package io.workbench.kernel.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes written to one stream and not published yet. Hands out whole UTF-8 characters only: a character split
 * across two writes waits for its last byte.
 *
 * <p>Not thread-safe: {@link CellStreams} guards it with its lock. Every change is a single assignment after the
 * copy it needs, so a writer killed with {@code Thread.stop} halfway leaves it consistent.
 */
final class PendingText {
    private static final int INITIAL = 256;
    /** After a burst, a buffer larger than this is given back once it has been published. */
    private static final int KEEP = 256 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int size;

    int size() {
        return size;
    }

    boolean hasWholeCharacters() {
        return completeUtf8Prefix(bytes, size) > 0;
    }

    void append(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + len, 2 * bytes.length));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    /** Drops the start of a character at the end whose rest will never come (the output was cut there). */
    void dropPartialCharacter() {
        size = completeUtf8Prefix(bytes, size);
    }

    /** Removes and returns the whole characters written so far; empty if there are none. */
    String take() {
        int complete = completeUtf8Prefix(bytes, size);
        if (complete == 0) {
            return "";
        }
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        int rest = size - complete;
        byte[] next = bytes.length > KEEP ? new byte[INITIAL] : bytes;
        System.arraycopy(bytes, complete, next, 0, rest);
        bytes = next;
        size = rest;
        return text;
    }

    /** The length of the longest prefix of {@code b[0, n)} that does not end inside a multi-byte UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] b, int n) {
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xC0) == 0x80) {
                continue;
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
