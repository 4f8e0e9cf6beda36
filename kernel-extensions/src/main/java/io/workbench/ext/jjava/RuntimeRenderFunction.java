package io.workbench.ext.jjava;

import io.workbench.ext.runtime.NotebookRuntime;
import io.workbench.ext.display.Renderable;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.RenderFunction;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Lets a JJava kernel show a cell's final Dataset, Table or other Renderable as our kernel does: the runtime's
 * MIME bundle (HTML table, plain text, table JSON) instead of {@code toString()}. JJava calls it from eval(),
 * after the cell's code has run, so rendering a Dataset runs its Spark job within the cell's execute request;
 * a failure fails the cell like any other exception.
 */
final class RuntimeRenderFunction implements RenderFunction<Object> {
    private final NotebookRuntime runtime;

    private RuntimeRenderFunction(NotebookRuntime runtime) {
        this.runtime = runtime;
    }

    static void register(Renderer renderer, NotebookRuntime runtime) {
        // The whole bundle is written whatever types were asked for, as our kernel does; JJava then adds
        // nothing, because text/plain is already there.
        renderer.register(Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN), Set.of(MIMEType.TEXT_HTML),
                Set.<Class<?>>of(Dataset.class, Renderable.class), new RuntimeRenderFunction(runtime));
    }

    @Override
    public void render(Object value, RenderContext context) {
        JJavaDisplaySink.copy(runtime.render(value), context.getOutputContainer());
    }
}
