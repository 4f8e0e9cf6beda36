package io.workbench.jobs.project;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A job's name and its class's name. The name comes from the notebook's file name without its number
 * ({@code 02-sales-per-window.ipynb} → {@code sales-per-window}) unless one is given; the class is the name in
 * upper camel case with {@code Job} after it, without a leading number ({@code SalesPerWindowJob} for
 * {@code 02-sales-per-window} too). A job's name is its checkpoint scope, its
 * Kafka sink prefix, its artifactId and its jar's name, so it is kept to letters, digits, '.', '_' and '-'.
 */
public record JobNames(String job, String className) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * @param requested the name asked for, or null to take it from the notebook
     * @throws IllegalArgumentException when the requested name has other characters
     */
    public static JobNames of(Path notebook, String requested) {
        String job = requested != null ? requested : fromFileName(notebook.getFileName().toString());
        if (!VALID.matcher(job).matches()) {
            throw new IllegalArgumentException("A job's name is 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit: \"" + job + "\" is not.");
        }
        return new JobNames(job, className(job));
    }

    static String fromFileName(String file) {
        String base = file.endsWith(".ipynb") ? file.substring(0, file.length() - ".ipynb".length()) : file;
        String name = base.replaceFirst("^[0-9]+[-_. ]+", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "job" : name;
    }

    static String className(String job) {
        // The server names jobs after the whole file name (02-sales-per-window): the class leaves the number out.
        String words = job.replaceFirst("^[0-9]+[-_.]+(?=[A-Za-z])", "");
        StringBuilder sb = new StringBuilder();
        for (String part : words.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, "Notebook");
        }
        return sb.toString().endsWith("Job") ? sb.toString() : sb + "Job";
    }
}
