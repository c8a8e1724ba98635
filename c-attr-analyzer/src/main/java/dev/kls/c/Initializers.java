package dev.kls.c;

import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.PpToken;
import dev.kls.c.types.Layout;
import java.util.List;

/** The length an initializer gives an array declared with {@code []}. */
final class Initializers {

    private Initializers() {
    }

    static long count(List<PpToken> init, Layout layout) {
        if (init.isEmpty()) {
            throw new dev.kls.c.types.SizeUnknown("empty initializer");
        }
        if (init.get(0).kind == TokenKind.STRING) {
            long n = 0;
            for (PpToken t : init) {
                if (t.kind == TokenKind.STRING) {
                    n += layout.eval().value(List.of(new PpToken("sizeof", TokenKind.IDENTIFIER, PpToken.Hide.EMPTY,
                            false, -1, -1), t)) - 1;
                }
            }
            return n + 1;
        }
        if (!init.get(0).is("{")) {
            throw new dev.kls.c.types.SizeUnknown("array initialized by an expression");
        }
        long index = 0;
        long max = 0;
        int depth = 0;
        boolean elementStarted = false;
        for (int i = 1; i < init.size(); i++) {
            PpToken t = init.get(i);
            if (depth == 0 && t.is("}")) {
                break;
            }
            if (depth == 0 && !elementStarted && t.is("[")) {
                int j = i + 1;
                int d = 1;
                int ellipsis = -1;
                for (; j < init.size(); j++) {
                    if (init.get(j).is("[")) {
                        d++;
                    } else if (init.get(j).is("]") && --d == 0) {
                        break;
                    } else if (d == 1 && init.get(j).is("...")) {
                        ellipsis = j;
                    }
                }
                long hi = layout.eval().value(init.subList(ellipsis >= 0 ? ellipsis + 1 : i + 1, j));
                index = hi;
                elementStarted = true;
                i = j;
                continue;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && t.is(",")) {
                if (elementStarted) {
                    max = Math.max(max, index + 1);
                    index++;
                }
                elementStarted = false;
                continue;
            }
            elementStarted = true;
        }
        if (elementStarted) {
            max = Math.max(max, index + 1);
        }
        return max;
    }
}
