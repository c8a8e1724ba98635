package dev.kls.kconfig;

import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Text;
import dev.kls.kconfig.grammar.KconfigParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Turns one Kconfig file into tokens for {@link KconfigParser}, after the
 * kernel's scripts/kconfig/lexer.l: keywords are reserved everywhere, words
 * holding '$' are macro-expanded one token at a time, strings are expanded
 * inside, the right-hand side of an assignment is raw text, and help text ends
 * by indentation. Assignments and source statements take effect as soon as
 * their line ends, so later lines see them, as in the kernel.
 */
final class KconfigLexer {

    /** Called at the end of each {@code source}-like line, before the next line is read. */
    interface SourceHandler {
        void source(Entry.SourceKind kind, Text path, SourceRange range);
    }

    /** A token that also knows its raw spelling and where it ends. */
    static final class KToken extends CommonToken {
        final String raw;
        final boolean unevaluated;
        final int endLine;
        final int endColumn;
        /** Made up by error recovery for a token that was missing; the AST leaves it out. */
        boolean conjured;

        KToken(int type, String value, String raw, boolean unevaluated, int line, int column, int endLine,
                int endColumn) {
            super(type, value);
            this.raw = raw;
            this.unevaluated = unevaluated;
            this.endLine = endLine;
            this.endColumn = endColumn;
            setLine(line);
            setCharPositionInLine(column - 1);
        }

        SourceRange range(String file) {
            return new SourceRange(file, getLine(), getCharPositionInLine() + 1, endLine, endColumn);
        }

        Text asText(String file) {
            String value = getText();
            return new Text(MacroExpander.isUnknown(value) ? raw : value, raw, unevaluated, range(file));
        }
    }

    private static final Map<String, Integer> KEYWORDS = Map.ofEntries(
            Map.entry("bool", KconfigParser.BOOL),
            Map.entry("choice", KconfigParser.CHOICE),
            Map.entry("comment", KconfigParser.COMMENT),
            Map.entry("config", KconfigParser.CONFIG),
            Map.entry("def_bool", KconfigParser.DEF_BOOL),
            Map.entry("def_tristate", KconfigParser.DEF_TRISTATE),
            Map.entry("default", KconfigParser.DEFAULT),
            Map.entry("depends", KconfigParser.DEPENDS),
            Map.entry("endchoice", KconfigParser.ENDCHOICE),
            Map.entry("endif", KconfigParser.ENDIF),
            Map.entry("endmenu", KconfigParser.ENDMENU),
            Map.entry("help", KconfigParser.HELP),
            Map.entry("---help---", KconfigParser.HELP),
            Map.entry("hex", KconfigParser.HEX),
            Map.entry("if", KconfigParser.IF),
            Map.entry("imply", KconfigParser.IMPLY),
            Map.entry("int", KconfigParser.INT),
            Map.entry("mainmenu", KconfigParser.MAINMENU),
            Map.entry("menu", KconfigParser.MENU),
            Map.entry("menuconfig", KconfigParser.MENUCONFIG),
            Map.entry("modules", KconfigParser.MODULES),
            Map.entry("on", KconfigParser.ON),
            Map.entry("option", KconfigParser.OPTION),
            Map.entry("optional", KconfigParser.OPTIONAL),
            Map.entry("orsource", KconfigParser.ORSOURCE),
            Map.entry("osource", KconfigParser.OSOURCE),
            Map.entry("prompt", KconfigParser.PROMPT),
            Map.entry("range", KconfigParser.RANGE),
            Map.entry("rsource", KconfigParser.RSOURCE),
            Map.entry("select", KconfigParser.SELECT),
            Map.entry("source", KconfigParser.SOURCE),
            Map.entry("string", KconfigParser.STRING),
            Map.entry("transitional", KconfigParser.TRANSITIONAL),
            Map.entry("tristate", KconfigParser.TRISTATE),
            Map.entry("visible", KconfigParser.VISIBLE));

    private final String text;
    private final String file;
    private final MacroExpander macros;
    private final SourceHandler sources;
    private final List<Diagnostic> diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    /** Tokens of the statement being read, for the assignment, help and source decisions. */
    private final List<KToken> statement = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    KconfigLexer(String text, String file, MacroExpander macros, SourceHandler sources, List<Diagnostic> diagnostics) {
        this.text = text;
        this.file = file;
        this.macros = macros;
        this.sources = sources;
        this.diagnostics = diagnostics;
    }

