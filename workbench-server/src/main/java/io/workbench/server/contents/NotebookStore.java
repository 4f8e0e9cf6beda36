package io.workbench.server.contents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.server.http.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The notebooks directory behind Jupyter's contents API. Saves are atomic (a temporary file in the same
 * directory, forced to disk, then renamed over the old one), so a crash never leaves a truncated notebook; a
 * save that carries the {@code last_modified} its client loaded fails with 409 if the file changed since; a
 * file that is not a valid notebook is reported and never overwritten by a failed load.
 *
 * <p>All methods block on file I/O: call them from worker threads. Saves of one path are serialized.
 */
public final class NotebookStore {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String CHECKPOINTS = ".ipynb_checkpoints";
    private static final String CHECKPOINT_ID = "checkpoint";

    private final ContentsPaths paths;
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    public NotebookStore(ContentsPaths paths) {
        this.paths = paths;
    }

    public ContentsPaths paths() {
        return paths;
    }

    public ObjectNode get(String apiPath, boolean withContent) {
        Path file = existing(apiPath);
        if (Files.isDirectory(file)) {
            ObjectNode model = model(file, "directory");
            if (withContent) {
                ArrayNode list = model.putArray("content");
                try (Stream<Path> children = Files.list(file)) {
                    children.filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(Path::toString))
                            .forEach(p -> list.add(model(p, typeOf(p))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                model.put("format", "json");
            }
            return model;
        }
        String type = typeOf(file);
        ObjectNode model = model(file, type);
        if (withContent) {
            byte[] bytes = read(file);
            if ("notebook".equals(type)) {
                model.set("content", NotebookFormat.read(file.getFileName().toString(), bytes));
                model.put("format", "json");
            } else if (isText(bytes)) {
                model.put("content", new String(bytes, StandardCharsets.UTF_8)).put("format", "text")
                        .put("mimetype", "text/plain");
            } else {
                model.put("content", Base64.getEncoder().encodeToString(bytes)).put("format", "base64")
                        .put("mimetype", "application/octet-stream");
            }
        }
        return model;
    }

    /** PUT: saves a notebook, file or directory; returns the model without content and whether it was created. */
    public Saved save(String apiPath, JsonNode body) {
        Path file = paths.resolve(apiPath);
        if (paths.apiPath(file).isEmpty()) {
            throw new ApiException.BadRequest("Cannot save over the notebooks directory itself.");
        }
        String type = body.path("type").asText(file.toString().endsWith(".ipynb") ? "notebook" : "file");
        synchronized (lock(file)) {
            boolean created = !Files.exists(file);
            if (!created && body.hasNonNull("last_modified")
                    && !body.get("last_modified").asText().equals(lastModified(file))) {
                throw new ApiException.Conflict(file.getFileName() + " changed on disk since it was loaded (now "
                        + lastModified(file) + "). Reload it to see the other version, or save under another name.");
            }
            switch (type) {
                case "directory" -> mkdir(file);
                case "notebook" -> writeAtomically(file, NotebookFormat.write(file.getFileName().toString(), body.get("content")));
                case "file" -> writeAtomically(file, fileBytes(body));
                default -> throw new ApiException.BadRequest("Unknown content type '" + type + "'.");
            }
            return new Saved(model(file, typeOf(file)), created);
        }
    }

    /** The result of a save: the new model, and whether the path was new. */
    public record Saved(ObjectNode model, boolean created) {
    }

    /** POST to a directory: a new untitled notebook, file or folder, or a copy of {@code copyFrom}. */
    public ObjectNode create(String dirPath, String type, String extension, String copyFrom) {
        Path dir = existing(dirPath);
        if (!Files.isDirectory(dir)) {
            throw new ApiException.BadRequest("'" + dirPath + "' is not a directory.");
        }
        if (copyFrom != null) {
            Path source = existing(copyFrom);
            String name = source.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path target = unused(dir, dot > 0 ? name.substring(0, dot) + "-Copy" : name + "-Copy",
                    dot > 0 ? name.substring(dot) : "");
            writeAtomically(target, read(source));
            return model(target, typeOf(target));
        }
        String t = type == null ? "notebook" : type;
        return switch (t) {
            case "directory" -> {
                Path d = unused(dir, "Untitled Folder", "");
                mkdir(d);
                yield model(d, "directory");
            }
            case "notebook" -> {
                Path nb = unused(dir, "Untitled", ".ipynb");
                writeAtomically(nb, NotebookFormat.write(nb.getFileName().toString(), NotebookFormat.empty()));
                yield model(nb, "notebook");
            }
            case "file" -> {
                Path f = unused(dir, "untitled", extension == null ? ".txt" : extension);
                writeAtomically(f, new byte[0]);
                yield model(f, "file");
            }
            default -> throw new ApiException.BadRequest("Unknown content type '" + t + "'.");
        };
    }

    /** PATCH: renames or moves within the root. */
    public ObjectNode rename(String fromPath, String toPath) {
        Path from = existing(fromPath);
        Path to = paths.resolve(toPath);
        if (Files.exists(to)) {
            throw new ApiException.Conflict("'" + ContentsPaths.normalize(toPath) + "' exists already; choose another name.");
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            Path checkpoint = checkpointFile(from);
            if (Files.exists(checkpoint)) {
                Files.createDirectories(checkpointFile(to).getParent());
                Files.move(checkpoint, checkpointFile(to), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NoSuchFileException e) {
            throw new ApiException.NotFound("The target directory of '" + toPath + "' does not exist.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model(to, typeOf(to));
    }

    public void delete(String apiPath) {
        Path file = existing(apiPath);
        if (paths.apiPath(file).isEmpty()) {
            throw new ApiException.BadRequest("Cannot delete the notebooks directory itself.");
        }
        try {
            if (Files.isDirectory(file)) {
                Path checkpoints = file.resolve(CHECKPOINTS);
                if (Files.isDirectory(checkpoints)) {
                    try (Stream<Path> s = Files.list(checkpoints)) {
                        for (Path p : s.toList()) {
                            Files.delete(p);
                        }
                    }
                    Files.delete(checkpoints);
                }
            } else {
                Files.deleteIfExists(checkpointFile(file));
            }
            Files.delete(file);
        } catch (DirectoryNotEmptyException e) {
            throw new ApiException.Conflict("The directory is not empty; delete what is inside first.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ObjectNode> checkpoints(String apiPath) {
        Path cp = checkpointFile(existing(apiPath));
        return Files.exists(cp) ? List.of(checkpointModel(cp)) : List.of();
    }

    public ObjectNode createCheckpoint(String apiPath) {
        Path file = existing(apiPath);
        Path cp = checkpointFile(file);
        try {
            Files.createDirectories(cp.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(cp, read(file));
        return checkpointModel(cp);
    }

    public void restoreCheckpoint(String apiPath, String id) {
        Path file = existing(apiPath);
        Path cp = checkpoint(file, id);
        synchronized (lock(file)) {
            writeAtomically(file, read(cp));
        }
    }

    public void deleteCheckpoint(String apiPath, String id) {
        try {
            Files.delete(checkpoint(existing(apiPath), id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes outputs kept by the server into the notebook on disk, cell by cell id, for outputs that arrived
     * while no browser was connected. Cells that no longer exist are skipped.
     */
    public void applyOutputs(String apiPath, Map<String, CellOutputs> outputs) {
        Path file = existing(apiPath);
        synchronized (lock(file)) {
            ObjectNode nb = NotebookFormat.read(file.getFileName().toString(), read(file));
            boolean changed = false;
            for (JsonNode cell : nb.withArray("cells")) {
                CellOutputs o = outputs.get(cell.path("id").asText());
                if (o != null && "code".equals(cell.path("cell_type").asText())) {
                    ((ObjectNode) cell).set("outputs", o.outputs().deepCopy());
                    if (o.executionCount() != null) {
                        ((ObjectNode) cell).put("execution_count", o.executionCount());
                    }
                    changed = true;
                }
            }
            if (changed) {
                writeAtomically(file, NotebookFormat.write(file.getFileName().toString(), nb));
            }
        }
    }

    /** The outputs and execution count of one code cell, and whether it is still running. */
    public record CellOutputs(@com.fasterxml.jackson.annotation.JsonProperty("execution_count") Integer executionCount,
                              ArrayNode outputs, boolean running) {
        public CellOutputs(Integer executionCount, ArrayNode outputs) {
            this(executionCount, outputs, false);
        }
    }

    private Path checkpoint(Path file, String id) {
        Path cp = checkpointFile(file);
        if (!CHECKPOINT_ID.equals(id) || !Files.exists(cp)) {
            throw new ApiException.NotFound("No checkpoint '" + id + "' for " + file.getFileName() + ".");
        }
        return cp;
    }

    private static Path checkpointFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String cpName = dot > 0 ? name.substring(0, dot) + "-checkpoint" + name.substring(dot) : name + "-checkpoint";
        return file.resolveSibling(CHECKPOINTS).resolve(cpName);
    }

    private ObjectNode checkpointModel(Path cp) {
        return JSON.objectNode().put("id", CHECKPOINT_ID).put("last_modified", lastModified(cp));
    }

    private Path existing(String apiPath) {
        Path file = paths.resolve(apiPath);
        if (!Files.exists(file)) {
            throw new ApiException.NotFound("No such file or directory: " + ContentsPaths.normalize(apiPath));
        }
        return file;
    }

    private ObjectNode model(Path file, String type) {
        ObjectNode m = JSON.objectNode();
        m.put("name", paths.apiPath(file).isEmpty() ? "" : file.getFileName().toString());
        m.put("path", paths.apiPath(file));
        m.put("type", type);
        m.put("writable", Files.isWritable(file));
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            m.put("created", iso(a.creationTime().toInstant()));
            m.put("last_modified", iso(a.lastModifiedTime().toInstant()));
            m.put("size", Files.isDirectory(file) ? null : a.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.putNull("content");
        m.putNull("format");
        m.putNull("mimetype");
        return m;
    }

    private static String lastModified(Path file) {
        try {
            return iso(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static String typeOf(Path p) {
        if (Files.isDirectory(p)) {
            return "directory";
        }
        return p.getFileName().toString().endsWith(".ipynb") ? "notebook" : "file";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isText(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] fileBytes(JsonNode body) {
        JsonNode content = body.get("content");
        if (content == null || !content.isTextual()) {
            throw new ApiException.BadRequest("A file needs its content as a string.");
        }
        return "base64".equals(body.path("format").asText())
                ? Base64.getDecoder().decode(content.asText())
                : content.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static void mkdir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ApiException.Conflict("A file named '" + dir.getFileName() + "' exists already.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unused(Path dir, String base, String ext) {
        for (int i = 0; ; i++) {
            Path p = dir.resolve(base + (i == 0 ? "" : String.valueOf(i)) + ext);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    private Object lock(Path file) {
        return locks.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
    }

    /** Temporary file beside the target, forced to disk, then renamed over it: readers see old or new, never half. */
    static void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling(".~" + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some file systems cannot sync a directory; the rename is still atomic
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("cannot write " + target.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
