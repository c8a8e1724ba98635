package dev.kls.c.pp;

import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;

/**
 * A token during macro expansion: its spelling, the macros it may no longer
 * expand (C11 6.10.3.4's "painted" names, kept as a hide set), and where it
 * came from in the file being read: token indices [{@code srcFirst},
 * {@code srcLast}] of that file — the token itself, or the whole macro
 * invocation for tokens a macro body produced. -1 for synthetic tokens.
 */
public final class PpToken {
    public final String text;
    public final TokenKind kind;
    public final Hide hide;
    public final boolean space;
    public final int srcFirst;
    public final int srcLast;

    public PpToken(String text, TokenKind kind, Hide hide, boolean space, int srcFirst, int srcLast) {
        this.text = text;
        this.kind = kind;
        this.hide = hide;
        this.space = space;
        this.srcFirst = srcFirst;
        this.srcLast = srcLast;
    }

    public static PpToken of(Token t, int index) {
        return new PpToken(t.text(), t.kind(), Hide.EMPTY, t.space(), index, index);
    }

    public boolean is(String s) {
        return text.equals(s) && kind != TokenKind.STRING && kind != TokenKind.CHAR;
    }

    public boolean isIdentifier() {
        return kind == TokenKind.IDENTIFIER;
    }

    PpToken with(Hide h, boolean sp, int first, int last) {
        return new PpToken(text, kind, h, sp, first, last);
    }

    @Override
    public String toString() {
        return text;
    }

    /** An immutable small set of macro names. */
    public static final class Hide {
        public static final Hide EMPTY = new Hide(null, null);
        final String name;
        final Hide next;

        private Hide(String name, Hide next) {
            this.name = name;
            this.next = next;
        }

        public boolean contains(String n) {
            for (Hide h = this; h != null && h.name != null; h = h.next) {
                if (h.name.equals(n)) {
                    return true;
                }
            }
            return false;
        }

        public Hide add(String n) {
            return contains(n) ? this : new Hide(n, this);
        }

        public Hide union(Hide o) {
            // the common cases (a body token's empty set, the same set) without rebuilding a list
            if (o == this || o.name == null) {
                return this;
            }
            if (name == null) {
                return o;
            }
            Hide r = this;
            for (Hide h = o; h != null && h.name != null; h = h.next) {
                r = r.add(h.name);
            }
            return r;
        }

        public Hide intersect(Hide o) {
            Hide r = EMPTY;
            for (Hide h = this; h != null && h.name != null; h = h.next) {
                if (o.contains(h.name)) {
                    r = r.add(h.name);
                }
            }
            return r;
        }
    }
}
