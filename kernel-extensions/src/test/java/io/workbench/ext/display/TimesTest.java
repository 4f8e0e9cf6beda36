package io.workbench.ext.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every output shows times in one zone, the session's, and names it. */
class TimesTest {
    @AfterEach
    void reset() {
        Times.zoneFrom(() -> "UTC");
    }

    @Test
    void tablesShowInstantsInTheSessionZoneAndNameIt() {
        Table t = Table.builder(null).column("timestamp", "timestamp").column("n", "int")
                .row(Instant.parse("2023-11-14T22:13:20Z"), 1).build();
        MimeBundle utc = TableRenderer.render(t, RenderOptions.DEFAULT);
        String html = (String) utc.data().get(MimeBundle.HTML);
        assertTrue(html.contains("timestamp (UTC)") && html.contains("2023-11-14 22:13:20"), html);

        Times.zoneFrom(() -> "Europe/Paris");
        String paris = (String) TableRenderer.render(t, RenderOptions.DEFAULT).data().get(MimeBundle.HTML);
        assertTrue(paris.contains("timestamp (Europe/Paris)") && paris.contains("2023-11-14 23:13:20"), paris);
    }

    @Test
    void liveViewInstantsReadAsBatchTablesDo() {
        ZoneId zone = Times.zone("UTC");
        assertTrue(Times.isInstant("2023-11-14T22:13:00Z"));
        assertEquals("2023-11-14 22:13:00", Times.dateTime("2023-11-14T22:13:00Z", zone));
        assertEquals("22:13:00", Times.time("2023-11-14T22:13:00Z", zone));
        assertEquals("timestamp (UTC)", Times.columnType("timestamp", zone));
        assertEquals("timestamp (UTC)", Times.columnType("timestamp (UTC)", zone), "labelled once");
        assertEquals("string", Times.columnType("string", zone));
        assertEquals("UTC", Times.zone("Not/AZone").getId());
    }
}
