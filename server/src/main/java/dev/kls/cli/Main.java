package dev.kls.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kls command line: one subcommand per job, all over the same engine. */
@Command(name = "kls", mixinStandardHelpOptions = true, version = "kls 0.1.0",
        description = "Language server and CI linter for Linux Kconfig and kernel-style C.",
        subcommands = {KconfigCommand.class, ConfigCommand.class, LintCommand.class,
                dev.kls.lsp.ServeCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs kls and returns its exit status: 0 fine, 1 findings/errors, 2 bad usage or input. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree, set up as main runs it (an exception is exit status 2). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> 2);
        return cl;
    }
}
