package io.workbench.jobs.notebook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A notebook's revision: the first 12 hex digits of the SHA-256 of its code cells, in order, each as its source, a
 * zero byte, its {@code metadata.tags} as compact JSON (nothing when it has none) and a zero byte, all UTF-8.
 * Markdown, outputs, ids, execution counts and other metadata do not count, so running a notebook or editing its
 * prose keeps its revision, and the UI can say "the notebook changed since this job was exported" only when its
 * code or tags did. The server computes the same from the notebook file (server.jobs.NotebookRevision).
 */
public final class Revision {
    private Revision() {
    }

    public static String of(Notebook notebook) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (NotebookCell cell : notebook.codeCells()) {
            sha.update(cell.source().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(cell.tagsJson().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
