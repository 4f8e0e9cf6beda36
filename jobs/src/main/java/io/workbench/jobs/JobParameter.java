package io.workbench.jobs;

/**
 * One parameter of an exported job, from its declaration in the cell tagged {@code parameters}.
 *
 * @param type         the Java type as written in the notebook (String, int, Duration, …)
 * @param literal      the default as a JSON-able value (String, Number or Boolean) when the initializer is a
 *                     literal, else null
 * @param defaultCode  the initializer's source, which {@code Params.defaults()} evaluates
 * @param doc          the comment after the declaration on its line, or an empty string
 */
public record JobParameter(String name, String type, Object literal, String defaultCode, String doc) {
}
