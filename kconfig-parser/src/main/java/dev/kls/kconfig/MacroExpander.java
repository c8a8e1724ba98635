package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kconfig macro language (Documentation/kbuild/kconfig-macro-language.rst),
 * evaluated the way scripts/kconfig/preprocess.c does: variables of three
 * flavours, user functions with $(1)..., the built-ins shell, info,
 * warning-if, error-if, filename and lineno, and environment variables.
 *
 * <p>A value that could not be computed (a {@code $(shell,...)} that was not
 * allowed to run) is carried as text containing {@link #UNKNOWN}; whatever is
 * built from it is unknown too, so nothing downstream mistakes it for "".
 */
public final class MacroExpander {

    /** Marks text whose value is unknown. A private-use character no Kconfig file contains. */
    public static final char UNKNOWN = '\uE000';

    private static final int MAX_ARGS = 16;
    private static final int MAX_DEPTH = 1000;

    /** Runs the command of $(shell,...) once it is allowed. */
    public interface ShellRunner {
        String run(String command);
    }

    /** Outputs recorded by an earlier run that was allowed to run commands (see {@link MacroCache}). */
    public interface RecordedResults {
        /** The recorded output of {@code command}, or null when none was recorded. */
        String lookup(String command);
    }

    /** A $(shell,...) whose output came from {@link RecordedResults} instead of running the command. */
    public record CachedMacro(SourceRange range, String command) {
    }

    private record Variable(String name, String value, boolean recursive) {
    }

    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Map<String, Integer> expanding = new HashMap<>();
    private final Map<String, String> environment;
    private final ShellRunner shell;
    private final RecordedResults recorded;
    private final Set<CachedMacro> cached = new LinkedHashSet<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<UnevaluatedMacro> unevaluated = new LinkedHashSet<>();
    private final Set<String> environmentUsed = new LinkedHashSet<>();
    private String file = "";
    private int line;
    private int column;

    /**
     * @param environment what {@code $(NAME)} gives for names that are neither variables nor functions
     * @param shell runs $(shell,...) commands; null when running commands is not allowed
     */
    public MacroExpander(Map<String, String> environment, ShellRunner shell) {
        this(environment, shell, null);
    }

    /**
     * @param recorded where a command's output is looked up when {@code shell} is null (null: nowhere)
     */
    public MacroExpander(Map<String, String> environment, ShellRunner shell, RecordedResults recorded) {
        this.environment = Map.copyOf(environment);
        this.shell = shell;
        this.recorded = recorded;
    }

    /** A copy with the same variables and environment, for parsing a file again in its context. */
    public MacroExpander copy() {
        MacroExpander c = new MacroExpander(environment, shell, recorded);
        c.variables.putAll(variables);
        return c;
    }

    /** Where the text being expanded is, for diagnostics and $(filename)/$(lineno). */
    public void setLocation(String file, int line, int column) {
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Set<UnevaluatedMacro> unevaluated() {
        return unevaluated;
    }

    /** The $(shell,...) macros whose output came from recorded results, where they were expanded. */
    public Set<CachedMacro> cached() {
        return cached;
    }

    /** Environment variables that some reference read (as kbuild records in auto.conf.cmd). */
    public Set<String> environmentUsed() {
        return environmentUsed;
    }

    public static boolean isUnknown(String s) {
        return s.indexOf(UNKNOWN) >= 0;
    }

    /** {@code NAME = value}, {@code :=} or {@code +=}, as preprocess.c's variable_add. */
    public void define(String name, String value, Entry.Flavor flavor) {
        Variable old = variables.get(name);
        boolean recursive;
        boolean append = false;
        if (flavor == Entry.Flavor.APPEND) {
            // += keeps the flavour of an existing variable, and is recursive for a new one.
            recursive = old == null || old.recursive();
            append = old != null;
        } else {
            recursive = flavor == Entry.Flavor.RECURSIVE;
        }
        String newValue = recursive ? value : expand(value);
        if (append) {
            newValue = old.value() + " " + newValue;
        }
        variables.put(name, new Variable(name, newValue, recursive));
    }

    public boolean isDefined(String name) {
        return variables.containsKey(name);
    }

    /** Expands every $(...) in {@code in}. */
    public String expand(String in) {
        return expandWithArgs(in, List.of());
    }

    /** Result of expanding a reference that starts at a '$'. */
    public record Expansion(String value, int end) {
    }

    /**
     * Expands the reference starting at {@code in.charAt(dollar) == '$'} and says
     * where it ended. '$' not followed by '(' stands for itself.
     */
    public Expansion expandDollar(String in, int dollar) {
        return expandDollar(in, dollar, List.of());
    }

    private Expansion expandDollar(String in, int dollar, List<String> args) {
        int p = dollar + 1;
        if (p >= in.length() || in.charAt(p) != '(') {
            return new Expansion("$", p);
        }
        int q = p + 1;
        int nest = 0;
        while (q < in.length()) {
            char c = in.charAt(q);
            if (c == '(') {
                nest++;
            } else if (c == ')') {
                if (nest-- == 0) {
                    break;
                }
            }
            q++;
        }
        if (q >= in.length()) {
            error("unterminated reference to '" + in.substring(p + 1) + "': missing ')'");
            return new Expansion("", in.length());
        }
        return new Expansion(evalClause(in.substring(p + 1, q), args), q + 1);
    }

    private String expandWithArgs(String in, List<String> args) {
        if (in.indexOf('$') < 0) {
            return in;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c == '$') {
                Expansion e = expandDollar(in, i, args);
                out.append(e.value());
                i = e.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String evalClause(String clause, List<String> args) {
        // $(1), $(2)...: an argument of the user function being expanded.
        if (!clause.isEmpty() && clause.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(clause);
                if (n > 0 && n <= args.size()) {
                    return args.get(n - 1);
                }
            } catch (NumberFormatException tooLong) {
                // not an argument number; fall through to a variable of that name
            }
        }
        List<String> parts = splitArguments(clause);
        if (parts.size() > MAX_ARGS) {
            error("too many function arguments");
            return "";
        }
        String name = expandWithArgs(parts.get(0), args);
        List<String> callArgs = new ArrayList<>(parts.size() - 1);
        for (int i = 1; i < parts.size(); i++) {
            callArgs.add(expandWithArgs(parts.get(i), args));
        }

        Variable v = variables.get(name);
        if (v != null) {
            return expandVariable(v, callArgs);
        }
        String builtin = callBuiltin(name, callArgs);
        if (builtin != null) {
            return builtin;
        }
        if (callArgs.isEmpty()) {
            environmentUsed.add(name);
            String env = environment.get(name);
            if (env != null) {
                return env;
            }
        }
        return "";
    }

    private static List<String> splitArguments(String clause) {
        List<String> parts = new ArrayList<>();
        int nest = 0;
        int start = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (nest == 0 && c == ',') {
                parts.add(clause.substring(start, i));
                start = i + 1;
            } else if (c == '(') {
                nest++;
            } else if (c == ')') {
                nest--;
            }
        }
        parts.add(clause.substring(start));
        return parts;
    }

    private String expandVariable(Variable v, List<String> args) {
        int depth = expanding.getOrDefault(v.name(), 0);
        if (args.isEmpty() && depth > 0) {
            error("Recursive variable '" + v.name() + "' references itself (eventually)");
            return "";
        }
        if (depth > MAX_DEPTH) {
            error("Too deep recursive expansion");
            return "";
        }
        if (!v.recursive()) {
            return v.value();
        }
        expanding.put(v.name(), depth + 1);
        try {
            return expandWithArgs(v.value(), args);
        } finally {
            expanding.put(v.name(), depth);
        }
    }

    private String callBuiltin(String name, List<String> args) {
        return switch (name) {
            case "error-if" -> checkArgs(name, args, 2) ? conditional(args, KconfigSeverity.ERROR) : "";
            case "warning-if" -> checkArgs(name, args, 2) ? conditional(args, KconfigSeverity.WARNING) : "";
            case "info" -> {
                if (checkArgs(name, args, 1)) {
                    diagnostics.add(new Diagnostic(KconfigSeverity.NOTE, here(), printable(args.get(0))));
                }
                yield "";
            }
            case "filename" -> checkArgs(name, args, 0) ? file : "";
            case "lineno" -> checkArgs(name, args, 0) ? Integer.toString(line) : "";
            case "shell" -> checkArgs(name, args, 1) ? runShell(args.get(0)) : "";
            default -> null;
        };
    }

    private boolean checkArgs(String name, List<String> args, int count) {
        if (args.size() < count) {
            error("too few function arguments passed to '" + name + "'");
            return false;
        }
        if (args.size() > count) {
            error("too many function arguments passed to '" + name + "'");
            return false;
        }
        return true;
    }

    private String conditional(List<String> args, KconfigSeverity severity) {
        String condition = args.get(0);
        if (isUnknown(condition)) {
            unevaluated.add(new UnevaluatedMacro(here(), severity == KconfigSeverity.ERROR ? "error-if" : "warning-if",
                    "its condition needs a command that was not run"));
        } else if (condition.equals("y")) {
            diagnostics.add(new Diagnostic(severity, here(), printable(args.get(1))));
        }
        return "";
    }

    private String runShell(String command) {
        if (isUnknown(command)) {
            unevaluated.add(new UnevaluatedMacro(here(), printable(command),
                    "the command is built from a macro that was not evaluated"));
            return String.valueOf(UNKNOWN);
        }
        if (shell == null) {
            String out = recorded == null ? null : recorded.lookup(command);
            if (out != null) {
                cached.add(new CachedMacro(here(), command));
                return out;
            }
            unevaluated.add(new UnevaluatedMacro(here(), command, recorded == null
                    ? "running commands is not allowed (--allow-shell)"
                    : "running commands is not allowed (--allow-shell) and the macro cache has no result for it"));
            return String.valueOf(UNKNOWN);
        }
        return shell.run(command);
    }

    private SourceRange here() {
        return SourceRange.point(file, line, column);
    }

    private void error(String message) {
        diagnostics.add(Diagnostic.error(here(), message));
    }

    /** Text for people: unknown parts shown as "<unevaluated>". */
    public static String printable(String s) {
        return s.replace(String.valueOf(UNKNOWN), "<unevaluated>");
    }
}
