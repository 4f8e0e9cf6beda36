package io.workbench.ext.jjava;

import java.lang.reflect.InvocationTargetException;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Installs the notebook runtime into a JJava kernel: {@code spark}, {@code kafka}, {@code display(...)}, the
 * preloaded imports, and rich rendering of datasets and tables. JJava finds this class through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension} in the jars that {@code JJAVA_CLASSPATH} names (from
 * 1.0-a6, at kernel start) or that {@code %maven} adds (docs/jjava.md).
 *
 * <p>This class only finds the class loader of the kernel's cells and hands over to {@link JJavaInstaller} as
 * that loader defines it, because the runtime must be the copy of our classes that cells see, and Spark needs
 * the loader that defines cell classes as its context class loader. From 1.0-a6 JJava loads this class through
 * the cells' loader, so the two copies are one. In 1.0-M3 they are not: {@code %maven} adds the jars to JShell,
 * then loads extensions from the same jars through a class loader of their own, and closes that loader before
 * it calls {@link #install}. So this class must use JDK and JJava types only, and no other class of ours, which
 * the closed loader could no longer load. WorkbenchExtensionTest guards that.
 *
 * <p>Threading: the kernel calls {@link #install} on the thread that starts it (JJAVA_CLASSPATH) or on the
 * thread that runs a cell ({@code %maven}, or a cell that calls it). Failure modes: throws
 * {@link IllegalStateException} that says what to do when the kernel's cells cannot be probed or cannot see our
 * classes, and passes on what {@link JJavaInstaller#install} throws, for example when Spark does not start. A
 * throw fails the loading cell; at kernel start (1.0-a6, 1.0-a7) it fails JJava's start, which does not catch it.
 */
public final class WorkbenchExtension implements Extension {
    private static final String INSTALLER = "io.workbench.ext.jjava.JJavaInstaller";

    /**
     * A cell whose value is an instance of a class that the cells' loader defines. JJava returns a cell value
     * that is already a DisplayData as it is instead of rendering it, so the instance comes back from eval().
     */
    private static final String PROBE = "new org.dflib.jjava.jupyter.kernel.display.DisplayData() {}";

    @Override
    public void install(BaseKernel kernel) {
        ClassLoader cells = cellClassLoader(kernel);
        try {
            Class.forName(INSTALLER, true, cells)
                    .getMethod("install", BaseKernel.class, ClassLoader.class)
                    .invoke(null, kernel, cells);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The kernel's cells cannot see the workbench classes. Add the"
                    + " kernel-extensions jar and its dependencies to the kernel's class path as docs/jjava.md shows,"
                    + " then load the extension again.", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Installing the workbench runtime failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This kernel has a different version of the workbench classes than"
                    + " the extension expects (" + e + "). Load one version of kernel-extensions only.", e);
        }
    }

    private static ClassLoader cellClassLoader(BaseKernel kernel) {
        DisplayData probe;
        try {
            probe = kernel.eval(PROBE);
        } catch (Exception e) {
            throw new IllegalStateException("The kernel could not run the workbench's probe cell (" + e
                    + "). Its cells need the JJava classes on their class path, as in a stock JJava kernel.", e);
        }
        if (probe == null || probe.getClass() == DisplayData.class) {
            throw new IllegalStateException("This kernel renders a cell's DisplayData value instead of returning"
                    + " it, so the workbench cannot find the class loader of its cells. Use a JJava kernel,"
                    + " or the workbench's own kernel.");
        }
        return probe.getClass().getClassLoader();
    }
}
