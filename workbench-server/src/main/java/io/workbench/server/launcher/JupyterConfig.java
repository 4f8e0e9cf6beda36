package io.workbench.server.launcher;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.List;

/** How the workbench runs Jupyter Notebook. */
public record JupyterConfig(int port, Path notebooksDir, Path jupyterDir, String token, String command) {
    public static final ConfigKey<Integer> PORT = ConfigKey.port("jupyter.port", 8889,
            "Port of Jupyter Notebook when the workbench runs it (bound to 127.0.0.1).");
    public static final ConfigKey<Path> NOTEBOOKS = io.workbench.server.ServerConfig.NOTEBOOKS;
    public static final ConfigKey<Path> JUPYTER_DIR = ConfigKey.path("jupyter.dir", "data/jupyter",
            "Jupyter's data and runtime files for the workbench: its kernelspec and connection files.");
    public static final ConfigKey<String> TOKEN = io.workbench.server.ServerConfig.TOKEN;
    public static final ConfigKey<String> COMMAND = ConfigKey.string("jupyter.command", "jupyter-notebook",
            "The Jupyter Notebook executable.");

    public static final List<ConfigKey<?>> KEYS = List.of(PORT, JUPYTER_DIR, COMMAND);

    public static JupyterConfig from(Settings s) {
        return new JupyterConfig(s.get(PORT), s.resolve(NOTEBOOKS), s.resolve(JUPYTER_DIR), s.get(TOKEN), s.get(COMMAND));
    }
}
