package io.workbench.jobs.compile;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Which calls of the notebook's {@code display} family only display, judged by the static types javac resolved:
 * {@code display(x)} of anything but a Dataset, and {@code clearOutput(…)}. A Dataset displayed (with or without a
 * name) is kept, because the job runtime turns a streaming one into a real sink; whether it streams is not a static
 * fact.
 */
final class Displays {
    private final Trees trees;
    private final Types types;
    private final TypeElement dataset;

    Displays(JavacTask task) {
        this.trees = Trees.instance(task);
        this.types = task.getTypes();
        this.dataset = task.getElements().getTypeElement(JobRewriter.DATASET);
    }

    /** Why the call at {@code path} only displays ("`display(q)` shows a StreamingQuery"), or null if it does more. */
    String onlyDisplays(TreePath path, MethodInvocationTree call) {
        Element e = trees.getElement(path);
        if (!(e instanceof ExecutableElement m) || !(m.getEnclosingElement() instanceof TypeElement owner)
                || !owner.getQualifiedName().contentEquals(JobRewriter.NOTEBOOK)) {
            return null;
        }
        String name = m.getSimpleName().toString();
        if (name.equals("clearOutput")) {
            return "`" + shown(call) + "` only clears the notebook's output";
        }
        if (!name.equals("display") || m.getParameters().size() != 1 || call.getArguments().size() != 1) {
            return null;
        }
        TypeMirror arg = trees.getTypeMirror(new TreePath(path, call.getArguments().get(0)));
        if (arg == null || dataset != null && types.isSubtype(types.erasure(arg), types.erasure(dataset.asType()))) {
            return null;
        }
        return "`" + shown(call) + "` shows " + simple(arg) + ", not a streaming Dataset";
    }

    /** The call on one line, for a line comment and the report: javac prints lambdas over several. */
    private static String shown(MethodInvocationTree call) {
        String s = call.toString().replaceAll("\\s+", " ").replace("`", "'");
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    private static String simple(TypeMirror t) {
        String s = t.toString().replaceAll("\\b[a-z][\\w]*\\.", "");
        return (s.matches("(?i)^[aeiou].*") ? "an " : "a ") + s;
    }
}
