package io.workbench.ext.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * How a query's result is written and how its micro-batches combine into the rows a reader sees: the output mode
 * Spark runs it in, and what each batch is.
 *
 * @param outputMode the Spark output mode
 * @param rows       what a batch holds, and so how to combine batches
 * @param key        result column indices that identify a row, for {@link Rows#BY_KEY}; empty otherwise
 */
public record ResultMode(OutputMode outputMode, Rows rows, int[] key) {

    /** What each micro-batch of the result holds. */
    public enum Rows {
        /** Update mode with a known key: a batch's row replaces the row with the same key. */
        BY_KEY("rows by key; each batch replaces the rows it updates"),
        /** Complete mode: each batch is the whole result, in Spark's order. */
        WHOLE("the whole result, rewritten every batch"),
        /** Append mode: each batch adds final rows. */
        APPENDED("appended rows, newest first"),
        /**
         * Update mode whose rows cannot be keyed (a mapGroupsWithState result): each batch's rows are the updates
         * of that batch; an older row of the same group is not replaced.
         */
        UPDATES("updates, newest first; a group's older rows are not replaced");

        private final String description;

        Rows(String description) {
            this.description = description;
        }

        /** A short phrase for a reader: what the rows shown are. */
        public String description() {
            return description;
        }
    }

    /** The name Spark gives the mode: append, update or complete. */
    public String modeName() {
        return outputMode.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The mode a live result of {@code plan} runs in. An explicit {@code requested} mode is used when Spark accepts
     * it. Otherwise: an aggregation runs in update mode when its rows can be keyed, else in complete mode (always
     * right, if larger), else append; anything else in append mode, else update, else complete. Each candidate is
     * checked with Spark's own rules.
     *
     * @param requested the user's mode, or null to choose
     * @throws QueryRefusedException naming Spark's reason in one sentence when no mode (or not the requested
     *                               one) can run the query
     */
    public static ResultMode choose(QueryPlan plan, OutputMode requested) {
        Optional<int[]> key = plan.resultKey();
        if (requested != null) {
            Optional<String> refusal = plan.refusal(requested);
            if (refusal.isPresent()) {
                throw new QueryRefusedException(QueryFailure.Kind.UNSUPPORTED,
                        "Spark cannot run this query in " + name(requested) + " mode: " + sentence(refusal.get()));
            }
            return of(requested, key);
        }
        List<OutputMode> candidates = new ArrayList<>();
        if (plan.isStreamingAggregation()) {
            if (key.isPresent()) {
                candidates.add(OutputMode.Update());
            }
            candidates.add(OutputMode.Complete());
            candidates.add(OutputMode.Append());
            candidates.add(OutputMode.Update());
        } else {
            candidates.add(OutputMode.Append());
            candidates.add(OutputMode.Update());
            candidates.add(OutputMode.Complete());
        }
        String first = null;
        for (OutputMode m : candidates) {
            Optional<String> refusal = plan.refusal(m);
            if (refusal.isEmpty()) {
                return of(m, key);
            }
            if (first == null) {
                first = refusal.get();
            }
        }
        throw new QueryRefusedException(QueryFailure.Kind.UNSUPPORTED,
                "No output mode can run this query: " + sentence(first));
    }

    private static ResultMode of(OutputMode mode, Optional<int[]> key) {
        String name = name(mode);
        if (name.equals("complete")) {
            return new ResultMode(mode, Rows.WHOLE, new int[0]);
        }
        if (name.equals("append")) {
            return new ResultMode(mode, Rows.APPENDED, new int[0]);
        }
        return key.map(k -> new ResultMode(mode, Rows.BY_KEY, k)).orElseGet(() -> new ResultMode(mode, Rows.UPDATES, new int[0]));
    }

    private static String name(OutputMode mode) {
        return mode.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** Spark's message as one sentence: its first line, ending in a full stop. */
    static String sentence(String message) {
        String s = message.lines().findFirst().orElse("").trim();
        s = s.replaceFirst("^\\[[A-Z_.]+\\]\\s*", "");
        return s.endsWith(".") ? s : s + ".";
    }
}
