package io.workbench.ext.jjava;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Stands in for JJava's {@code JavaNotebookStatics} (in jjava-kernel, which no registry here serves), imported
 * statically into every notebook: it hands cells the running kernel. JJava's other startup import,
 * BaseNotebookStatics with its clashing display(Object), is the real one from jjava-jupyter.
 */
public final class StockKernelFunctions {
    private StockKernelFunctions() {
    }

    public static BaseKernel kernel() {
        return BaseKernel.notebookKernel();
    }
}
