package io.workbench.kernel.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutputBudgetTest {
    private final AtomicLong now = new AtomicLong();
    private final OutputBudget budget = new OutputBudget(100, now::get);

    @Test
    void aRequestMaySendUpToTheLimitAndGetsOneNote() {
        budget.startRequest();
        assertEquals(60, budget.admit(60));
        assertNull(budget.takeNote());
        assertEquals(40, budget.admit(60));
        String note = budget.takeNote();
        assertTrue(note.contains("this cell wrote more than 100 bytes") && note.contains("kernel.max-output-bytes"),
                note);
        assertEquals(0, budget.admit(10));
        assertNull(budget.takeNote(), "one note per request");

        budget.startRequest();
        assertEquals(100, budget.admit(100), "each request starts afresh");
    }

    @Test
    void backgroundOutputHasTheSameBudgetPerMinute() {
        budget.startBackground();
        assertEquals(100, budget.admit(150));
        assertTrue(budget.takeNote().contains("background threads"));
        now.addAndGet(OutputBudget.WINDOW_NANOS - 1);
        assertEquals(0, budget.admit(10));
        assertNull(budget.takeNote());
        now.addAndGet(1);
        assertEquals(10, budget.admit(10), "a new minute, a new budget");
    }

    @Test
    void sizesReadAsBytesAndMebibytes() {
        assertEquals("100,000 bytes", OutputBudget.size(100_000));
        assertEquals("4,194,304 bytes (4.0 MiB)", OutputBudget.size(4 << 20));
    }
}
