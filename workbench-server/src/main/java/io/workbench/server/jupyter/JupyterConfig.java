package io.workbench.server.jupyter;

import io.workbench.config.ConfigKey;
import io.workbench.config.Settings;
import java.nio.file.Path;
import java.util.List;

/** How the workbench runs Jupyter Notebook. */
public record JupyterConfig(int port, Path notebooksDir, Path jupyterDir, String token, String command) {
    public static final ConfigKey<Integer> PORT = ConfigKey.port("jupyter.port", 8888,
            "Port of Jupyter Notebook when the workbench runs it (bound to 127.0.0.1).");
    public static final ConfigKey<Path> NOTEBOOKS = ConfigKey.path("notebooks.dir", "notebooks",
            "The notebooks directory that the front ends open.");
    public static final ConfigKey<Path> JUPYTER_DIR = ConfigKey.path("jupyter.dir", "data/jupyter",
            "Jupyter's data and runtime files for the workbench: its kernelspec and connection files.");
    public static final ConfigKey<String> TOKEN = ConfigKey.string("token", null,
            "Access token of the notebook front end; random at every start unless set.").withEnvAlias("WORKBENCH_TOKEN");
    public static final ConfigKey<String> COMMAND = ConfigKey.string("jupyter.command", "jupyter-notebook",
            "The Jupyter Notebook executable.");

    public static final List<ConfigKey<?>> KEYS = List.of(PORT, NOTEBOOKS, JUPYTER_DIR, TOKEN, COMMAND);

    public static JupyterConfig from(Settings s) {
        return new JupyterConfig(s.get(PORT), s.resolve(NOTEBOOKS), s.resolve(JUPYTER_DIR), s.get(TOKEN), s.get(COMMAND));
    }
}
