package dev.kls.lsp.cfacts;

import dev.kls.kconfig.SourceRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small scanner for the CONFIG_ facts of a C file: names outside comments
 * and strings, and the #if structure with conditions in the simple forms
 * ({@code defined}, {@code IS_ENABLED} and friends, {@code !}, {@code &&},
 * {@code ||}, constants). It does not expand macros or follow #include.
 */
public final class SimpleCScanner implements CFileFacts {

    private enum State { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR }

    @Override
    public CFacts analyze(String path, String text) {
        return new Run(path, text).scan();
    }

    private static final class OpenBlock {
        final List<CFacts.Branch> branches = new ArrayList<>();
        String directive;
        int line;
        CCondition cond;
        String condText;

        void close(int endLine) {
            branches.add(new CFacts.Branch(directive, line, endLine, cond, condText));
        }
    }

    private static final class Run {
        final String path;
        final String t;
        final List<CFacts.ConfigRef> refs = new ArrayList<>();
        final List<CFacts.CondBlock> blocks = new ArrayList<>();
        final Set<String> defines = new HashSet<>();
        final Deque<OpenBlock> open = new ArrayDeque<>();
        int line = 1;
        int lineStart;

        Run(String path, String text) {
            this.path = path;
            this.t = text;
        }

        CFacts scan() {
            State state = State.CODE;
            boolean lineHasCode = false;
            boolean inDirective = false;
            StringBuilder dir = new StringBuilder();
            int dirLine = 0;
            int n = t.length();
            for (int i = 0; i < n; i++) {
                char c = t.charAt(i);
                char next = i + 1 < n ? t.charAt(i + 1) : '\0';
                if (c == '\\' && (next == '\n' || next == '\r' && i + 2 < n && t.charAt(i + 2) == '\n')) {
                    i += next == '\r' ? 2 : 1;
                    newLine(i + 1);
                    continue; // a continued line is one logical line, in code, strings and // comments alike
                }
                if (c == '\n') {
                    if (state == State.LINE_COMMENT || state == State.STRING || state == State.CHAR) {
                        state = State.CODE;
                    }
                    if (inDirective && state == State.CODE) {
                        directive(dir.toString(), dirLine);
                        inDirective = false;
                    }
                    newLine(i + 1);
                    lineHasCode = false;
                    continue;
                }
                switch (state) {
                    case LINE_COMMENT:
                        break;
                    case BLOCK_COMMENT:
                        if (c == '*' && next == '/') {
                            state = State.CODE;
                            i++;
                        }
                        break;
                    case STRING:
                    case CHAR:
                        if (inDirective) {
                            dir.append(c);
                        }
                        if (c == '\\') {
                            if (inDirective && i + 1 < n) {
                                dir.append(next);
                            }
                            i++;
                        } else if (c == (state == State.STRING ? '"' : '\'')) {
                            state = State.CODE;
                        }
                        break;
                    default:
                        if (c == '/' && next == '/') {
                            state = State.LINE_COMMENT;
                            i++;
                        } else if (c == '/' && next == '*') {
                            state = State.BLOCK_COMMENT;
                            i++;
                            if (inDirective) {
                                dir.append(' ');
                            }
                        } else if (c == '"' || c == '\'') {
                            state = c == '"' ? State.STRING : State.CHAR;
                            lineHasCode = true;
                            if (inDirective) {
                                dir.append(c);
                            }
                        } else if (c == '#' && !lineHasCode) {
                            inDirective = true;
                            lineHasCode = true;
                            dir.setLength(0);
                            dirLine = line;
                        } else if (isWord(c) && (i == 0 || !isWord(t.charAt(i - 1)))) {
                            int e = i;
                            while (e < n && isWord(t.charAt(e))) {
                                e++;
                            }
                            String w = t.substring(i, e);
                            if (w.startsWith(CCondition.PREFIX) && w.length() > CCondition.PREFIX.length()) {
                                int col = i - lineStart + 1;
                                refs.add(new CFacts.ConfigRef(w.substring(CCondition.PREFIX.length()),
                                        new SourceRange(path, line, col, line, col + w.length()), inDirective));
                            }
                            if (inDirective) {
                                dir.append(w);
                            }
                            lineHasCode = true;
                            i = e - 1;
                        } else {
                            if (!Character.isWhitespace(c)) {
                                lineHasCode = true;
                            }
                            if (inDirective) {
                                dir.append(c);
                            }
                        }
                }
            }
            if (inDirective) {
                directive(dir.toString(), dirLine);
            }
            while (!open.isEmpty()) { // unterminated: the block runs to the end of the file
                OpenBlock b = open.pop();
                b.close(line);
                blocks.add(new CFacts.CondBlock(List.copyOf(b.branches), line));
            }
            return new CFacts(List.copyOf(refs), List.copyOf(blocks), Set.copyOf(defines));
        }

        private void newLine(int start) {
            line++;
            lineStart = start;
        }

        private void directive(String text, int at) {
            String s = text.strip();
            int k = 0;
            while (k < s.length() && Character.isLetter(s.charAt(k))) {
                k++;
            }
            String kw = s.substring(0, k);
            String rest = s.substring(k).strip();
            switch (kw) {
                case "if":
                case "ifdef":
                case "ifndef": {
                    OpenBlock b = new OpenBlock();
                    start(b, kw, at, rest);
                    open.push(b);
                    break;
                }
                case "elif":
                case "elifdef":
                case "elifndef":
                case "else": {
                    OpenBlock b = open.peek();
                    if (b != null) {
                        b.close(at - 1);
                        start(b, kw, at, rest);
                    }
                    break;
                }
                case "endif": {
                    OpenBlock b = open.poll();
                    if (b != null) {
                        b.close(at - 1);
                        blocks.add(new CFacts.CondBlock(List.copyOf(b.branches), at));
                    }
                    break;
                }
                case "define": {
                    String name = firstWord(rest);
                    if (name.startsWith(CCondition.PREFIX)) {
                        defines.add(name);
                    }
                    break;
                }
                default:
                    break;
            }
        }

        private static void start(OpenBlock b, String kw, int at, String rest) {
            b.directive = kw;
            b.line = at;
            b.condText = rest;
            switch (kw) {
                case "ifdef":
                case "elifdef":
                    b.cond = new CCondition.Defined(firstWord(rest));
                    break;
                case "ifndef":
                case "elifndef":
                    b.cond = new CCondition.Not(new CCondition.Defined(firstWord(rest)));
                    break;
                case "else":
                    b.cond = CCondition.TRUE;
                    break;
                default:
                    b.cond = ConditionParser.parse(rest);
            }
        }

        private static String firstWord(String s) {
            int e = 0;
            while (e < s.length() && isWord(s.charAt(e))) {
                e++;
            }
            return s.substring(0, e);
        }
    }

    static boolean isWord(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
