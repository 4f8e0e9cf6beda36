package io.workbench.jobs.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * What the kept cells have declared so far, for the rules JShell and Java disagree on: JShell lets a later snippet
 * replace a variable, method or type; a Java class holds each once. A variable declared again with the same type
 * becomes an assignment; everything else declared again is the caller's error to report. Not thread-safe.
 */
final class Declarations {
    /** Where something was first declared, and as what (a variable's type, a method's parameter types). */
    record Declared(String as, String cellId, int line) {
    }

    private final Map<String, Declared> variables = new HashMap<>();
    private final Map<String, Declared> methods = new HashMap<>();
    private final Map<String, Declared> types = new HashMap<>();

    /** The earlier declaration of this variable, or null after recording this one as the first. */
    Declared variable(String name, String type, String cellId, int line) {
        return first(variables, name, new Declared(type, cellId, line));
    }

    /** The earlier method with this name and parameter types, or null after recording this one. */
    Declared method(String name, String parameterTypes, String cellId, int line) {
        return first(methods, name + "(" + parameterTypes + ")", new Declared(parameterTypes, cellId, line));
    }

    /** The earlier type with this name, or null after recording this one. */
    Declared type(String name, String cellId, int line) {
        return first(types, name, new Declared(name, cellId, line));
    }

    private static Declared first(Map<String, Declared> map, String key, Declared now) {
        Declared before = map.putIfAbsent(key, now);
        return before;
    }
}
