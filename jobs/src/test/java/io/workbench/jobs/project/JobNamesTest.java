package io.workbench.jobs.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobNamesTest {
    @Test
    void theNotebooksFileNameWithoutItsNumberNamesTheJob() {
        assertEquals(new JobNames("sales-per-window", "SalesPerWindowJob"),
                JobNames.of(Path.of("notebooks/02-sales-per-window.ipynb"), null));
        assertEquals(new JobNames("data-lake", "DataLakeJob"), JobNames.of(Path.of("06-data-lake.ipynb"), null));
        assertEquals(new JobNames("my-notebook", "MyNotebookJob"), JobNames.of(Path.of("My Notebook!.ipynb"), null));
        assertEquals(new JobNames("07", "Notebook07Job"), JobNames.of(Path.of("07.ipynb"), null), "a number alone stays");
    }

    @Test
    void aGivenNameIsCheckedAndNamesTheClass() {
        assertEquals(new JobNames("nightly_sales.v2", "NightlySalesV2Job"), JobNames.of(Path.of("x.ipynb"), "nightly_sales.v2"));
        assertEquals(new JobNames("02-sales-per-window", "SalesPerWindowJob"),
                JobNames.of(Path.of("x.ipynb"), "02-sales-per-window"), "the server's names keep the number");
        assertEquals(new JobNames("2024", "Notebook2024Job"), JobNames.of(Path.of("x.ipynb"), "2024"));
        assertEquals(new JobNames("sales-job", "SalesJob"), JobNames.of(Path.of("x.ipynb"), "sales-job"));
        assertThrows(IllegalArgumentException.class, () -> JobNames.of(Path.of("x.ipynb"), "../escape"));
        assertThrows(IllegalArgumentException.class, () -> JobNames.of(Path.of("x.ipynb"), "a b"));
        assertThrows(IllegalArgumentException.class, () -> JobNames.of(Path.of("x.ipynb"), "-x"));
    }
}
