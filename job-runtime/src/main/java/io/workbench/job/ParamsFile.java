package io.workbench.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code --params} file: one JSON object of parameter values by name, each name once. A JSON string is read as
 * a command-line value is ({@link ParamValues}); a JSON number or boolean must fit the parameter's type; null sets a
 * parameter that is not primitive to null.
 */
final class ParamsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ParamsFile() {
    }

    /**
     * The values of the file, in its order.
     *
     * @throws InvalidRunException when it cannot be read, is not JSON, names a parameter twice or is not an object
     */
    static Map<String, JsonNode> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidRunException("--params " + file + ": cannot read it as JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRunException("--params " + file + ": it must hold a JSON object of parameter values, such"
                    + " as {\"topic\": \"events\"}.");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The value of a parameter of {@code type}.
     *
     * @throws IllegalArgumentException when it does not fit the type
     */
    static Object value(JsonNode n, Class<?> type) {
        Class<?> t = ParamValues.boxed(type);
        if (n.isTextual()) {
            return ParamValues.parse(n.textValue(), type);
        } else if (n.isNull() && !type.isPrimitive()) {
            return null;
        } else if (n.isBoolean() && t == Boolean.class) {
            return n.booleanValue();
        } else if (n.isIntegralNumber() && t == Integer.class && n.canConvertToInt()) {
            return n.intValue();
        } else if (n.isIntegralNumber() && t == Long.class && n.canConvertToLong()) {
            return n.longValue();
        } else if (n.isNumber() && t == Double.class) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(ParamValues.expected(type));
    }

    /** A value as a message shows it: text in quotes, anything else as JSON. */
    static String shown(JsonNode n) {
        return n.isTextual() ? "\"" + n.textValue() + "\"" : n.toString();
    }
}
