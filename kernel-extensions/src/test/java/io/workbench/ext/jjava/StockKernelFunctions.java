package io.workbench.ext.jjava;

import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Stands in for JJava's {@code org.dflib.jjava.runtime.Display} and {@code Kernel}, which a stock JJava kernel
 * imports statically into every notebook. Its display(Object) clashes with the workbench's, as JJava's does.
 */
public final class StockKernelFunctions {
    private static volatile BaseKernel kernel;

    private StockKernelFunctions() {
    }

    static void bind(BaseKernel k) {
        kernel = k;
    }

    public static BaseKernel getKernelInstance() {
        return kernel;
    }

    /** Like JJava's: renders with the kernel's renderer, displays, and returns the display id. */
    public static String display(Object value) {
        DisplayData data = kernel.getRenderer().render(value);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        return id;
    }
}
