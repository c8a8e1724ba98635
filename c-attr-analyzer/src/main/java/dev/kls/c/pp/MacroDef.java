package dev.kls.c.pp;

import dev.kls.c.lex.Token;
import dev.kls.kconfig.SourceRange;
import java.util.List;

/**
 * One {@code #define}. {@code params} is null for an object-like macro; a
 * variadic macro's last parameter is {@code __VA_ARGS__} or the GNU named
 * form's name. {@code branch} is the innermost conditional branch of
 * {@code file} holding it (-1 at top level): its presence condition.
 */
public record MacroDef(String name, List<String> params, boolean variadic, List<Token> body, String file,
        int branch, SourceRange range) {

    public boolean functionLike() {
        return params != null;
    }

    public int paramIndex(String ident) {
        return params == null ? -1 : params.indexOf(ident);
    }

    /** The replacement list as written, tokens joined by single spaces where the source had space. */
    public String bodyText() {
        StringBuilder sb = new StringBuilder();
        for (Token t : body) {
            if (sb.length() > 0 && t.space()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
