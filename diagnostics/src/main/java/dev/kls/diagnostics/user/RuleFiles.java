package dev.kls.diagnostics.user;

import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Severity;
import dev.kls.diagnostics.cmacro.Globs;
import dev.kls.kconfig.SourceRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule files: JSON files of pattern rules (format: the schema
 * {@value #SCHEMA}, README "Writing your own rule"). They come from three
 * places, in this order: those shipped inside kls, the tree's
 * {@value #TREE_DIR}/*.json, and the user's own folder
 * ($XDG_CONFIG_HOME/kls/rules, else ~/.config/kls/rules). Everything wrong
 * with a file (not JSON, an unknown key, a bad pattern or condition, an id
 * taken) is an {@value #RULE_ID} finding with its file and line; the rest of
 * the file still loads. Nothing here ever throws on bad input.
 */
public final class RuleFiles {

    /** The id under which problems with rule files are reported. */
    public static final String RULE_ID = "invalid-rule";
    /** Where a tree keeps its rules, relative to its root. */
    public static final String TREE_DIR = ".kls/rules";
    /** The JSON schema of a rule file, a resource of this module. */
    public static final String SCHEMA = "/kls/rule-file.schema.json";
    /** The list of the rule files shipped inside kls (one resource name a line). */
    static final String SHIPPED_INDEX = "/kls/rules/shipped.txt";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TEMPLATE_VAR = Pattern.compile("\\$(?:([1-9])|\\{([a-z0-9]+)\\})");

    private RuleFiles() {
    }

    /** What was read: the rules, and the problems found in the files. */
    public record Loaded(List<RuleSpec> rules, List<Finding> problems) {
        public Loaded {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Every rule file: shipped, then the tree's, then the user's.
     *
     * @param reserved ids already taken (the built-in rules'); a file rule with one is a problem
     * @param overlays editor buffers by tree-relative path, read instead of the disk
     * @param userDir  the user's folder, or null for none
     */
    public static Loaded load(Path srctree, Collection<String> reserved, Map<String, String> overlays, Path userDir) {
        Map<String, String> files = new LinkedHashMap<>(shippedTexts());
        List<Finding> problems = new ArrayList<>();
        Map<String, String> tree = new TreeMap<>();
        Path dir = srctree.resolve(TREE_DIR);
        list(dir, TREE_DIR + "/", tree, problems);
        overlays.forEach((path, text) -> {
            if (isTreeRuleFile(path)) {
                tree.put(path, text);
            }
        });
        files.putAll(tree);
        if (userDir != null) {
            Map<String, String> user = new TreeMap<>();
            list(userDir, userDir.toAbsolutePath().normalize() + "/", user, problems);
            files.putAll(user);
        }
        Set<String> taken = new HashSet<>(reserved);
        List<RuleSpec> rules = new ArrayList<>();
        files.forEach((name, text) -> new Reader(name, problems).file(text, taken, rules));
        return new Loaded(rules, problems);
    }

    /** Parses one rule file's text (named {@code name} in findings). */
    public static Loaded parse(String name, String text, Collection<String> reserved) {
        List<Finding> problems = new ArrayList<>();
        List<RuleSpec> rules = new ArrayList<>();
        new Reader(name, problems).file(text, new HashSet<>(reserved), rules);
        return new Loaded(rules, problems);
    }

    /** The user's rule folder: $XDG_CONFIG_HOME/kls/rules, else $HOME/.config/kls/rules; null when neither is set. */
    public static Path userDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "kls", "rules");
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "kls", "rules");
    }

    /** Whether a tree-relative path is one of the tree's rule files. */
    public static boolean isTreeRuleFile(String path) {
        return path.startsWith(TREE_DIR + "/") && path.endsWith(".json")
                && path.indexOf('/', TREE_DIR.length() + 1) < 0;
    }

    /**
     * What the rule files of a tree and a user folder are now (names, sizes,
     * modification times, editor buffers): equal strings mean nothing to reload.
     */
    public static String fingerprint(Path srctree, Map<String, String> overlays, Path userDir) {
        StringBuilder sb = new StringBuilder();
        for (Path dir : userDir == null ? List.of(srctree.resolve(TREE_DIR)) : List.of(srctree.resolve(TREE_DIR), userDir)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
                List<String> parts = new ArrayList<>();
                for (Path p : s) {
                    parts.add(p + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
                }
                parts.sort(null);
                parts.forEach(x -> sb.append(x).append('\n'));
            } catch (IOException e) {
                sb.append(dir).append(":unreadable\n");
            }
        }
        new TreeMap<>(overlays).forEach((path, text) -> {
            if (isTreeRuleFile(path)) {
                sb.append(path).append('=').append(text.hashCode()).append(':').append(text.length()).append('\n');
            }
        });
        return sb.toString();
    }

    /** The shipped files' texts by their display name, kls:rules/NAME.json. */
    public static Map<String, String> shippedTexts() {
        Map<String, String> out = new LinkedHashMap<>();
        String index = resource(SHIPPED_INDEX);
        if (index == null) {
            return out;
        }
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                String text = resource("/kls/rules/" + name);
                if (text != null) {
                    out.put("kls:rules/" + name, text);
                }
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = RuleFiles.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The *.json regular files of a folder (symbolic links are not followed), by display name. */
    private static void list(Path dir, String prefix, Map<String, String> out, List<Finding> problems) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : s) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    String name = prefix + p.getFileName();
                    try {
                        out.put(name, Files.readString(p, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        problems.add(problem(name, 1, 1, "cannot read the rule file: " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            problems.add(problem(prefix, 1, 1, "cannot list the rule folder: " + e.getMessage()));
        }
    }

    static Finding problem(String file, int line, int column, String message) {
        return Finding.of(RULE_ID, Severity.ERROR, SourceRange.point(file, line, column), message);
    }

    /** Reads one file, reporting each problem where it is and keeping what is sound. */
    private static final class Reader {
        final String file;
        final List<Finding> problems;

        Reader(String file, List<Finding> problems) {
            this.file = file;
            this.problems = problems;
        }

        void problem(Json at, String message) {
            problems.add(RuleFiles.problem(file, at.line(), at.column(), message));
        }

        void file(String text, Set<String> taken, List<RuleSpec> out) {
            Json top;
            try {
                top = Json.parse(text);
            } catch (Json.SyntaxError e) {
                problems.add(RuleFiles.problem(file, e.line, e.column, "not valid JSON, no rule of this file is "
                        + "loaded: " + e.getMessage()));
                return;
            }
            if (!top.isObject()) {
                problem(top, "a rule file is a JSON object: { \"rules\": [ ... ] }");
                return;
            }
            keys(top, Set.of("$schema", "rules"), "the file");
            Json rules = top.object().get("rules");
            if (rules == null || !rules.isArray()) {
                problem(rules == null ? top : rules, "\"rules\" must be an array of rules");
                return;
            }
            for (Json r : rules.array()) {
                RuleSpec spec = rule(r);
                if (spec == null) {
                    continue;
                }
                if (!taken.add(spec.id())) {
                    problem(r.object().get("id"), "the rule id \"" + spec.id() + "\" is taken (by a built-in rule "
                            + "or a rule read before); this rule is not loaded");
                    continue;
                }
                out.add(spec);
            }
        }

        /** Reports keys not in {@code known}. */
        void keys(Json obj, Set<String> known, String what) {
            for (Map.Entry<String, Json> e : obj.object().entrySet()) {
                if (!known.contains(e.getKey())) {
                    problem(e.getValue(), "unknown key \"" + e.getKey() + "\" in " + what + " (known: "
                            + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        /** A required or optional string member; reports a wrong kind. Null when absent or wrong. */
        String string(Json obj, String key, boolean required, String what) {
            Json v = obj.object().get(key);
            if (v == null) {
                if (required) {
                    problem(obj, what + " needs \"" + key + "\"");
                }
                return null;
            }
            if (!v.isString()) {
                problem(v, "\"" + key + "\" of " + what + " must be a string");
                return null;
            }
            return v.string();
        }

        RuleSpec rule(Json r) {
            if (!r.isObject()) {
                problem(r, "a rule is an object with id, severity, message, doc and match");
                return null;
            }
            keys(r, Set.of("id", "severity", "summary", "message", "doc", "when", "match", "fix"), "a rule");
            String id = string(r, "id", true, "a rule");
            if (id == null) {
                return null;
            }
            String what = "rule \"" + id + "\"";
            int before = problems.size();
            if (!ID.matcher(id).matches()) {
                problem(r.object().get("id"), "the rule id \"" + id + "\" must be kebab-case: a-z, 0-9 and '-'");
            }
            String sev = string(r, "severity", true, what);
            Severity severity = sev == null ? null : Severity.ofLabel(sev);
            if (sev != null && severity == null) {
                problem(r.object().get("severity"), "unknown severity \"" + sev + "\" (error, warning, info or hint)");
            }
            String message = string(r, "message", true, what);
            String doc = string(r, "doc", true, what);
            String summary = string(r, "summary", false, what);
            KconfigCondition when = null;
            String w = string(r, "when", false, what);
            if (w != null) {
                try {
                    when = KconfigCondition.parse(w);
                } catch (IllegalArgumentException e) {
                    problem(r.object().get("when"), e.getMessage());
                }
            }
            RuleSpec.Fix fix = r.object().containsKey("fix") ? fix(r.object().get("fix"), what) : null;
            List<RuleSpec.Match> matches = new ArrayList<>();
            Json m = r.object().get("match");
            if (m == null) {
                problem(r, what + " needs \"match\"");
            } else if (m.isArray()) {
                if (m.array().isEmpty()) {
                    problem(m, "\"match\" of " + what + " lists no alternative");
                }
                for (Json one : m.array()) {
                    RuleSpec.Match x = match(one, what);
                    if (x != null) {
                        matches.add(x);
                    }
                }
            } else {
                RuleSpec.Match x = match(m, what);
                if (x != null) {
                    matches.add(x);
                }
            }
            for (RuleSpec.Match x : matches) {
                Set<Integer> bound = bound(x);
                checkTemplate(r.object().get("message"), message, bound, x, what);
                RuleSpec.Fix f = x.fix() != null ? x.fix() : fix;
                if (f != null) {
                    checkTemplate(r, f.replace(), bound, x, what);
                }
            }
            if (problems.size() > before || severity == null || message == null || doc == null || matches.isEmpty()) {
                return null; // reported above: a rule half-read would fire in ways nobody wrote
            }
            return new RuleSpec(id, severity, summary != null ? summary : firstLine(doc), message, doc, when, matches,
                    fix, file, r.line());
        }

        private static String firstLine(String doc) {
            String s = doc.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }

        RuleSpec.Fix fix(Json f, String what) {
            if (!f.isObject()) {
                problem(f, "\"fix\" of " + what + " must be an object: { \"title\": ..., \"replace\": ... }");
                return null;
            }
            keys(f, Set.of("title", "replace"), "the fix of " + what);
            String title = string(f, "title", true, "the fix of " + what);
            String replace = string(f, "replace", true, "the fix of " + what);
            return title == null || replace == null ? null : new RuleSpec.Fix(title, replace);
        }

        RuleSpec.Match match(Json m, String what) {
            if (!m.isObject()) {
                problem(m, "a match is an object with one of \"macro\", \"object\" or \"call\"");
                return null;
            }
            keys(m, Set.of("macro", "object", "call", "fix"), "a match of " + what);
            List<String> kinds = new ArrayList<>();
            for (String k : List.of("macro", "object", "call")) {
                if (m.object().containsKey(k)) {
                    kinds.add(k);
                }
            }
            if (kinds.size() != 1) {
                problem(m, "a match of " + what + " has exactly one of \"macro\", \"object\" or \"call\""
                        + (kinds.isEmpty() ? "" : " (it has " + String.join(", ", kinds) + ")"));
                return null;
            }
            RuleSpec.Fix fix = m.object().containsKey("fix") ? fix(m.object().get("fix"), what) : null;
            Json body = m.object().get(kinds.get(0));
            if (!body.isObject()) {
                problem(body, "\"" + kinds.get(0) + "\" of " + what + " must be an object");
                return null;
            }
            String in = "the " + kinds.get(0) + " match of " + what;
            switch (kinds.get(0)) {
                case "macro" -> {
                    keys(body, Set.of("name", "body"), in);
                    Pattern name = glob(body, "name", true, in);
                    TokenPattern b = pattern(body, "body", in);
                    return name == null ? null : new RuleSpec.MacroMatch(name, b, fix);
                }
                case "object" -> {
                    keys(body, Set.of("name", "type", "section"), in);
                    Pattern name = glob(body, "name", true, in);
                    TokenPattern type = pattern(body, "type", in);
                    Pattern section = glob(body, "section", false, in);
                    return name == null ? null : new RuleSpec.ObjectMatch(name, type, section, fix);
                }
                default -> {
                    keys(body, Set.of("function", "args", "inside", "unless"), in);
                    Pattern function = glob(body, "function", true, in);
                    List<List<TokenPattern>> args = args(body, in);
                    Pattern inside = glob(body, "inside", false, in);
                    List<RuleSpec.Unless> unless = new ArrayList<>();
                    Json u = body.object().get("unless");
                    if (u != null) {
                        for (Json one : u.isArray() ? u.array() : List.of(u)) {
                            RuleSpec.Unless x = unless(one, in);
                            if (x != null) {
                                unless.add(x);
                            }
                        }
                    }
                    return function == null ? null : new RuleSpec.CallMatch(function, args, inside, unless, fix);
                }
            }
        }

        RuleSpec.Unless unless(Json u, String in) {
            if (!u.isObject()) {
                problem(u, "an \"unless\" of " + in + " is an object: { \"function\": ..., \"args\": [...], "
                        + "\"scope\": \"function\" | \"block\" }");
                return null;
            }
            String what = "an \"unless\" of " + in;
            keys(u, Set.of("function", "args", "scope"), what);
            Pattern function = glob(u, "function", true, what);
            List<List<TokenPattern>> args = args(u, what);
            String scope = string(u, "scope", false, what);
            if (scope != null && !scope.equals("function") && !scope.equals("block")) {
                problem(u.object().get("scope"), "\"scope\" of " + what + " is \"function\" or \"block\"");
                return null;
            }
            return function == null ? null : new RuleSpec.Unless(function, args, "block".equals(scope));
        }

        /** A name glob, or an array of them (any matches). */
        Pattern glob(Json obj, String key, boolean required, String what) {
            Json v = obj.object().get(key);
            if (v == null) {
                if (required) {
                    problem(obj, what + " needs \"" + key + "\"");
                }
                return null;
            }
            List<String> globs = new ArrayList<>();
            for (Json g : v.isArray() ? v.array() : List.of(v)) {
                if (!g.isString() || g.string().isBlank()) {
                    problem(g, "\"" + key + "\" of " + what + " is a name pattern or an array of them");
                    return null;
                }
                globs.add(g.string().strip());
            }
            if (globs.isEmpty()) {
                problem(v, "\"" + key + "\" of " + what + " lists no name");
                return null;
            }
            return Globs.anyOf(globs);
        }

        TokenPattern pattern(Json obj, String key, String what) {
            Json v = obj.object().get(key);
            if (v == null) {
                return null;
            }
            if (!v.isString()) {
                problem(v, "\"" + key + "\" of " + what + " must be a token pattern (a string)");
                return null;
            }
            return compile(v, what);
        }

        TokenPattern compile(Json v, String what) {
            try {
                return TokenPattern.compile(v.string());
            } catch (IllegalArgumentException e) {
                problem(v, e.getMessage() + " (in " + what + ")");
                return null;
            }
        }

        /** {@code "args": [pattern | [alternatives], ...]}. */
        List<List<TokenPattern>> args(Json obj, String what) {
            Json v = obj.object().get("args");
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                problem(v, "\"args\" of " + what + " is an array with one pattern (or array of patterns) per argument");
                return null;
            }
            List<List<TokenPattern>> out = new ArrayList<>();
            for (Json a : v.array()) {
                List<TokenPattern> alts = new ArrayList<>();
                for (Json p : a.isArray() ? a.array() : List.of(a)) {
                    if (!p.isString()) {
                        problem(p, "an argument pattern of " + what + " must be a string");
                        continue;
                    }
                    TokenPattern t = compile(p, what);
                    if (t != null) {
                        alts.add(t);
                    }
                }
                if (a.isArray() && a.array().isEmpty()) {
                    problem(a, "an argument of " + what + " has no pattern");
                }
                out.add(alts);
            }
            return out;
        }

        /** The captures every alternative of a match binds (those a template may use). */
        private static Set<Integer> bound(RuleSpec.Match m) {
            List<List<TokenPattern>> lists = new ArrayList<>();
            if (m instanceof RuleSpec.MacroMatch x && x.body() != null) {
                lists.add(List.of(x.body()));
            } else if (m instanceof RuleSpec.ObjectMatch x && x.type() != null) {
                lists.add(List.of(x.type()));
            } else if (m instanceof RuleSpec.CallMatch x && x.args() != null) {
                lists.addAll(x.args());
            }
            Set<Integer> out = new HashSet<>();
            for (List<TokenPattern> alts : lists) {
                Set<Integer> common = null;
                for (TokenPattern p : alts) {
                    Set<Integer> c = new HashSet<>(p.captures());
                    if (common == null) {
                        common = c;
                    } else {
                        common.retainAll(c);
                    }
                }
                if (common != null) {
                    out.addAll(common);
                }
            }
            return out;
        }

        private void checkTemplate(Json at, String template, Set<Integer> bound, RuleSpec.Match m, String what) {
            if (template == null) {
                return;
            }
            Matcher x = TEMPLATE_VAR.matcher(template);
            while (x.find()) {
                if (x.group(1) != null && !bound.contains(Integer.parseInt(x.group(1)))) {
                    problem(at, "\"$" + x.group(1) + "\" in " + what + " is not captured by every pattern of its match");
                } else if (x.group(2) != null && !Templates.names(m).contains(x.group(2))) {
                    problem(at, "\"${" + x.group(2) + "}\" in " + what + " is not known here (known: "
                            + String.join(", ", Templates.names(m)) + ")");
                }
            }
        }
    }
}
