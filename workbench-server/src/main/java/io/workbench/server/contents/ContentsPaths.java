package io.workbench.server.contents;

import io.workbench.server.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns API paths into files strictly inside the notebooks root. Rejects ".." and "." segments (also when
 * percent-encoded, since decoding happens before this check), absolute paths, backslashes, control characters,
 * hidden names, and any symlink whose target lies outside the root; a sibling directory that merely shares the
 * root's name as a prefix is outside too, because containment is checked on path elements of real paths.
 */
public final class ContentsPaths {
    private final Path root;

    public ContentsPaths(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    public Path root() {
        return root;
    }

    /** The file for an API path ("" is the root). The file need not exist, but its directory must be inside. */
    public Path resolve(String apiPath) {
        String p = normalize(apiPath);
        Path file = p.isEmpty() ? root : root.resolve(p);
        try {
            Path real = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? file.toRealPath() : realParent(file);
            if (!real.startsWith(root)) {
                throw outside(apiPath);
            }
        } catch (IOException e) {
            throw new ApiException.NotFound("No such file or directory: " + p);
        }
        return file;
    }

    /** The API path of a file inside the root. */
    public String apiPath(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Checks the shape of an API path and returns it without leading or trailing slashes. */
    public static String normalize(String apiPath) {
        if (apiPath == null) {
            return "";
        }
        String p = apiPath;
        if (p.indexOf('\\') >= 0 || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw outside(apiPath);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        if (apiPath.startsWith("//") || p.contains("//")) {
            throw outside(apiPath);
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.startsWith(".") || segment.startsWith("~")) {
                throw outside(apiPath);
            }
        }
        return p;
    }

    private Path realParent(Path file) throws IOException {
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("no parent directory");
        }
        return parent.toRealPath().resolve(file.getFileName());
    }

    private static ApiException outside(String apiPath) {
        return new ApiException.Forbidden("The path '" + printable(apiPath) + "' is outside the notebooks directory"
                + " or not allowed (hidden names, '..' and absolute paths are refused).");
    }

    private static String printable(String s) {
        String t = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
