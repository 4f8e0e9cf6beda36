package io.workbench.ext.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The pre-flight of a query that would resume from an existing checkpoint: compares what the new plan needs (its
 * sources, its stateful operators with their keys and aggregates) with what the checkpoint holds, before Spark
 * starts. It reads the checkpoint's {@link CheckpointManifest} when there is one, and Spark's own files in any case:
 * the topics in the newest {@code offsets/} entry and the number of stateful operators under {@code state/}.
 *
 * <p>A filter, a projection or a new watermark delay changes nothing that is checked: Spark resumes such queries
 * correctly. Stateless queries are checked by their sources only.
 */
public final class CheckpointCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome: whether the checkpoint has been used, and what differs. */
    public record Result(boolean exists, List<String> differences) {
        public boolean compatible() {
            return differences.isEmpty();
        }
    }

    private CheckpointCheck() {
    }

    /** Compares {@code plan} with the checkpoint in {@code dir}; a missing or unused checkpoint is compatible. */
    public static Result check(Path dir, QueryPlan plan) {
        try {
            if (!used(dir)) {
                return new Result(false, List.of());
            }
            List<String> differences = new ArrayList<>();
            CheckpointManifest m = CheckpointManifest.read(dir);
            if (m != null) {
                if (!m.sources().equals(plan.sources())) {
                    differences.add("it read " + m.sources() + ", this query reads " + plan.sources());
                }
                if (!m.statefulOperators().equals(plan.statefulOperators())) {
                    differences.add(stateful(m.statefulOperators(), plan.statefulOperators()));
                }
            } else {
                int held = stateOperatorCount(dir);
                if (held != plan.statefulOperators().size()) {
                    differences.add("it holds the state of " + held + " stateful operator(s), this query has "
                            + plan.statefulOperators().size() + " (" + plan.statefulOperators() + ")");
                }
            }
            Optional<TreeSet<String>> held = kafkaTopics(dir);
            TreeSet<String> wanted = subscribedTopics(plan);
            if (held.isPresent() && wanted != null && !held.get().equals(wanted) && differences.stream().noneMatch(d -> d.startsWith("it read"))) {
                differences.add("it read Kafka topics " + held.get() + ", this query reads " + wanted);
            }
            return new Result(true, differences);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Throws when {@code dir} holds a checkpoint of a different query, with what changed and what the user can do.
     *
     * @throws QueryRefusedException of kind {@link QueryFailure.Kind#CHECKPOINT_INCOMPATIBLE}
     */
    public static void require(Path dir, QueryPlan plan, String queryName) {
        Result r = check(dir, plan);
        if (!r.compatible()) {
            throw new QueryRefusedException(QueryFailure.Kind.CHECKPOINT_INCOMPATIBLE, "The checkpoint of query "
                    + queryName + " was written by a different query (" + String.join("; ", r.differences())
                    + "); resuming it would mix the two. To start fresh, run streams.archiveCheckpoint(\"" + queryName
                    + "\") (keeps it aside) or streams.discardCheckpoint(\"" + queryName + "\"), or rename the query.");
        }
    }

    private static String stateful(List<String> was, List<String> now) {
        if (was.size() == 1 && now.size() == 1) {
            return "its state is from " + was.get(0) + ", this query's is " + now.get(0);
        }
        return "its stateful operators were " + (was.isEmpty() ? "none" : was) + ", this query's are "
                + (now.isEmpty() ? "none" : now);
    }

    /** Whether Spark has written offsets for at least one batch there. */
    static boolean used(Path dir) throws IOException {
        Path offsets = dir.resolve("offsets");
        if (!Files.isDirectory(offsets)) {
            return false;
        }
        try (Stream<Path> s = Files.list(offsets)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("\\d+"));
        }
    }

    private static int stateOperatorCount(Path dir) throws IOException {
        Path state = dir.resolve("state");
        if (!Files.isDirectory(state)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(state)) {
            return (int) s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    /** The topics of the Kafka offsets in the newest offsets entry, or empty if none are Kafka offsets. */
    static Optional<TreeSet<String>> kafkaTopics(Path dir) throws IOException {
        Path newest;
        try (Stream<Path> s = Files.list(dir.resolve("offsets"))) {
            newest = s.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .max((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))
                    .orElse(null);
        }
        if (newest == null) {
            return Optional.empty();
        }
        TreeSet<String> topics = new TreeSet<>();
        boolean any = false;
        List<String> lines = Files.readAllLines(newest);
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String topic = it.next();
                if (n.get(topic).isObject()) {
                    topics.add(topic);
                    any = true;
                }
            }
        }
        return any ? Optional.of(topics) : Optional.empty();
    }

    /** The topics the plan's Kafka sources subscribe to by name, or null when some source is not of that kind. */
    static TreeSet<String> subscribedTopics(QueryPlan plan) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : plan.sources()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^kafka\\{subscribe=([^}]*)\\}$").matcher(s);
            if (!m.matches()) {
                return null;
            }
            for (String t : m.group(1).split(",")) {
                out.add(t.trim());
            }
        }
        return out;
    }
}
