package io.workbench.ext.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The renderers of a runtime, tried in order; the first that supports a value renders it. Values nobody
 * claims become text/plain. Thread-safe; renderers registered later take precedence.
 */
public final class Renderers {
    private final List<Renderer> renderers = new CopyOnWriteArrayList<>();
    private volatile RenderOptions options = RenderOptions.DEFAULT;

    public Renderers() {
        register(new ImageRenderer());
        register(new Renderer() {
            @Override
            public boolean supports(Object value) {
                return value instanceof Renderable;
            }

            @Override
            public MimeBundle render(Object value, RenderOptions options) {
                return ((Renderable) value).toMimeBundle();
            }
        });
        // A Table is Renderable too, but only its renderer applies this instance's row limit.
        register(new TableRenderer());
    }

    /** Adds a renderer ahead of the existing ones. */
    public void register(Renderer renderer) {
        renderers.add(0, renderer);
    }

    public void options(RenderOptions options) {
        this.options = options;
    }

    public RenderOptions options() {
        return options;
    }

    public MimeBundle render(Object value) {
        if (value != null) {
            for (Renderer r : renderers) {
                if (r.supports(value)) {
                    return r.render(value, options);
                }
            }
        }
        return MimeBundle.text(plainText(value));
    }

    /** Plain text for any value: arrays and collections spelled out, long text kept whole. */
    public static String plainText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (value.getClass().isArray()) {
            return primitiveArray(value);
        }
        if (value instanceof Collection<?> c && c.size() > 100) {
            List<Object> head = new ArrayList<Object>(c).subList(0, 100);
            return head.toString().replaceFirst("]$", ", … (" + c.size() + " elements)]");
        }
        if (value instanceof Map<?, ?> m && m.size() > 100) {
            return "{… " + m.size() + " entries}";
        }
        return String.valueOf(value);
    }

    private static String primitiveArray(Object a) {
        if (a instanceof int[] x) {
            return Arrays.toString(x);
        } else if (a instanceof long[] x) {
            return Arrays.toString(x);
        } else if (a instanceof double[] x) {
            return Arrays.toString(x);
        } else if (a instanceof float[] x) {
            return Arrays.toString(x);
        } else if (a instanceof boolean[] x) {
            return Arrays.toString(x);
        } else if (a instanceof char[] x) {
            return Arrays.toString(x);
        } else if (a instanceof short[] x) {
            return Arrays.toString(x);
        } else if (a instanceof byte[] x) {
            return Arrays.toString(x);
        }
        return String.valueOf(a);
    }
}
