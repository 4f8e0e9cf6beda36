package io.workbench.ext.display;

import java.util.UUID;

/** Renders values and sends them to the sink, each with a display_id so that it can be updated later. */
public final class Display {
    private final Renderers renderers;
    private final DisplaySink sink;

    public Display(Renderers renderers, DisplaySink sink) {
        this.renderers = renderers;
        this.sink = sink;
    }

    public DisplayHandle show(Object value) {
        String id = UUID.randomUUID().toString();
        sink.display(renderers.render(value), id);
        return new DisplayHandle(this, id);
    }

    public void clear(boolean wait) {
        sink.clear(wait);
    }

    void update(String id, Object value) {
        sink.update(renderers.render(value), id);
    }

    public Renderers renderers() {
        return renderers;
    }
}
