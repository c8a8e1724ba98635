package dev.kls.kconfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
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
    private final List<Diagnostic> problems;

    /** @param problems where failures to run a command are reported */
    public ProcessShell(Path directory, Map<String, String> environment, List<Diagnostic> problems) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.problems = problems;
    }

    @Override
    public String run(String command) {
        return cache.computeIfAbsent(command, this::execute);
    }

    private String execute(String command) {
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
                return "";
            }
            String s = new String(out, StandardCharsets.UTF_8);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '\n') {
                end--;
            }
            return s.substring(0, end).replace('\n', ' ');
        } catch (IOException e) {
            problems.add(Diagnostic.error(SourceRange.NONE, "cannot run $(shell," + command + "): " + e.getMessage()));
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** What {@code LC_ALL=C $(CC) --version | head -n 1} gives, as the top Makefile exports it. */
    public String ccVersionText() {
        return run("LC_ALL=C " + environment.getOrDefault("CC", "gcc") + " --version 2>/dev/null | head -n 1");
    }
}
