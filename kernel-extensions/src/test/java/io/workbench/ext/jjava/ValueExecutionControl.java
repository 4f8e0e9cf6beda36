package io.workbench.ext.jjava;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Local execution for the test kernel, like JJava's: snippets run in this JVM, on the thread that evaluates
 * them, and the value of the last one is kept as an object so that the kernel can render it.
 */
final class ValueExecutionControl extends DirectExecutionControl {
    private Object lastValue;

    ValueExecutionControl(LoaderDelegate loader) {
        super(loader);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = doitMethod.invoke(null);
        return valueString(lastValue);
    }

    /** JShell reads a variable that a cell just names through here rather than through invoke. */
    @Override
    public String varValue(String className, String varName) throws ExecutionControl.InternalException {
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExecutionControl.InternalException(e.toString());
        }
        return valueString(lastValue);
    }

    Object takeValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    ExecutionControlProvider provider() {
        ExecutionControl self = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "test-kernel-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }
}
