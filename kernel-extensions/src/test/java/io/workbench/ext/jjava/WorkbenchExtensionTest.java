package io.workbench.ext.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JJava 1.0-M3 calls {@link WorkbenchExtension#install} after closing the class loader that defined it, so it
 * must not need any other class of ours, nested classes included.
 */
class WorkbenchExtensionTest {

    @Test
    void namesNoOtherWorkbenchClass() throws IOException {
        String self = WorkbenchExtension.class.getName().replace('.', '/');
        byte[] bytes;
        try (InputStream in = WorkbenchExtension.class.getResourceAsStream("WorkbenchExtension.class")) {
            bytes = in.readAllBytes();
        }
        // Class references and descriptors in the constant pool are plain text with slashes; the installer's
        // name, a dotted string constant, does not match.
        Matcher m = Pattern.compile("io/workbench/[\\w/$]*").matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        Set<String> others = new TreeSet<>();
        while (m.find()) {
            if (!m.group().equals(self)) {
                others.add(m.group());
            }
        }
        assertEquals(Set.of(), others, "WorkbenchExtension must use only JDK and JJava types; move the code to JJavaInstaller");
    }
}
