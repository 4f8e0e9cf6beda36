package io.workbench.protocol.workbench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * {@code workbench_action_request}: act on a query ({@code stop}, {@code restart}) or a producer ({@code stop},
 * {@code pause}, {@code resume}, {@code rate} with {@code rate} in events per second, 0 for as fast as possible).
 *
 * @param kind   {@value #QUERY} or {@value #PRODUCER}
 * @param id     a query's id or name, or a producer's id
 * @param rate   for the rate action; else null
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record StreamAction(String kind, String id, String action, Double rate) {
    public static final String QUERY = "query";
    public static final String PRODUCER = "producer";
    /** The actions each kind has. */
    public static final Map<String, List<String>> ACTIONS = Map.of(
            QUERY, List.of("stop", "restart"),
            PRODUCER, List.of("stop", "pause", "resume", "rate"));

    /**
     * Checks the request, once for every side that handles it.
     *
     * @throws IllegalArgumentException saying what is wrong, for a user
     */
    public StreamAction validate() {
        if (!ACTIONS.containsKey(kind)) {
            throw new IllegalArgumentException("The kind must be query or producer, not '" + kind + "'.");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Name the " + kind + " to act on.");
        }
        if (!ACTIONS.get(kind).contains(action)) {
            throw new IllegalArgumentException("A " + kind + " can be " + String.join(", ", ACTIONS.get(kind))
                    + ", not '" + action + "'.");
        }
        if ("rate".equals(action) && rate == null) {
            throw new IllegalArgumentException("Setting a rate needs {\"rate\": <events per second, 0 for as fast as"
                    + " possible>} in the body.");
        }
        return this;
    }
}
