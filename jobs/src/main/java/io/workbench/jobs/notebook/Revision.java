package io.workbench.jobs.notebook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A notebook's revision: the first 12 hex digits of the SHA-256 of its code cells, in order, each as its sorted
 * tags joined by commas, a unit separator (U+001F), its source and a record separator (U+001E). Markdown, outputs,
 * execution counts and metadata other than tags do not count, so running a notebook or editing its prose keeps
 * its revision, and the UI can say "the notebook changed since this job was exported" only when its code did.
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
            List<String> tags = cell.tags().stream().sorted().toList();
            sha.update(String.join(",", tags).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1f);
            sha.update(cell.source().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1e);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
