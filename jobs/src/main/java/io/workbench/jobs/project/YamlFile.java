package io.workbench.jobs.project;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML document written by SnakeYAML from maps, lists and scalars, with comments: a header, and comment lines
 * above chosen keys (so that a placeholder says what to put there). Block style, two-space indents; strings are
 * quoted where YAML would read them as something else.
 */
final class YamlFile {
    private static final int COMMENT_WIDTH = 100;

    private final List<String> header = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final Map<String, Object> body;

    private record Comment(List<String> path, List<String> lines) {
    }

    YamlFile(Map<String, Object> body) {
        this.body = body;
    }

    /** Comment lines at the top of the file. */
    YamlFile header(String... lines) {
        header.addAll(List.of(lines));
        return this;
    }

    /** Comment lines above the key at {@code path} (keys of nested mappings, from the top). */
    YamlFile comment(List<String> path, String... lines) {
        comments.add(new Comment(path, List.of(lines)));
        return this;
    }

    /**
     * @throws IllegalArgumentException when a commented path is not in the document
     */
    String render() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setProcessComments(true);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        // Long values (the JVM flags) stay on one line, where they can be read and replaced.
        options.setSplitLines(false);
        Yaml yaml = new Yaml(options);
        MappingNode root = (MappingNode) yaml.represent(body);
        for (Comment c : comments) {
            key(root, c.path()).setBlockComments(lines(c.lines()));
        }
        if (!header.isEmpty()) {
            root.getValue().get(0).getKeyNode().setBlockComments(lines(header));
        }
        StringWriter out = new StringWriter();
        yaml.serialize(root, out);
        return out.toString();
    }

    private static Node key(MappingNode map, List<String> path) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(path.get(0))) {
                if (path.size() == 1) {
                    return k;
                }
                if (t.getValueNode() instanceof MappingNode inner) {
                    return key(inner, path.subList(1, path.size()));
                }
            }
        }
        throw new IllegalArgumentException("no key " + path + " to comment in the YAML document");
    }

    /** Comment lines of at most {@value #COMMENT_WIDTH} characters, broken between words. */
    private static List<CommentLine> lines(List<String> text) {
        List<CommentLine> out = new ArrayList<>();
        for (String paragraph : text) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > COMMENT_WIDTH) {
                    out.add(comment(line.toString()));
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            out.add(comment(line.toString()));
        }
        return out;
    }

    private static CommentLine comment(String text) {
        return new CommentLine(null, null, text.isEmpty() ? "" : " " + text, CommentType.BLOCK);
    }
}
