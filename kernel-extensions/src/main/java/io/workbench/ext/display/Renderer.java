package io.workbench.ext.display;

/** Renders values of one kind. Called on the cell's thread, so it may run Spark jobs and be interrupted. */
public interface Renderer {
    boolean supports(Object value);

    MimeBundle render(Object value, RenderOptions options);
}
