package dev.kls.diagnostics;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workspace settings, {@code .kls.json} at the tree root:
 *
 * <pre>
 * { "rules": { "RULE-ID": { "enabled": true|false, "severity": "error|warning|info|hint",
 *                           "options": { "NAME": "text" | ["text", ...] } } } }
 * </pre>
 *
 * Every key is optional; the option names a rule takes are its {@link Rule#options()}. Anything else (an unknown key, an unknown rule id, a
 * value of the wrong kind) is reported as an {@value #RULE_ID} finding with its
 * line, never ignored; a file that is not JSON is reported and not applied.
 */
public record RuleSettings(Map<String, RuleSetting> rules, List<Finding> problems) {

    /** The file name, at the tree root. */
    public static final String FILE = ".kls.json";
    /** The id under which problems with the settings file are reported. */
    public static final String RULE_ID = "invalid-settings";

    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

    /** One rule's settings; a null field (an absent option) means "as the rule says". */
    public record RuleSetting(Boolean enabled, Severity severity, Map<String, List<String>> options) {
        public RuleSetting {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        public RuleSetting(Boolean enabled, Severity severity) {
            this(enabled, severity, Map.of());
        }
    }

    public RuleSettings {
        rules = Map.copyOf(rules);
        problems = List.copyOf(problems);
    }

    public static RuleSettings none() {
        return new RuleSettings(Map.of(), List.of());
    }

    public boolean enabled(Rule rule) {
        RuleSetting s = rules.get(rule.id());
        return s == null || s.enabled() == null || s.enabled();
    }

    /** The severity to report a rule's finding at: the configured one, else the rule's own choice. */
    public Severity severity(String ruleId, Severity reported) {
        RuleSetting s = rules.get(ruleId);
        return s == null || s.severity() == null ? reported : s.severity();
    }

    /** The options set for a rule in the file, by name; a rule falls back to its defaults for the others. */
    public Map<String, List<String>> options(String ruleId) {
        RuleSetting s = rules.get(ruleId);
        return s == null ? Map.of() : s.options();
    }

    /** Reads {@code srctree/.kls.json}; no file means no settings. */
    public static RuleSettings load(Path srctree, Collection<String> knownRuleIds) throws IOException {
        return load(srctree, knownRuleIds, Map.of());
    }

    /**
     * @param optionNames the option names each rule takes ({@link #optionNames}); others are problems
     */
    public static RuleSettings load(Path srctree, Collection<String> knownRuleIds,
            Map<String, ? extends Collection<String>> optionNames) throws IOException {
        Path file = srctree.resolve(FILE);
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return none();
        }
        return parse(text, knownRuleIds, optionNames);
    }

    /** The option names of each rule that takes any, for {@link #parse(String, Collection, Map)}. */
    public static Map<String, List<String>> optionNames(Collection<Rule> rules) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (!r.options().isEmpty()) {
                out.put(r.id(), List.copyOf(r.options().keySet()));
            }
        }
        return out;
    }

    /** Parses the text of a settings file (named {@value #FILE} in findings). */
    public static RuleSettings parse(String text, Collection<String> knownRuleIds) {
        return parse(text, knownRuleIds, Map.of());
    }

    /** Parses the text of a settings file, knowing which options each rule takes. */
    public static RuleSettings parse(String text, Collection<String> knownRuleIds,
            Map<String, ? extends Collection<String>> optionNames) {
        Parser p = new Parser(text, knownRuleIds, optionNames);
        try {
            p.top();
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            List<Finding> problems = new ArrayList<>(p.problems);
            problems.add(p.problem(e.getMessage(), "not valid JSON, settings not applied: " + clean(e.getMessage())));
            return new RuleSettings(Map.of(), problems);
        }
        return new RuleSettings(p.rules, p.problems);
    }

    /**
     * Gson's message for broken JSON without its internals: no "See https://..." advice, no
     * "at line L column C path $.x" (the finding's position says where), no "Use JsonReader..." hint.
     */
    public static String clean(String gsonMessage) {
        String m = gsonMessage == null ? "" : gsonMessage;
        int cut = m.indexOf("\nSee https://");
        m = cut >= 0 ? m.substring(0, cut) : m;
        m = m.replaceAll("Use JsonReader\\.set(Lenient\\(true\\)|Strictness\\([A-Za-z.]*\\)) to accept malformed JSON", "malformed JSON");
        m = m.replaceAll("\\s+at line \\d+ column \\d+( path \\S*)?", "");
        m = m.replaceFirst("^(com\\.google\\.gson\\.stream\\.)?MalformedJsonException: ", "");
        m = m.replaceFirst("\\.$", "").trim();
        return m.isEmpty() ? "broken JSON" : m;
    }

    /** The 1-based line Gson's message names ("at line L column C"), or 0 when it names none. */
    public static int line(String gsonMessage) {
        Matcher m = LOCATION.matcher(gsonMessage == null ? "" : gsonMessage);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A streaming read, so that each problem can say where it is. */
    private static final class Parser {
        final JsonReader in;
        final Collection<String> known;
        final Map<String, ? extends Collection<String>> optionNames;
        final Map<String, RuleSetting> rules = new LinkedHashMap<>();
        final List<Finding> problems = new ArrayList<>();

        Parser(String text, Collection<String> known, Map<String, ? extends Collection<String>> optionNames) {
            this.in = new JsonReader(new StringReader(text));
            this.known = known;
            this.optionNames = optionNames;
        }

        void top() throws IOException {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                problems.add(problem(in.toString(), "the settings must be a JSON object: { \"rules\": { ... } }"));
                return;
            }
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                String where = in.toString();
                if (key.equals("rules")) {
                    rules();
                } else {
                    problems.add(problem(where, "unknown key \"" + key + "\" (known: rules)"));
                    in.skipValue();
                }
            }
            in.endObject();
        }

        void rules() throws IOException {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                problems.add(problem(in.toString(), "\"rules\" must be an object of rule ids"));
                in.skipValue();
                return;
            }
            in.beginObject();
            while (in.hasNext()) {
                String id = in.nextName();
                String where = in.toString();
                if (!known.contains(id)) {
                    String near = Names.nearest(id, known);
                    problems.add(problem(where, "unknown rule \"" + id + "\""
                            + (near != null ? "; did you mean \"" + near + "\"?" : "")));
                    in.skipValue();
                    continue;
                }
                if (in.peek() != JsonToken.BEGIN_OBJECT) {
                    problems.add(problem(where, "the settings of rule \"" + id
                            + "\" must be an object: { \"enabled\": true, \"severity\": \"warning\" }"));
                    in.skipValue();
                    continue;
                }
                rules.put(id, rule(id));
            }
            in.endObject();
        }

        RuleSetting rule(String id) throws IOException {
            Boolean enabled = null;
            Severity severity = null;
            Map<String, List<String>> options = new LinkedHashMap<>();
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                String where = in.toString();
                JsonToken t = in.peek();
                if (key.equals("enabled") && t == JsonToken.BOOLEAN) {
                    enabled = in.nextBoolean();
                } else if (key.equals("severity") && t == JsonToken.STRING) {
                    String label = in.nextString();
                    severity = Severity.ofLabel(label);
                    if (severity == null) {
                        problems.add(problem(where, "unknown severity \"" + label + "\" for rule \"" + id
                                + "\" (error, warning, info or hint)"));
                    }
                } else if (key.equals("options") && t == JsonToken.BEGIN_OBJECT) {
                    options(id, options);
                } else if (key.equals("enabled") || key.equals("severity") || key.equals("options")) {
                    problems.add(problem(where, "\"" + key + "\" of rule \"" + id + "\" must be "
                            + (key.equals("enabled") ? "true or false"
                                    : key.equals("severity") ? "a string: error, warning, info or hint"
                                            : "an object of option names")));
                    in.skipValue();
                } else {
                    problems.add(problem(where, "unknown key \"" + key + "\" in the settings of rule \"" + id
                            + "\" (known: enabled, severity, options)"));
                    in.skipValue();
                }
            }
            in.endObject();
            return new RuleSetting(enabled, severity, options);
        }

        /** {@code "options": { "name": "text" | ["text", ...] }}, each name one the rule takes. */
        void options(String id, Map<String, List<String>> out) throws IOException {
            Collection<String> names = optionNames.containsKey(id) ? optionNames.get(id) : List.of();
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                String where = in.toString();
                if (!names.contains(name)) {
                    problems.add(problem(where, "rule \"" + id + "\" has no option \"" + name + "\""
                            + (names.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")")));
                    in.skipValue();
                    continue;
                }
                List<String> values = new ArrayList<>();
                boolean ok = true;
                if (in.peek() == JsonToken.STRING) {
                    values.add(in.nextString());
                } else if (in.peek() == JsonToken.BEGIN_ARRAY) {
                    in.beginArray();
                    while (in.hasNext()) {
                        if (in.peek() == JsonToken.STRING) {
                            values.add(in.nextString());
                        } else {
                            ok = false;
                            in.skipValue();
                        }
                    }
                    in.endArray();
                } else {
                    ok = false;
                    in.skipValue();
                }
                if (ok) {
                    out.put(name, List.copyOf(values));
                } else {
                    problems.add(problem(where, "option \"" + name + "\" of rule \"" + id
                            + "\" must be a string or an array of strings"));
                }
            }
            in.endObject();
        }

        /** A problem at the place Gson's reader describes as "... at line L column C ...". */
        Finding problem(String where, String message) {
            int line = 1;
            int col = 1;
            Matcher m = LOCATION.matcher(where == null ? "" : where);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                col = Math.max(1, Integer.parseInt(m.group(2)));
            }
            return Finding.of(RULE_ID, Severity.ERROR, SourceRange.point(FILE, line, col), FILE + ": " + message);
        }
    }
}
