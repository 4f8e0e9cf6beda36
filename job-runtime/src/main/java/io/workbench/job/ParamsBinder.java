package io.workbench.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a run's parameters record: values by component name from a JSON file ({@code --params}), then the
 * environment ({@code WORKBENCH_PARAM_<NAME>}), then the command line ({@code --param NAME=VALUE}), the later winning;
 * the notebook's defaults for the rest, from the record's static {@code defaults(Map)} given those values, so that a
 * default that uses an earlier parameter uses its value in this run ({@code topic=orders} makes a default
 * {@code topic + "-enriched"} {@code orders-enriched}). Projects exported before {@code defaults(Map)} existed have only
 * {@code defaults()}, evaluated without the given values. Every unknown name and every value of the wrong type is
 * reported at once, before anything starts.
 */
final class ParamsBinder {
    /** Environment variables that set parameters start with this. */
    static final String ENV_PREFIX = "WORKBENCH_PARAM_";

    private final Class<? extends Record> type;
    private final RecordComponent[] components;
    private final Object[] values;
    private final boolean[] given;
    private final List<String> errors = new ArrayList<>();

    private ParamsBinder(Class<? extends Record> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.values = new Object[components.length];
        this.given = new boolean[components.length];
    }

    /**
     * The parameters of a run.
     *
     * @param file        the {@code --params} file, or null
     * @param environment the process's environment; only {@value #ENV_PREFIX} variables are read
     * @param commandLine the {@code --param} values by name
     * @throws InvalidRunException naming each unknown parameter and each value that is not of its parameter's type
     */
    static <P extends Record> P bind(Class<P> type, Path file, Map<String, String> environment,
                                     Map<String, String> commandLine) {
        ParamsBinder b = new ParamsBinder(type);
        if (file != null) {
            b.readFile(file);
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String suffix = name.substring(ENV_PREFIX.length());
                b.set(b.componentForEnv(suffix), value, "environment variable " + name, suffix);
            }
        });
        commandLine.forEach((name, value) -> b.set(b.component(name), value, "--param " + name + "=" + value, name));
        if (!b.errors.isEmpty()) {
            throw new InvalidRunException(String.join("\n", b.errors));
        }
        if (!b.readDefaultsGiven()) {
            b.readDefaults();
        }
        return type.cast(b.construct());
    }

    /**
     * A bound parameters record as text by component name, each value its {@code toString()}, which
     * {@code --param} reads back to an equal value for every supported type ({@code PT5M}, ISO-8601 instants and
     * dates, {@code 2.5}, {@code true}); a null value is left out.
     */
    static Map<String, String> text(Record params) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            Object v = valueOf(params, c);
            if (v != null) {
                out.put(c.getName(), v.toString());
            }
        }
        return out;
    }

    /** The value of one of the record's components, read through its accessor. */
    private static Object valueOf(Record params, RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(params);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read parameter " + c.getName() + ": " + cause(e), e);
        }
    }

    /**
     * The values from {@code defaults(Map)} with the given ones passed in; false when the record has no such method
     * (a project exported before it existed).
     */
    private boolean readDefaultsGiven() {
        Method m;
        try {
            m = type.getDeclaredMethod("defaults", Map.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
            return false;
        }
        Map<String, Object> byName = new java.util.HashMap<>();
        for (int i = 0; i < components.length; i++) {
            if (given[i]) {
                byName.put(components[i].getName(), values[i]);
            }
        }
        Record defaults;
        try {
            m.setAccessible(true);
            defaults = (Record) m.invoke(null, byName);
        } catch (InvocationTargetException e) {
            throw new InvalidRunException("The parameters' defaults could not be made from the values given ("
                    + byName.keySet() + "): " + cause(e));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the defaults of " + type.getName() + ": " + cause(e), e);
        }
        read(defaults, false);
        return true;
    }

    private void readDefaults() {
        Record defaults;
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
                throw new NoSuchMethodException();
            }
            m.setAccessible(true);
            defaults = (Record) m.invoke(null);
        } catch (NoSuchMethodException e) {
            if (components.length > 0) {
                throw new InvalidRunException("The parameters record " + type.getName() + " has no static defaults()"
                        + " method returning it: export the notebook again.");
            }
            return;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the defaults of " + type.getName() + ": " + cause(e), e);
        }
        read(defaults, true);
    }

    /** Copies the record's components into the values; {@code keepGiven}: not over the values given. */
    private void read(Record defaults, boolean keepGiven) {
        for (int i = 0; i < components.length; i++) {
            if (keepGiven && given[i]) {
                continue;
            }
            values[i] = valueOf(defaults, components[i]);
        }
    }

    private void readFile(Path file) {
        Map<String, JsonNode> entries;
        try {
            entries = ParamsFile.read(file);
        } catch (InvalidRunException e) {
            errors.add(e.getMessage());
            return;
        }
        String source = "--params " + file;
        entries.forEach((name, node) -> {
            int i = component(name);
            if (i < 0) {
                unknown(name, source);
                return;
            }
            try {
                values[i] = ParamsFile.value(node, components[i].getType());
                given[i] = true;
            } catch (IllegalArgumentException e) {
                wrongType(i, ParamsFile.shown(node), source);
            }
        });
    }

    private void set(int i, String text, String source, String name) {
        if (i < 0) {
            unknown(name, source);
            return;
        }
        try {
            values[i] = ParamValues.parse(text, components[i].getType());
            given[i] = true;
        } catch (IllegalArgumentException e) {
            wrongType(i, "\"" + text + "\"", source);
        }
    }

    private int component(String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code WORKBENCH_PARAM_WINDOW_SIZE} and {@code WORKBENCH_PARAM_windowSize} both set {@code windowSize}. */
    private int componentForEnv(String suffix) {
        int exact = component(suffix);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            if (snake.equals(suffix) || name.equalsIgnoreCase(suffix)) {
                return i;
            }
        }
        return -1;
    }

    private void unknown(String name, String source) {
        errors.add("Unknown parameter " + name + " (" + source + "): " + (components.length == 0
                ? "this job has no parameters."
                : "this job's parameters are " + Arrays.stream(components)
                .map(c -> c.getName() + " (" + c.getType().getSimpleName() + ")").collect(Collectors.joining(", ")) + "."));
    }

    private void wrongType(int i, String shown, String source) {
        errors.add("Parameter " + components[i].getName() + " (" + source + "): " + shown + " is not "
                + ParamValues.expected(components[i].getType()) + ".");
    }

    private Object construct() {
        try {
            Constructor<?> c = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record's own checks (a compact constructor) refused the values.
            throw new InvalidRunException("The parameters were refused by " + type.getSimpleName() + ": " + cause(e));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName() + ": " + cause(e), e);
        }
    }

    private static String cause(ReflectiveOperationException e) {
        Throwable c = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
