package io.workbench.kernel.jshell;

import java.util.List;
import jdk.jshell.JShellException;

/** What running a cell came to. */
public sealed interface CellOutcome {
    /** Remarks for the user that are not errors, such as a method that cannot run yet. */
    List<String> notes();

    /** The cell ran; {@code value} is the final expression's value when {@code hasValue}. */
    record Ok(Object value, boolean hasValue, List<String> notes) implements CellOutcome {
    }

    /** JShell rejected a snippet; nothing after it ran. */
    record CompileError(List<Problem> problems, List<String> notes) implements CellOutcome {
    }

    /** Cell code threw; nothing after the throwing snippet ran. */
    record RuntimeError(JShellException exception, String snippetSource, List<String> notes) implements CellOutcome {
    }

    /** The cell was interrupted. */
    record Interrupted(List<String> notes) implements CellOutcome {
    }

    /** One compile error, at a 1-based line and column of the cell. */
    record Problem(int line, int column, String message, String sourceLine) {
    }
}
