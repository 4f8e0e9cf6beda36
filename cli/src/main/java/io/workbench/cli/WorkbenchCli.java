package io.workbench.cli;

import picocli.CommandLine;

/** {@code WorkbenchCli job …}, as {@code ./workbench job …} runs it; exits 0, 1 (an error, printed) or 2 (usage). */
public final class WorkbenchCli {
    private WorkbenchCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new JobCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException) {
                cmd.getErr().println("workbench: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        // Usage errors as every other error: "workbench: …", then the usage of the command concerned.
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("workbench: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr())) {
                cmd.usage(cmd.getErr());
            }
            return 2;
        });
        String[] rest = args.length > 0 && args[0].equals("job") ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        return cli.execute(rest);
    }
}
