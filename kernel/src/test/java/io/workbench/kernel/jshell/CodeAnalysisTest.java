package io.workbench.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

class CodeAnalysisTest {
    @Test
    void completionWorksInTheSnippetUnderTheCursorAndCountsCodePoints() {
        try (JShell js = JShell.create()) {
            CodeAnalysis a = new CodeAnalysis(js.sourceCodeAnalysis());
            String code = "String s = \"\uD83D\uDE00\"; Math.ab";
            int cursor = code.codePointCount(0, code.length());
            CodeAnalysis.Completions c = a.complete(code, cursor);
            assertTrue(c.matches().contains("abs("), c.matches().toString());
            assertEquals(cursor - 2, c.start(), "the emoji counts as one code point");
            assertEquals(cursor, c.end());
        }
    }

    @Test
    void completenessFollowsJShellsParser() {
        try (JShell js = JShell.create()) {
            CodeAnalysis a = new CodeAnalysis(js.sourceCodeAnalysis());
            assertEquals("complete", a.completeness("int x = 1;"));
            assertEquals("complete", a.completeness(""));
            assertEquals("incomplete", a.completeness("for (int i = 0; i < 3; i++) {"));
            assertEquals("complete", a.completeness("int y = 2; y + 1"));
        }
    }

    @Test
    void inspectionFindsMethodDocsWithoutAParenthesis() {
        try (JShell js = JShell.create()) {
            CodeAnalysis a = new CodeAnalysis(js.sourceCodeAnalysis());
            assertTrue(a.inspect("Integer.parseInt", 16).contains("parseInt"));
        }
    }
}
