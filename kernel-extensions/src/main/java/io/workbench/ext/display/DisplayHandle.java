package io.workbench.ext.display;

/** A displayed output that can be replaced in place, as live results are. Thread-safe. */
public class DisplayHandle {
    private final Display display;
    private final String id;

    protected DisplayHandle(Display display, String id) {
        this.display = display;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Replaces the output with a rendering of {@code value} (update_display_data). */
    public void update(Object value) {
        display.update(id, value);
    }

    @Override
    public String toString() {
        return "display " + id;
    }
}
