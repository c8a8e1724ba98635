package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Text;
import dev.kls.kconfig.grammar.KconfigParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Reads Kconfig: one text on its own, or a whole tree from its root file,
 * following source statements in the order the kernel does (a sourced file is
 * read completely before the line after its source statement, so its macros
 * are visible there). The only entry point to the ANTLR parser.
 */
public final class KconfigLoader {

    /** Deeper than any real tree; a deeper chain is a mistake, not a tree. */
    static final int MAX_SOURCE_DEPTH = 64;

    private final Path srctree;
    private final MacroExpander macros;
    private final List<KconfigFile> files = new ArrayList<>();
    private final Map<Entry.Source, List<KconfigFile>> sourced = new IdentityHashMap<>();
    private final List<Diagnostic> treeDiagnostics = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    /** Sourced files read while a file's lexer runs, waiting for the AST entry that names them. */
    private final Map<String, List<List<KconfigFile>>> pendingBySourceLine = new java.util.HashMap<>();

    private record Frame(String path, SourceRange includedFrom) {
    }

    private KconfigLoader(Path srctree, MacroExpander macros) {
        this.srctree = srctree.toAbsolutePath().normalize();
        this.macros = macros;
    }

    /** Parses one text without following its source statements. */
    public static KconfigFile parse(String path, String text, MacroExpander macros) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        int macroDiagnostics = macros.diagnostics().size();
        List<Entry> entries = parseText(path, text, macros, null, diagnostics);
        diagnostics.addAll(macros.diagnostics().subList(macroDiagnostics, macros.diagnostics().size()));
        return new KconfigFile(path, entries, List.copyOf(diagnostics));
    }

    /**
     * Reads the tree whose root file is {@code rootFile} (relative to
     * {@code srctree}), with the given macro context (environment, shell policy).
     */
    public static KconfigTree load(Path srctree, String rootFile, MacroExpander macros) {
        KconfigLoader loader = new KconfigLoader(srctree, macros);
        Path root = loader.srctree.resolve(rootFile).normalize();
        KconfigFile rootParsed = null;
        if (!Files.isRegularFile(root)) {
            loader.treeDiagnostics.add(Diagnostic.error(SourceRange.point(rootFile, 1, 1),
                    "can't open file \"" + rootFile + "\""));
        } else if (!root.startsWith(loader.srctree) || !loader.insideTree(root)) {
            // The root file is checked as every sourced file is: the editor's splicer reads a newly sourced
            // file as the root of a subtree, and `--kconfig` names one.
            loader.treeDiagnostics.add(leadsOutside(SourceRange.point(rootFile, 1, 1), rootFile));
        } else {
            rootParsed = loader.readFile(loader.relative(root), null);
        }
        List<Diagnostic> all = new ArrayList<>(loader.treeDiagnostics);
        for (KconfigFile f : loader.files) {
            all.addAll(f.diagnostics());
        }
        all.addAll(macros.diagnostics());
        return new KconfigTree(loader.srctree, rootParsed, List.copyOf(loader.files),
                java.util.Collections.unmodifiableMap(loader.sourced), List.copyOf(all),
                List.copyOf(macros.unevaluated()));
    }

    private KconfigFile readFile(String path, SourceRange includedFrom) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String text;
        try {
            text = decode(Files.readAllBytes(srctree.resolve(path)));
        } catch (IOException e) {
            SourceRange where = includedFrom != null ? includedFrom : SourceRange.point(path, 1, 1);
            treeDiagnostics.add(Diagnostic.error(where, "can't read file \"" + path + "\": " + e.getMessage()));
            return null;
        }
        stack.push(new Frame(path, includedFrom));
        try {
            List<Entry> entries = parseText(path, text, macros, this::onSource, diagnostics);
            if (includedFrom != null) {
                // parser.y takes mainmenu only as the first statement of the top file.
                entries.stream().filter(Entry.MainMenu.class::isInstance).forEach(m -> diagnostics.add(
                        Diagnostic.error(m.range(), "mainmenu is only allowed at the top of the root Kconfig file")));
            }
            KconfigFile file = new KconfigFile(path, entries, List.copyOf(diagnostics));
            linkSources(path, entries);
            files.add(file);
            return file;
        } finally {
            stack.pop();
        }
    }

    /** Pairs each source entry of a finished file with the files its line loaded. */
    private void linkSources(String path, List<Entry> entries) {
        for (Entry e : entries) {
            if (e instanceof Entry.Source s) {
                List<List<KconfigFile>> pending = pendingBySourceLine.get(key(path, s.range().startLine()));
                sourced.put(s, pending == null || pending.isEmpty() ? List.of() : pending.remove(0));
            } else if (e instanceof Entry.Menu m) {
                linkSources(path, m.body());
            } else if (e instanceof Entry.If i) {
                linkSources(path, i.body());
            } else if (e instanceof Entry.Choice c) {
                linkSources(path, c.body());
            }
        }
    }

    private static String key(String path, int line) {
        return path + ":" + line;
    }

    private void onSource(Entry.SourceKind kind, Text pathText, SourceRange where) {
        List<KconfigFile> loaded = new ArrayList<>();
        pendingBySourceLine.computeIfAbsent(key(where.file(), where.startLine()), k -> new ArrayList<>()).add(loaded);
        if (pathText.unevaluated()) {
            treeDiagnostics.add(Diagnostic.warning(where, "not following " + kind.keyword() + " \"" + pathText.raw()
                    + "\": its path needs a command that was not run"));
            return;
        }
        String name = pathText.value();
        if (name.isEmpty()) {
            treeDiagnostics.add(Diagnostic.error(where, kind.keyword() + " with an empty file name"));
            return;
        }
        Path base = kind.relative() ? srctree.resolve(where.file()).getParent() : srctree;
        List<Path> targets = resolve(base, name, where);
        if (targets == null) {
            return;
        }
        if (targets.isEmpty()) {
            if (!kind.optional()) {
                treeDiagnostics.add(Diagnostic.error(where, "can't open file \"" + name + "\""));
            }
            return;
        }
        for (Path target : targets) {
            String rel = relative(target);
            if (stack.size() >= MAX_SOURCE_DEPTH) {
                treeDiagnostics.add(Diagnostic.error(where, "source nesting deeper than " + MAX_SOURCE_DEPTH
                        + " files; not following \"" + rel + "\""));
                return;
            }
            if (stack.stream().anyMatch(f -> f.path().equals(rel))) {
                // conf's (lexer.l) wording: the sourcing statements innermost first, the root file's left out.
                StringBuilder chain = new StringBuilder("Recursive inclusion detected.\nInclusion path:\n"
                        + "  current file : " + rel + "\n  included from: " + where.file() + ":" + where.startLine());
                List<Frame> frames = new ArrayList<>(stack);
                for (int i = 0; i + 1 < frames.size(); i++) {
                    SourceRange from = frames.get(i).includedFrom();
                    if (from != null && frames.get(i + 1).includedFrom() != null) {
                        chain.append("\n  included from: ").append(from.file()).append(':').append(from.startLine());
                    }
                }
                treeDiagnostics.add(Diagnostic.error(where, chain.toString()));
                continue;
            }
            KconfigFile f = readFile(rel, where);
            if (f != null) {
                loaded.add(f);
            }
        }
    }

    /** The files a source path names: one, or a glob's sorted matches. Null after an error. */
    private List<Path> resolve(Path base, String name, SourceRange where) {
        boolean glob = name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
        Path candidate;
        try {
            candidate = base.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            // e.g. a NUL byte in the name (found by KconfigFuzz): no file can have that name
            treeDiagnostics.add(Diagnostic.error(where, "\"" + name.replace("\0", "\\0")
                    + "\" is not a valid file name (" + e.getReason() + ")"));
            return null;
        }
        if (!candidate.startsWith(srctree)) {
            treeDiagnostics.add(Diagnostic.error(where, "\"" + name + "\" is outside the source tree; not reading it"));
            return null;
        }
        if (!glob) {
            if (!Files.isRegularFile(candidate)) {
                return List.of();
            }
            if (!insideTree(candidate)) {
                treeDiagnostics.add(leadsOutside(where, name));
                return null;
            }
            return List.of(candidate);
        }
        PathMatcher matcher;
        try {
            // glob(3) without GLOB_BRACE: braces are plain characters, unlike Java's glob syntax
            matcher = FileSystems.getDefault().getPathMatcher(
                    "glob:" + candidate.toString().replace("{", "\\{").replace("}", "\\}"));
        } catch (java.util.regex.PatternSyntaxException e) {
            // glob(3) reads a broken pattern (an unclosed '[', found by KconfigFuzz) as the literal name
            return Files.isRegularFile(candidate) && insideTree(candidate) ? List.of(candidate) : List.of();
        }
        Path walkRoot = candidate;
        while (walkRoot.toString().chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            walkRoot = walkRoot.getParent();
        }
        if (!Files.isDirectory(walkRoot)) {
            return List.of();
        }
        int depth = candidate.getNameCount() - walkRoot.getNameCount();
        try (Stream<Path> walk = Files.walk(walkRoot, depth)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).filter(this::insideTree).sorted()
                    .toList();
        } catch (IOException e) {
            treeDiagnostics.add(Diagnostic.error(where, "can't list \"" + name + "\": " + e.getMessage()));
            return null;
        }
    }

    /** Nothing is read outside the tree, not even through a symbolic link. */
    private boolean insideTree(Path p) {
        return insideTree(srctree, p);
    }

    /** The error for a file name whose file a symbolic link puts outside the tree (the editor's splicer says it too). */
    public static Diagnostic leadsOutside(SourceRange where, String name) {
        return Diagnostic.error(where, "\"" + name + "\" leads outside the source tree through a symbolic link; "
                + "not reading it");
    }

    /** Whether {@code p}, symbolic links resolved, is inside {@code srctree} (also resolved). */
    public static boolean insideTree(Path srctree, Path p) {
        try {
            return p.toRealPath().startsWith(srctree.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private String relative(Path p) {
        return srctree.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** UTF-8, with undecodable bytes replaced rather than failing: help texts hold all sorts. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("REPLACE decoding cannot fail", e);
        }
    }

    private static List<Entry> parseText(String path, String text, MacroExpander macros,
            KconfigLexer.SourceHandler sources, List<Diagnostic> diagnostics) {
        List<Token> tokens = new KconfigLexer(text, path, macros, sources, diagnostics).tokenize();
        Diagnostic tooDeep = DepthGuard.check(path, tokens);
        if (tooDeep != null) {
            diagnostics.add(tooDeep);
            return List.of();
        }
        KconfigParser parser = new KconfigParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.setErrorHandler(new Recovery());
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrors(path, diagnostics));
        return new AstBuilder(path, diagnostics).file(parser.file());
    }

    /** ANTLR's recovery, but a made-up missing token is one of ours, marked so the AST leaves it out. */
    private static final class Recovery extends org.antlr.v4.runtime.DefaultErrorStrategy {
        @Override
        protected Token getMissingSymbol(org.antlr.v4.runtime.Parser recognizer) {
            KconfigLexer.KToken at = (KconfigLexer.KToken) recognizer.getCurrentToken();
            IntervalSet expected = getExpectedTokens(recognizer);
            int type = expected.isNil() ? Token.INVALID_TYPE : expected.getMinElement();
            KconfigLexer.KToken t = new KconfigLexer.KToken(type, "", "", false, at.getLine(),
                    at.getCharPositionInLine() + 1, at.getLine(), at.getCharPositionInLine() + 1);
            t.conjured = true;
            return t;
        }
    }

    /** Syntax errors in words a person understands, at the token that caused them. */
    private static final class SyntaxErrors extends BaseErrorListener {
        private final String path;
        private final List<Diagnostic> diagnostics;
        private int lastLine = -1;

        SyntaxErrors(String path, List<Diagnostic> diagnostics) {
            this.path = path;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                RecognitionException e) {
            if (line == lastLine) {
                return; // one error a line: the rest are usually echoes of the first
            }
            lastLine = line;
            KconfigLexer.KToken t = offending instanceof KconfigLexer.KToken k ? k : null;
            SourceRange range = t != null ? t.range(path) : SourceRange.point(path, line, col + 1);
            KconfigLexer.KToken first = t == null ? null : statementStart(recognizer, t);
            String message;
            if (first != null && first.getType() == KconfigParser.WORD && !isAssignment(recognizer, first)) {
                // As parser.y says it: a line that starts with a word no statement starts with.
                message = "unknown statement \"" + first.raw + "\"";
                range = first.range(path);
            } else if (t != null && t.getType() == Token.EOF) {
                message = "unexpected end of file" + expecting(recognizer);
            } else if (t != null && t.getType() == KconfigParser.EOL) {
                message = "unexpected end of line" + expecting(recognizer);
            } else {
                message = "syntax error: unexpected " + describe(t) + expecting(recognizer);
            }
            diagnostics.add(Diagnostic.error(range, message));
        }

        /** The first token of the statement (line) that {@code t} is in. */
        private static KconfigLexer.KToken statementStart(Recognizer<?, ?> recognizer, KconfigLexer.KToken t) {
            if (!(recognizer instanceof KconfigParser p) || t.getType() == Token.EOF || t.conjured) {
                return null;
            }
            int i = t.getTokenIndex();
            if (t.getType() == KconfigParser.EOL && i > 0) {
                i--; // an unexpected end of line belongs to the line it ends
            }
            while (i > 0) {
                int before = p.getTokenStream().get(i - 1).getType();
                if (before == KconfigParser.EOL || before == KconfigParser.HELPTEXT) {
                    break;
                }
                i--;
            }
            return (KconfigLexer.KToken) p.getTokenStream().get(i);
        }

        private static boolean isAssignment(Recognizer<?, ?> recognizer, Token first) {
            int i = first.getTokenIndex() + 1;
            KconfigParser p = (KconfigParser) recognizer;
            if (i >= p.getTokenStream().size()) {
                return false;
            }
            int type = p.getTokenStream().get(i).getType();
            return type == KconfigParser.EQUAL || type == KconfigParser.COLON_EQUAL || type == KconfigParser.PLUS_EQUAL;
        }

        private static String expecting(Recognizer<?, ?> recognizer) {
            if (!(recognizer instanceof KconfigParser p)) {
                return "";
            }
            IntervalSet expected;
            try {
                expected = p.getExpectedTokens();
            } catch (IllegalArgumentException | IllegalStateException noState) {
                return "";
            }
            List<String> names = new ArrayList<>();
            for (int type : expected.toList()) {
                names.add(tokenName(type));
            }
            if (names.isEmpty() || names.size() > 6) {
                return "";
            }
            return names.size() == 1 ? ", expecting " + names.get(0) : ", expecting one of " + String.join(", ", names);
        }

        private static String describe(KconfigLexer.KToken t) {
            if (t == null) {
                return "input";
            }
            return switch (t.getType()) {
                case KconfigParser.WORD -> "word \"" + t.raw + "\"";
                case KconfigParser.QUOTED -> "string \"" + t.raw + "\"";
                case KconfigParser.HELPTEXT -> "help text";
                case KconfigParser.ASSIGN_VAL -> "\"" + t.raw + "\"";
                default -> "'" + t.raw + "'";
            };
        }

        static String tokenName(int type) {
            return switch (type) {
                case Token.EOF -> "end of file";
                case KconfigParser.EOL -> "end of line";
                case KconfigParser.WORD -> "a symbol";
                case KconfigParser.QUOTED -> "a quoted string";
                case KconfigParser.HELPTEXT -> "help text";
                case KconfigParser.ASSIGN_VAL -> "a value";
                case KconfigParser.OR -> "'||'";
                case KconfigParser.AND -> "'&&'";
                case KconfigParser.EQUAL -> "'='";
                case KconfigParser.UNEQUAL -> "'!='";
                case KconfigParser.LESS -> "'<'";
                case KconfigParser.LESS_EQUAL -> "'<='";
                case KconfigParser.GREATER -> "'>'";
                case KconfigParser.GREATER_EQUAL -> "'>='";
                case KconfigParser.NOT -> "'!'";
                case KconfigParser.OPEN_PAREN -> "'('";
                case KconfigParser.CLOSE_PAREN -> "')'";
                case KconfigParser.COLON_EQUAL -> "':='";
                case KconfigParser.PLUS_EQUAL -> "'+='";
                default -> "'" + KconfigParser.VOCABULARY.getSymbolicName(type).toLowerCase(java.util.Locale.ROOT) + "'";
            };
        }
    }
}
