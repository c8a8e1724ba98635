package dev.kls.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kls command line: one subcommand per job, all over the same engine. */
@Command(name = "kls", mixinStandardHelpOptions = true, version = "kls 0.1.0",
        description = "Language server and CI linter for Linux Kconfig and kernel-style C.",
        subcommands = {KconfigCommand.class, ConfigCommand.class, ConfCommand.class, LintCommand.class,
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
        return commandLine(System.getenv());
    }

    /** The same, with {@code env} standing for the process environment (for tests). */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = defaults.create(cls);
                if (made instanceof UsesEnvironment u) {
                    u.environment(env);
                }
                return made;
            }
        };
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setExitCodeExceptionMapper(e -> 2);
        // conf's own options (--olddefconfig, -s, --defconfig=FILE) pass through to it untouched.
        cl.getSubcommands().get("conf").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    /** A command that reads environment variables; it is given them instead of calling System.getenv. */
    interface UsesEnvironment {
        void environment(Map<String, String> env);
    }
}
