package dev.kls.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kls command line: one subcommand per job, all over the same engine. */
@Command(name = "kls", mixinStandardHelpOptions = true, version = "kls 0.1.0",
        description = "Language server and CI linter for Linux Kconfig and kernel-style C.",
        subcommands = {KconfigCommand.class, ConfigCommand.class, ConfCommand.class, LintCommand.class, SweepCommand.class,
                dev.kls.lsp.ServeCommand.class})
public final class Main {

    /**
     * Stack for the thread that runs a command. Kconfig's semantics recurse along dependency chains (as
     * conf's C does, on an 8 MB stack); Java's default 1 MB overflows on a few thousand chained symbols.
     * The memory is only reserved, and used as deep inputs need it.
     */
    static final long STACK_BYTES = 1L << 30;

    public static void main(String[] args) {
        int[] status = {2};
        Thread t = new Thread(null, () -> status[0] = run(args), "kls-main", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(status[0]);
    }

    /** Runs kls and returns its exit status: 0 fine, 1 findings/errors, 2 bad usage or input. */
    public static int run(String... args) {
        try {
            return commandLine().execute(args);
        } catch (StackOverflowError e) {
            // Past DepthGuard's bounds nothing should recurse this deep; say so instead of crashing.
            System.err.println("kls: the input nests too deeply for kls (stack exhausted); please report it");
            return 2;
        }
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
        // Never a Java stack trace for the user: one line saying what failed (KLS_TRACE=1 shows the trace).
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kls: internal error: " + e + " (please report it, with the command line; "
                    + "see the README's SECURITY section)");
            if (env.get("KLS_TRACE") != null) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return 2;
        });
        // conf's own options (--olddefconfig, -s, --defconfig=FILE) pass through to it untouched.
        cl.getSubcommands().get("conf").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    /** A command that reads environment variables; it is given them instead of calling System.getenv. */
    interface UsesEnvironment {
        void environment(Map<String, String> env);
    }
}
