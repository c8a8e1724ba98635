package dev.kls.kconfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs $(shell,...) commands with /bin/sh in the source tree, with the kbuild
 * environment, as conf's popen does; only ever created when the user allowed
 * it. Output is cut at 4095 bytes, trailing newlines dropped and inner ones
 * turned into spaces, as preprocess.c does. The same command runs once.
 */
public final class ProcessShell implements MacroExpander.ShellRunner {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path directory;
    private final Map<String, String> environment;
    private final Map<String, String> cache = new HashMap<>();
    /** Commands that ran to the end, with their outputs, in the order they first ran. */
    private final Map<String, String> completed = new LinkedHashMap<>();
    private final List<Diagnostic> problems;
    private final Executor executor;

    /** Runs one command; tests put a fake in place of the real process. */
    interface Executor {
        /** The output as preprocess.c keeps it, or null when the command could not be run to the end. */
        String execute(String command);
    }

    /** @param problems where failures to run a command are reported */
    public ProcessShell(Path directory, Map<String, String> environment, List<Diagnostic> problems) {
        this(directory, environment, problems, null);
    }

    /** @param executor runs commands instead of /bin/sh (null: /bin/sh) */
    ProcessShell(Path directory, Map<String, String> environment, List<Diagnostic> problems, Executor executor) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.problems = problems;
        this.executor = executor != null ? executor : this::runProcess;
    }

    @Override
    public String run(String command) {
        return cache.computeIfAbsent(command, this::execute);
    }

    /** The environment commands run with. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Outputs of the commands that ran to the end (not those that could not start or timed out). */
    public Map<String, String> completed() {
        return Collections.unmodifiableMap(completed);
    }

    private String execute(String command) {
        String out = executor.execute(command);
        if (out != null) {
            completed.put(command, out);
            return out;
        }
        return "";
    }

    /** The output as preprocess.c keeps it, or null when the command could not be run to the end. */
    private String runProcess(String command) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(4095);
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problems.add(Diagnostic.error(SourceRange.NONE, "$(shell," + command + ") ran longer than "
                        + TIMEOUT_SECONDS + "s and was stopped"));
                return null;
            }
            String s = new String(out, StandardCharsets.UTF_8);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '\n') {
                end--;
            }
            return s.substring(0, end).replace('\n', ' ');
        } catch (IOException e) {
            problems.add(Diagnostic.error(SourceRange.NONE, "cannot run $(shell," + command + "): " + e.getMessage()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What {@code LC_ALL=C $(CC) --version | head -n 1} gives, as the top Makefile exports it. */
    public String ccVersionText() {
        return run(ccVersionCommand(environment));
    }

    /** The command behind CC_VERSION_TEXT for an environment. */
    public static String ccVersionCommand(Map<String, String> environment) {
        return "LC_ALL=C " + environment.getOrDefault("CC", "gcc") + " --version 2>/dev/null | head -n 1";
    }
}
