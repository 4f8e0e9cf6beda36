package io.workbench.jobs.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The parts of a snippet's syntax the rewrites need, from javac's parser (no attribution: names are not resolved).
 * A snippet is parsed inside a class body, where a JShell declaration reads as a member, and positions are given in
 * the snippet's own source. Stateless; each call parses anew.
 */
final class SnippetTrees {
    private static final String CLASS_OPEN = "class $Snippet {\n";
    private static final Set<Tree.Kind> STATEMENT_EXPRESSIONS = Set.of(Tree.Kind.METHOD_INVOCATION,
            Tree.Kind.NEW_CLASS, Tree.Kind.ASSIGNMENT, Tree.Kind.PREFIX_INCREMENT, Tree.Kind.PREFIX_DECREMENT,
            Tree.Kind.POSTFIX_INCREMENT, Tree.Kind.POSTFIX_DECREMENT, Tree.Kind.PLUS_ASSIGNMENT,
            Tree.Kind.MINUS_ASSIGNMENT, Tree.Kind.MULTIPLY_ASSIGNMENT, Tree.Kind.DIVIDE_ASSIGNMENT,
            Tree.Kind.REMAINDER_ASSIGNMENT, Tree.Kind.AND_ASSIGNMENT, Tree.Kind.OR_ASSIGNMENT, Tree.Kind.XOR_ASSIGNMENT,
            Tree.Kind.LEFT_SHIFT_ASSIGNMENT, Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT);

    /**
     * One declarator of a variable declaration ({@code long a = 1, b = 2;} has two).
     *
     * @param start     where the declaration's modifiers or type begin (after any leading comments)
     * @param end       where the declaration ends, after its semicolon
     * @param initStart where the initializer begins, or -1 when there is none
     * @param arrayInit whether the initializer is a bare array initializer ({@code {1, 2}})
     * @param literal   the initializer's value when it is a literal (or a negated number), else null
     */
    record Declarator(String name, int start, int end, int initStart, int initEnd, boolean arrayInit, Object literal) {
        boolean hasInitializer() {
            return initStart >= 0;
        }
    }

    private SnippetTrees() {
    }

    /** The declarators of a variable declaration snippet, in order; empty when it does not parse as one. */
    static List<Declarator> declarators(String source) {
        Parsed p = parse(CLASS_OPEN + source + "\n}");
        List<Declarator> out = new ArrayList<>();
        for (Tree member : p.body().getMembers()) {
            if (member instanceof VariableTree v) {
                ExpressionTree init = v.getInitializer();
                int start = p.pos(v);
                if (init == null) {
                    out.add(new Declarator(v.getName().toString(), start, p.end(v), -1, -1, false, null));
                } else {
                    out.add(new Declarator(v.getName().toString(), start, p.end(v), p.pos(init), p.end(init),
                            init.getKind() == Tree.Kind.NEW_ARRAY && ((com.sun.source.tree.NewArrayTree) init).getType() == null,
                            literal(init)));
                }
            }
        }
        return out;
    }

    /**
     * Where {@code static } goes into a method or class declaration so that it is a static member, or -1 when it is
     * static already (or implicitly: records, enums, interfaces).
     */
    static int staticInsertion(String source) {
        Parsed p = parse(CLASS_OPEN + source + "\n}");
        for (Tree member : p.body().getMembers()) {
            if (member instanceof MethodTree m) {
                return m.getModifiers().getFlags().contains(Modifier.STATIC) ? -1 : start(p, m, m.getModifiers());
            }
            if (member instanceof ClassTree c) {
                boolean implicit = c.getKind() != Tree.Kind.CLASS;
                return implicit || c.getModifiers().getFlags().contains(Modifier.STATIC) ? -1 : start(p, c, c.getModifiers());
            }
        }
        return -1;
    }

    /**
     * Where an expression snippet ends, when it can stand as a statement (a call, an object creation, an assignment,
     * ++ or --), so that a semicolon can follow it; -1 when it cannot.
     */
    static int statementExpressionEnd(String expression) {
        String open = "Object $value =\n";
        Parsed p = parse(CLASS_OPEN + open + expression + "\n;}");
        for (Tree member : p.body().getMembers()) {
            if (member instanceof VariableTree v && v.getInitializer() != null) {
                return STATEMENT_EXPRESSIONS.contains(v.getInitializer().getKind())
                        ? p.end(v.getInitializer()) - open.length() : -1;
            }
        }
        return -1;
    }

    private static int start(Parsed p, Tree member, Tree modifiers) {
        int m = p.pos(modifiers);
        return m >= 0 ? m : p.pos(member);
    }

    private static Object literal(ExpressionTree init) {
        if (init instanceof LiteralTree l) {
            return l.getValue();
        }
        if (init instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS
                && u.getExpression() instanceof LiteralTree l && l.getValue() instanceof Number n) {
            return n instanceof Double || n instanceof Float ? (Object) (-n.doubleValue()) : (Object) (-n.longValue());
        }
        return null;
    }

    private record Parsed(CompilationUnitTree unit, SourcePositions positions, ClassTree body) {
        int pos(Tree t) {
            long p = positions.getStartPosition(unit, t);
            return p < 0 ? -1 : (int) p - CLASS_OPEN.length();
        }

        int end(Tree t) {
            return (int) positions.getEndPosition(unit, t) - CLASS_OPEN.length();
        }
    }

    private static Parsed parse(String code) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            ClassTree body = (ClassTree) unit.getTypeDecls().get(0);
            return new Parsed(unit, Trees.instance(task).getSourcePositions(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
