package dev.kls.kconfig;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of {@code $(shell,...)} commands recorded by runs that were
 * allowed to run them, so that a later run that is not allowed can reuse them
 * instead of leaving the macros unknown. A result is keyed by the exact
 * command text and by the environment it ran with ({@link #keyOf}): a changed
 * CC, ARCH or PATH never finds a stale result.
 *
 * <p>The file is JSON, one group of results per environment:
 * <pre>{"version": 1, "environments": [{"env": {"ARCH": "x86_64", ...}, "results": {"command": "output"}}]}</pre>
 * It is written through a temporary file and a rename, merged with what the
 * file holds at that moment, so entries of other environments are never lost.
 */
public final class MacroCache {

    /** Where the cache lives, relative to the source tree. */
    public static final String DEFAULT_LOCATION = ".kls/macro-cache.json";

    private static final int VERSION = 1;

    /**
     * Variables of a command's environment that are part of a result's key:
     * everything kbuild gives Kconfig, what picks the tools, and PATH (which
     * decides what "gcc" is). Other variables of the caller's environment (an
     * editor's and a terminal's differ) are not.
     */
    public static final Set<String> KEY_VARIABLES = Set.copyOf(withExtras(KbuildEnvironment.KBUILD_VARIABLES,
            List.of("CC_VERSION_TEXT", "CROSS_COMPILE", "LLVM", "LLVM_IAS", "PATH")));

    /** A cache file that cannot be read or understood; the message names the file, and the line when known. */
    public static final class CacheException extends Exception {
        private final SourceRange where;

        CacheException(SourceRange where, String message) {
            super(where + ": " + message);
            this.where = where;
        }

        public SourceRange where() {
            return where;
        }

        /** An error diagnostic at the file (and line). */
        public Diagnostic diagnostic() {
            return Diagnostic.error(where, getMessage().substring(where.toString().length() + 2));
        }
    }

    private final Path file;
    private final String displayName;
    /** Recorded results: environment key, then command, then output. */
    private final Map<SortedMap<String, String>, Map<String, String>> results;
    /** What this run recorded, to merge into the file when saving. */
    private final Map<SortedMap<String, String>, Map<String, String>> recorded = new LinkedHashMap<>();

    private MacroCache(Path file, String displayName, Map<SortedMap<String, String>, Map<String, String>> results) {
        this.file = file;
        this.displayName = displayName;
        this.results = results;
    }

    /** {@code srctree/.kls/macro-cache.json}. */
    public static Path defaultFile(Path srctree) {
        return srctree.resolve(DEFAULT_LOCATION);
    }

    /**
     * Reads a cache file; a missing file is an empty cache.
     *
     * @param displayName how diagnostics name the file (relative to the tree when it is in the tree)
     */
    public static MacroCache load(Path file, String displayName) throws CacheException {
        return new MacroCache(file, displayName, read(file, displayName));
    }

    public Path file() {
        return file;
    }

    /** The part of a command's environment that keys its result. */
    public static SortedMap<String, String> keyOf(Map<String, String> environment) {
        SortedMap<String, String> key = new TreeMap<>();
        for (String name : KEY_VARIABLES) {
            String v = environment.get(name);
            if (v != null) {
                key.put(name, v);
            }
        }
        return Collections.unmodifiableSortedMap(key);
    }

    /** The recorded output of {@code command} run with {@code environment}, or null when there is none. */
    public String lookup(Map<String, String> environment, String command) {
        SortedMap<String, String> key = keyOf(environment);
        Map<String, String> mine = recorded.get(key);
        if (mine != null && mine.containsKey(command)) {
            return mine.get(command);
        }
        Map<String, String> group = results.get(key);
        return group == null ? null : group.get(command);
    }

    /** Remembers a result of this run; {@link #save} writes it. */
    public void record(Map<String, String> environment, String command, String output) {
        recorded.computeIfAbsent(keyOf(environment), k -> new TreeMap<>()).put(command, output);
    }

    /** How many results this run recorded. */
    public int recordedCount() {
        return recorded.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Writes this run's results into the file, merged with what the file holds
     * now (another run may have written it meanwhile): a result of this run
     * replaces the one recorded for the same command and environment, every
     * other entry stays.
     */
    public void save() throws CacheException {
        if (recorded.isEmpty()) {
            return;
        }
        Map<SortedMap<String, String>, Map<String, String>> merged = read(file, displayName);
        recorded.forEach((key, group) -> merged.computeIfAbsent(key, k -> new TreeMap<>()).putAll(group));
        String text = write(merged);
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new CacheException(SourceRange.point(displayName, 1, 1), "cannot write the macro cache: " + e);
        }
        results.putAll(merged);
    }

    private static String write(Map<SortedMap<String, String>, Map<String, String>> groups) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = new JsonWriter(out)) {
            w.setIndent("  ");
            w.setHtmlSafe(false);
            w.beginObject();
            w.name("version").value(VERSION);
            w.name("environments").beginArray();
            for (Map.Entry<SortedMap<String, String>, Map<String, String>> g : groups.entrySet()) {
                w.beginObject();
                w.name("env");
                stringMap(w, g.getKey());
                w.name("results");
                stringMap(w, new TreeMap<>(g.getValue()));
                w.endObject();
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string cannot fail", e);
        }
        return out + "\n";
    }

    private static void stringMap(JsonWriter w, Map<String, String> m) throws IOException {
        w.beginObject();
        for (Map.Entry<String, String> e : m.entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
    }

    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

    private static Map<SortedMap<String, String>, Map<String, String>> read(Path file, String displayName)
            throws CacheException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new CacheException(SourceRange.point(displayName, 1, 1), "cannot read the macro cache: " + e);
        }
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            Map<SortedMap<String, String>, Map<String, String>> groups = parse(r, displayName);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new CacheException(where(r, displayName), "corrupt macro cache: text after the end of the object");
            }
            return groups;
        } catch (IOException | IllegalStateException e) {
            // Gson's messages end with "at line L column C path $...".
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher m = LOCATION.matcher(msg);
            SourceRange at = m.find() ? SourceRange.point(displayName, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))) : SourceRange.point(displayName, 1, 1);
            throw new CacheException(at, "corrupt macro cache (delete the file to start afresh): "
                    + msg.lines().findFirst().orElse(msg).replaceAll("\\s+at line \\d+ column \\d+( path \\S*)?", ""));
        }
    }

    private static Map<SortedMap<String, String>, Map<String, String>> parse(JsonReader r, String displayName)
            throws IOException, CacheException {
        Map<SortedMap<String, String>, Map<String, String>> groups = new LinkedHashMap<>();
        r.beginObject();
        boolean versioned = false;
        while (r.hasNext()) {
            String name = r.nextName();
            switch (name) {
                case "version" -> {
                    SourceRange at = where(r, displayName);
                    int v = r.nextInt();
                    if (v != VERSION) {
                        throw new CacheException(at, "macro cache version " + v + " is not " + VERSION
                                + " (written by another kls; delete the file to start afresh)");
                    }
                    versioned = true;
                }
                case "environments" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        SortedMap<String, String> env = null;
                        Map<String, String> res = null;
                        SourceRange at = where(r, displayName);
                        r.beginObject();
                        while (r.hasNext()) {
                            String field = r.nextName();
                            if (field.equals("env")) {
                                env = Collections.unmodifiableSortedMap(new TreeMap<>(readStrings(r)));
                            } else if (field.equals("results")) {
                                res = readStrings(r);
                            } else {
                                r.skipValue();
                            }
                        }
                        r.endObject();
                        if (env == null || res == null) {
                            throw new CacheException(at, "corrupt macro cache: an environment group needs both "
                                    + "\"env\" and \"results\"");
                        }
                        groups.computeIfAbsent(env, k -> new TreeMap<>()).putAll(res);
                    }
                    r.endArray();
                }
                default -> r.skipValue();
            }
        }
        r.endObject();
        if (!versioned) {
            throw new CacheException(SourceRange.point(displayName, 1, 1), "corrupt macro cache: no \"version\"");
        }
        return groups;
    }

    private static Map<String, String> readStrings(JsonReader r) throws IOException {
        Map<String, String> m = new TreeMap<>();
        r.beginObject();
        while (r.hasNext()) {
            String k = r.nextName();
            m.put(k, r.nextString());
        }
        r.endObject();
        return m;
    }

    /** The reader's position, from its description ("JsonReader at line L column C path ..."). */
    private static SourceRange where(JsonReader r, String displayName) {
        Matcher m = LOCATION.matcher(r.toString());
        return m.find() ? SourceRange.point(displayName, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                : SourceRange.point(displayName, 1, 1);
    }

    private static List<String> withExtras(List<String> base, List<String> extras) {
        List<String> all = new ArrayList<>(base);
        all.addAll(extras);
        return all;
    }
}