    List<Token> tokenize() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                skipToEndOfLine();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && peek(1) == '\n') {
                pos += 2;
                newLine();
            } else if (c == '\n') {
                pos++;
                endOfStatement();
                newLine();
                if (helpStarts()) {
                    readHelp();
                }
            } else if (c == '"' || c == '\'') {
                readString(c);
            } else if (isWordChar(c) || c == '$') {
                readWord();
            } else if (!readOperator(c)) {
                warn(column(), "ignoring unsupported character '" + c + "'");
                pos++;
            }
        }
        if (!statement.isEmpty()) {
            warn(column(), "no new line at end of file");
            endOfStatement();
        }
        tokens.add(new KToken(Token.EOF, "<EOF>", "", false, line, column(), line, column()));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < text.length() ? text.charAt(p) : '\0';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private void skipToEndOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private int endOfLine() {
        int e = text.indexOf('\n', pos);
        return e < 0 ? text.length() : e;
    }

    private void emit(KToken t) {
        tokens.add(t);
        statement.add(t);
    }

    private void emitSimple(int type, String s) {
        int col = column();
        emit(new KToken(type, s, s, false, line, col, line, col + s.length()));
        pos += s.length();
    }

    private boolean readOperator(char c) {
        char n = peek(1);
        if (c == '|' && n == '|') {
            emitSimple(KconfigParser.OR, "||");
        } else if (c == '&' && n == '&') {
            emitSimple(KconfigParser.AND, "&&");
        } else if (c == '!' && n == '=') {
            emitSimple(KconfigParser.UNEQUAL, "!=");
        } else if (c == '!') {
            emitSimple(KconfigParser.NOT, "!");
        } else if (c == '<' && n == '=') {
            emitSimple(KconfigParser.LESS_EQUAL, "<=");
        } else if (c == '<') {
            emitSimple(KconfigParser.LESS, "<");
        } else if (c == '>' && n == '=') {
            emitSimple(KconfigParser.GREATER_EQUAL, ">=");
        } else if (c == '>') {
            emitSimple(KconfigParser.GREATER, ">");
        } else if (c == '(') {
            emitSimple(KconfigParser.OPEN_PAREN, "(");
        } else if (c == ')') {
            emitSimple(KconfigParser.CLOSE_PAREN, ")");
        } else if (c == '=') {
            emitSimple(KconfigParser.EQUAL, "=");
            maybeAssignment();
        } else if (c == ':' && n == '=') {
            emitSimple(KconfigParser.COLON_EQUAL, ":=");
            maybeAssignment();
        } else if (c == '+' && n == '=') {
            emitSimple(KconfigParser.PLUS_EQUAL, "+=");
            maybeAssignment();
        } else {
            return false;
        }
        return true;
    }

    /** After WORD followed by =, := or += at the start of a statement, the rest of the line is a raw value. */
    private void maybeAssignment() {
        if (statement.size() != 2 || statement.get(0).getType() != KconfigParser.WORD) {
            return;
        }
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        int end = endOfLine();
        if (end > pos) {
            String value = text.substring(pos, end);
            if (value.endsWith("\r")) {
                value = value.substring(0, value.length() - 1);
            }
            int col = column();
            emit(new KToken(KconfigParser.ASSIGN_VAL, value, value, false, line, col, line, col + value.length()));
            pos = end;
        }
    }

    private void readWord() {
        int start = pos;
        int col = column();
        boolean hasDollar = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '$') {
                hasDollar = true;
                pos = peek(1) == '(' ? matchingParen(pos + 1) : pos + 1;
            } else if (isWordChar(c)) {
                pos++;
            } else {
                break;
            }
        }
        // "---help---" is the one keyword that is not made of word characters only at its ends.
        String raw = text.substring(start, pos);
        if (!hasDollar) {
            Integer keyword = KEYWORDS.get(raw);
            int type = keyword != null && (keyword != KconfigParser.HELP || raw.equals("help") || statement.isEmpty())
                    ? keyword : KconfigParser.WORD;
            emit(new KToken(type, raw, raw, false, line, col, line, col + raw.length()));
            return;
        }
        macros.setLocation(file, line, col);
        String value = macros.expand(raw);
        boolean unknown = MacroExpander.isUnknown(value);
        if (value.isEmpty()) {
            return; // an empty expansion is no token at all, as in the kernel
        }
        emit(new KToken(KconfigParser.WORD, value, raw, unknown, line, col, line, col + raw.length()));
    }

    /** Index just past the ')' matching the '(' at {@code open}, or the end of the line. */
    private int matchingParen(int open) {
        int nest = 0;
        int end = endOfLine();
        for (int i = open; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(') {
                nest++;
            } else if (c == ')' && --nest == 0) {
                return i + 1;
            }
        }
        return end;
    }

    private void readString(char quote) {
        int startLine = line;
        int col = column();
        pos++;
        int rawStart = pos;
        StringBuilder value = new StringBuilder();
        boolean macrosSeen = false;
        boolean closed = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                closed = true;
                break;
            } else if (c == '\n') {
                warn(column(), "multi-line strings not supported");
                break;
            } else if (c == '\\') {
                pos++;
                if (pos < text.length() && text.charAt(pos) != '\n') {
                    value.append(text.charAt(pos));
                    pos++;
                }
            } else if (c == '$') {
                macrosSeen = true;
                macros.setLocation(file, line, column());
                String lineText = text.substring(0, endOfLine());
                MacroExpander.Expansion e = macros.expandDollar(lineText, pos);
                value.append(e.value());
                pos = e.end();
            } else {
                value.append(c);
                pos++;
            }
        }
        String raw = text.substring(rawStart, Math.min(pos, text.length()));
        if (closed) {
            pos++;
        }
        String v = value.toString();
        boolean unknown = macrosSeen && MacroExpander.isUnknown(v);
        emit(new KToken(KconfigParser.QUOTED, v, raw, unknown, startLine, col, line, column()));
    }

    private void endOfStatement() {
        if (statement.isEmpty()) {
            return; // the kernel's second stage never passes an empty line on
        }
        KToken last = statement.get(statement.size() - 1);
        tokens.add(new KToken(KconfigParser.EOL, "\n", "\n", false, last.endLine, last.endColumn, last.endLine,
                last.endColumn));
        applyAssignment();
        applySource();
        if (!helpStarts()) {
            statement.clear();
        }
    }

    private void applyAssignment() {
        if (statement.size() < 2 || statement.size() > 3 || statement.get(0).getType() != KconfigParser.WORD) {
            return;
        }
        Entry.Flavor flavor = switch (statement.get(1).getType()) {
            case KconfigParser.EQUAL -> Entry.Flavor.RECURSIVE;
            case KconfigParser.COLON_EQUAL -> Entry.Flavor.SIMPLE;
            case KconfigParser.PLUS_EQUAL -> Entry.Flavor.APPEND;
            default -> null;
        };
        if (flavor == null || statement.size() == 3 && statement.get(2).getType() != KconfigParser.ASSIGN_VAL) {
            return;
        }
        KToken name = statement.get(0);
        macros.setLocation(file, name.getLine(), name.getCharPositionInLine() + 1);
        macros.define(name.getText(), statement.size() == 3 ? statement.get(2).getText() : "", flavor);
    }

    private void applySource() {
        if (statement.size() != 2 || statement.get(1).getType() != KconfigParser.QUOTED) {
            return;
        }
        Entry.SourceKind kind = switch (statement.get(0).getType()) {
            case KconfigParser.SOURCE -> Entry.SourceKind.SOURCE;
            case KconfigParser.RSOURCE -> Entry.SourceKind.RSOURCE;
            case KconfigParser.OSOURCE -> Entry.SourceKind.OSOURCE;
            case KconfigParser.ORSOURCE -> Entry.SourceKind.ORSOURCE;
            default -> null;
        };
        if (kind != null && sources != null) {
            KToken path = statement.get(1);
            sources.source(kind, path.asText(file), SourceRange.span(statement.get(0).range(file), path.range(file)));
        }
    }

    private boolean helpStarts() {
        return statement.size() == 1 && statement.get(0).getType() == KconfigParser.HELP;
    }

    /**
     * Help text: the lines after {@code help} that are indented at least as much as
     * the first non-blank one; blank lines are kept; a line in column 1 ends it.
     * Indentation beyond the first line's is kept as spaces (tabs count to 8).
     */
    private void readHelp() {
        statement.clear();
        int startLine = line;
        int startCol = column();
        StringBuilder help = new StringBuilder();
        int firstIndent = 0;
        int endLine = line;
        int endCol = column();
        while (pos < text.length()) {
            int eol = endOfLine();
            int p = pos;
            int indent = 0;
            while (p < eol && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                indent = text.charAt(p) == '\t' ? (indent & ~7) + 8 : indent + 1;
                p++;
            }
            String rest = stripTrailing(text.substring(p, eol));
            if (rest.isEmpty()) {
                help.append('\n');
            } else {
                if (indent == 0 || firstIndent != 0 && indent < firstIndent) {
                    break;
                }
                if (firstIndent == 0) {
                    firstIndent = indent;
                }
                help.append(" ".repeat(indent - firstIndent)).append(rest).append('\n');
                endLine = line;
                endCol = eol - lineStart + 1;
            }
            if (eol >= text.length()) {
                pos = eol;
                break;
            }
            pos = eol + 1;
            newLine();
        }
        String value = help.toString().strip().isEmpty() ? "" : trimTrailingBlankLines(help.toString());
        tokens.add(new KToken(KconfigParser.HELPTEXT, value, value, false, startLine, startCol, endLine, endCol));
    }

    private static String stripTrailing(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.substring(0, e);
    }

    private static String trimTrailingBlankLines(String s) {
        int e = s.length();
        while (e > 1 && s.charAt(e - 1) == '\n' && s.charAt(e - 2) == '\n') {
            e--;
        }
        // Leading blank lines are kept out too: they carry no text.
        int b = 0;
        while (b < e && s.charAt(b) == '\n') {
            b++;
        }
        return s.substring(b, e);
    }

    private void warn(int col, String message) {
        diagnostics.add(Diagnostic.warning(SourceRange.point(file, line, col), message));
    }
}
