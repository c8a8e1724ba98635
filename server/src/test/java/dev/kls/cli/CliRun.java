package dev.kls.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the kls command line in-process, with what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        return withEnv(System.getenv(), args);
    }

    /** A run that sees {@code env} as its environment variables. */
    static CliRun withEnv(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
