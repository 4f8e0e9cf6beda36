package io.workbench.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;

class SegmentTest {
    @Test
    void snippetsStartAtTheirFirstNonBlankCharacter() {
        try (JShell js = JShell.create()) {
            String cell = "int x = 1\n  ;  int y = 2;\n\n  /* c */ x + y\n";
            List<Segment> s = Segment.split(js.sourceCodeAnalysis(), cell);
            assertEquals(3, s.size());
            assertEquals(0, s.get(0).start());
            assertEquals(cell.indexOf("int y"), s.get(1).start());
            assertEquals("int y = 2;", s.get(1).source());
            assertEquals(cell.indexOf("/* c */"), s.get(2).start());
        }
    }

    @Test
    void anIncompleteTailIsOneSegment() {
        try (JShell js = JShell.create()) {
            List<Segment> s = Segment.split(js.sourceCodeAnalysis(), "int a = 1;\nvoid f() {\n  int b = 2;");
            assertEquals(2, s.size());
            assertEquals(false, s.get(1).isComplete());
        }
    }

    @Test
    void aCommentOnlyCellHasNoSnippets() {
        try (JShell js = JShell.create()) {
            assertEquals(List.of(), Segment.split(js.sourceCodeAnalysis(), "// nothing here\n"));
        }
    }
}
