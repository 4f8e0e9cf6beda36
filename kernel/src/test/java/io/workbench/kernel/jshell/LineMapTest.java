package io.workbench.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineMapTest {
    @Test
    void offsetsMapToOneBasedLinesAndColumns() {
        LineMap m = new LineMap("ab\ncde\n\nf");
        assertEquals(1, m.line(0));
        assertEquals(2, m.column(1));
        assertEquals(2, m.line(3));
        assertEquals(1, m.column(3));
        assertEquals("cde", m.text(5));
        assertEquals(3, m.line(7));
        assertEquals("", m.text(7));
        assertEquals(4, m.line(8));
        assertEquals("f", m.text(8));
    }
}
