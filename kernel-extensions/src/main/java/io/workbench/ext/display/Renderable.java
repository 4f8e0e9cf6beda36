package io.workbench.ext.display;

/** A value that knows its own rich representation. Classes written in cells may implement it too. */
public interface Renderable {
    MimeBundle toMimeBundle();
}
