package io.workbench.ext.jjava;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** What a test needs to read from one of this build's pom.xml files, as written (no inheritance, no profiles). */
final class ReactorPom {
    private final Path file;
    private final Document doc;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    ReactorPom(Path file) throws Exception {
        this.file = file;
        this.doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    Path file() {
        return file;
    }

    String artifactId() {
        return text("/project/artifactId");
    }

    String packaging() {
        String p = text("/project/packaging");
        return p.isEmpty() ? "jar" : p;
    }

    List<String> modules() {
        try {
            NodeList nodes = (NodeList) xpath.evaluate("/project/modules/module", doc, XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent().strip());
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    String property(String name) {
        return require("/project/properties/" + name, name);
    }

    String pluginVersion(String artifactId) {
        return require("/project/build/pluginManagement/plugins/plugin[artifactId='" + artifactId + "']/version",
                artifactId);
    }

    private String require(String path, String what) {
        String value = text(path);
        if (value.isEmpty()) {
            throw new IllegalStateException(file + " declares no " + what);
        }
        return value;
    }

    private String text(String path) {
        try {
            return xpath.evaluate(path, doc).strip();
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }
}
