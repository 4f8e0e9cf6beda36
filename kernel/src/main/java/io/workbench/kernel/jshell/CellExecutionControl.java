package io.workbench.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution engine for our kernel: snippets run in this JVM (local execution), each on a cell thread
 * from {@link CellThreads}, and the value of an expression is kept as an object so that it can be rendered
 * richly rather than only through {@code toString()}.
 *
 * <p>JShell's own LocalExecutionControl is not used because it joins every thread the snippet starts (a
 * streaming query would never let the cell return) and stops the whole thread group on interrupt.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private final CellThreads threads;
    private volatile ClusterGuard guard;
    private volatile Object lastValue;
    private volatile Throwable lastFailure;
    private volatile boolean stopped;

    CellExecutionControl(SnippetLoader loader, CellThreads threads) {
        super(loader);
        this.threads = threads;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        lastFailure = null;
        try {
            ClusterGuard g = guard;
            if (g != null) {
                g.check(doitMethod.getDeclaringClass());
            }
            Object value = threads.run(() -> doitMethod.invoke(null));
            lastValue = value;
            // JShell only needs a value string for its own display, which the kernel does not use; calling a
            // user's toString() here would run it twice and outside the cell's error handling.
            return value == null ? "null" : "";
        } catch (CellThreads.StoppedException e) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        } catch (Exception | Error e) {
            // JShell rebuilds what a snippet threw as an EvalException (class name, message and stack as strings);
            // the kernel keeps the original, whose type and fields say more (a Spark AnalysisException's plan).
            lastFailure = e;
            // DirectExecutionControl turns only invocation targets into user exceptions that keep their type,
            // message and stack; anything else would become an opaque internal error.
            throw new InvocationTargetException(e);
        }
    }

    /** Reads a variable's value as an object; JShell calls this for expressions that just name a variable. */
    @Override
    public String varValue(String className, String varName) throws InternalException {
        Object value;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (Throwable e) {
            throw new InternalException(e.toString());
        }
        lastValue = value;
        return value == null ? "null" : "";
    }

    /** Checks every snippet with {@code guard} before it runs (on a cluster); null for no check. */
    void guard(ClusterGuard guard) {
        this.guard = guard;
    }

    /** The value the last snippet produced, or null. */
    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** What the last snippet threw, or null; clears it. */
    Throwable takeLastFailure() {
        Throwable t = lastFailure;
        lastFailure = null;
        return t;
    }

    /** Whether the last snippet was stopped by an interrupt; clears the flag. */
    boolean takeStopped() {
        boolean s = stopped;
        stopped = false;
        return s;
    }

    @Override
    public void stop() {
        threads.stop();
    }

    /** Hands JShell this already-built instance. */
    static ExecutionControlProvider provider(CellExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "workbench-cells";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }
}
