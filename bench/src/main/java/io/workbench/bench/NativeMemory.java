package io.workbench.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code jcmd VM.native_memory summary scale=MB}: the committed MB of the total and of each area. */
final class NativeMemory {
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+MB, committed=(\\d+)MB");
    private static final Pattern AREA = Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+MB, committed=(\\d+)MB\\)");

    private NativeMemory() {
    }

    static Map<String, Object> committedMb(String summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher t = TOTAL.matcher(summary);
        if (t.find()) {
            out.put("nmt_total_mb", Integer.parseInt(t.group(1)));
        }
        Matcher a = AREA.matcher(summary);
        while (a.find()) {
            out.put("nmt_" + a.group(1).trim().toLowerCase().replace(' ', '_') + "_mb", Integer.parseInt(a.group(2)));
        }
        return out;
    }
}
