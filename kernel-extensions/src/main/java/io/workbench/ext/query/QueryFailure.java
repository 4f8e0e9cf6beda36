package io.workbench.ext.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a streaming query stopped with an error, in words a user can act on: the kind of failure, a headline and
 * what to do. Spark's own text can run to kilobytes (the logical plan, an Avro schema); the headline keeps its
 * first line and every "Caused by" line and leaves the plan out.
 *
 * @param kind     what went wrong
 * @param headline what happened, one or a few lines
 * @param remedy   what the user can do, or null when there is nothing specific to say
 */
public record QueryFailure(Kind kind, String headline, String remedy) {

    /** What went wrong. */
    public enum Kind {
        /** Kafka no longer holds offsets the query expected: the topic was re-created, or records expired. */
        DATA_LOSS,
        /** The checkpoint was written by a different query (other stateful operators or sources). */
        CHECKPOINT_INCOMPATIBLE,
        /** Spark does not support the query as asked (output mode, operators). */
        UNSUPPORTED,
        /** Anything else: user code in a batch, a sink, the cluster. */
        ERROR
    }

    private static final Pattern DATA_LOSS_TEXT = Pattern.compile(
            "(some data may have been missed|some data may have been lost|failOnDataLoss|are not available in Kafka any more)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PARTITION_TEXT = Pattern.compile("Partition ([^ ]+)'s offset was changed from (\\d+) to (\\d+)");

    /** The one text a user reads: the headline, then what to do. */
    public String message() {
        return remedy == null ? headline : headline + "\n" + remedy;
    }

    /** Explains a query's terminal exception; {@code queryName} is used in the remedy. */
    public static QueryFailure of(Throwable error, String queryName) {
        if (error instanceof QueryRefusedException r) {
            return new QueryFailure(r.kind(), r.getMessage(), null);
        }
        String text = fullText(error);
        if (DATA_LOSS_TEXT.matcher(text).find()) {
            return dataLoss(text, queryName);
        }
        return new QueryFailure(Kind.ERROR, headline(error), null);
    }

    private static QueryFailure dataLoss(String text, String queryName) {
        Matcher m = PARTITION_TEXT.matcher(text);
        String what = m.find()
                ? "Kafka data loss: partition " + m.group(1) + " was at offset " + m.group(2) + " when the query last read it,"
                + " and Kafka now has offset " + m.group(3) + " there."
                : "Kafka data loss: offsets this query expected are no longer in Kafka.";
        String headline = what + " The topic was deleted and created again, or its records expired before the query"
                + " read them; the query stopped rather than skip them silently.";
        String name = queryName == null ? "NAME" : queryName;
        String remedy = "To go on from what the topic holds now, start the query from a fresh checkpoint:"
                + " streams.archiveCheckpoint(\"" + name + "\") keeps the old one aside (streams.discardCheckpoint(\""
                + name + "\") deletes it), then run its cell again.";
        return new QueryFailure(Kind.DATA_LOSS, headline, remedy);
    }

    /**
     * Explains a query's failure from the text Spark's listener events carry (an exception's stack trace as a
     * string), for when the exception itself is gone.
     */
    public static QueryFailure ofText(String exceptionText, String queryName) {
        if (DATA_LOSS_TEXT.matcher(exceptionText).find()) {
            return dataLoss(exceptionText, queryName);
        }
        return new QueryFailure(Kind.ERROR, firstLines(exceptionText), null);
    }

    /** The first line of a stack trace's text and every "Caused by" line, each cut at {@value #MAX_LINE} characters. */
    static String firstLines(String text) {
        String[] lines = text.split("\n");
        List<String> out = new ArrayList<>();
        out.add(cut(lines[0]));
        for (int i = 1; i < lines.length && out.size() < MAX_LINES; i++) {
            if (lines[i].startsWith("Caused by: ")) {
                out.add(cut(lines[i]));
            }
        }
        return String.join("\n", out);
    }

    private static String cut(String line) {
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    }

    /** The message of an exception and of its causes, each once. */
    static String fullText(Throwable error) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            out.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return out.toString();
    }

    /**
     * What a user needs of an exception: the first line of its message and of each cause's (the error a
     * foreachBatch function threw is a cause), at most {@value #MAX_LINES} lines of at most {@value #MAX_LINE}
     * characters, without stack frames or the query's logical plan. A StreamingQueryException only wraps its cause,
     * so its own text is skipped.
     */
    public static String headline(Throwable error) {
        List<String> lines = new ArrayList<>();
        Set<String> firsts = new HashSet<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t) && lines.size() < MAX_LINES; t = t.getCause()) {
            if (t.getCause() != null && t.getClass().getSimpleName().equals("StreamingQueryException")) {
                continue;
            }
            String first = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("").trim();
            first = cut(first);
            if (firsts.add(first)) {
                String text = t.getClass().getName() + (first.isEmpty() ? "" : ": " + first);
                lines.add(lines.isEmpty() ? text : "Caused by: " + text);
            }
        }
        return String.join("\n", lines);
    }

    private static final int MAX_LINES = 5;
    private static final int MAX_LINE = 500;
}
