package dev.kls.kconfig;

import dev.kls.kconfig.grammar.KconfigParser;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Bounds on how deep one file may nest, checked on its tokens before parsing. The parser, the AST
 * builder and conf's expression algorithms all recurse over nesting; past these bounds (far beyond
 * anything in Linux: at most 29 operators in one expression, 3 parentheses, 8 nested blocks per file in
 * 6.1) a file is refused with an error at the line that goes too deep, instead of overflowing the stack.
 */
final class DepthGuard {

    /** if/menu/choice blocks open at once in one file. */
    static final int MAX_BLOCKS = 100;
    /** Parentheses open at once in one expression. */
    static final int MAX_PARENS = 100;
    /** &&, || and ! in one line. */
    static final int MAX_OPERATORS = 1000;

    private DepthGuard() {
    }

    /** The error for the first place {@code tokens} go too deep, or null when they stay within bounds. */
    static Diagnostic check(String file, List<Token> tokens) {
        int blocks = 0;
        int parens = 0;
        int operators = 0;
        boolean lineStart = true;
        for (Token t : tokens) {
            int type = t.getType();
            if (type == KconfigParser.EOL) {
                parens = 0;
                operators = 0;
                lineStart = true;
                continue;
            }
            if (lineStart && (type == KconfigParser.IF || type == KconfigParser.MENU || type == KconfigParser.CHOICE)) {
                if (++blocks > MAX_BLOCKS) {
                    return at(file, t, "if/menu/choice blocks nested deeper than " + MAX_BLOCKS
                            + " in one file; the file is not read");
                }
            } else if (lineStart && (type == KconfigParser.ENDIF || type == KconfigParser.ENDMENU
                    || type == KconfigParser.ENDCHOICE)) {
                blocks = Math.max(0, blocks - 1);
            } else if (type == KconfigParser.OPEN_PAREN) {
                if (++parens > MAX_PARENS) {
                    return at(file, t, "expression nested deeper than " + MAX_PARENS
                            + " parentheses; the file is not read");
                }
            } else if (type == KconfigParser.CLOSE_PAREN) {
                parens = Math.max(0, parens - 1);
            } else if (type == KconfigParser.AND || type == KconfigParser.OR || type == KconfigParser.NOT) {
                if (++operators > MAX_OPERATORS) {
                    return at(file, t, "expression with more than " + MAX_OPERATORS
                            + " operators (&&, ||, !); the file is not read");
                }
            }
            lineStart = false;
        }
        return null;
    }

    private static Diagnostic at(String file, Token t, String message) {
        int line = t.getLine();
        int col = t.getCharPositionInLine() + 1;
        return Diagnostic.error(new SourceRange(file, line, col, line, col + Math.max(1, t.getText().length())),
                message);
    }
}
