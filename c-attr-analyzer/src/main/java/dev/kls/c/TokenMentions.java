package dev.kls.c;

import dev.kls.c.lex.Token;
import dev.kls.c.lex.TokenKind;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.MacroDef;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What mentions a {@link TokenInterest} over the macros a {@link MacroIndex}
 * held at one version: the macro names with a definition whose body holds a
 * matching token or names another such macro, and, per file, whether its
 * tokens (its directives too: its own #defines) name one or match.
 */
final class TokenMentions {

    final TokenInterest interest;
    final int version;
    private final Set<String> macros = new HashSet<>();
    private final Map<FileModel, Boolean> mentioned = Collections.synchronizedMap(new IdentityHashMap<>());

    private final java.util.function.Predicate<FileModel> keep;

    TokenMentions(TokenInterest interest, int version, Map<String, List<FileModel>> definers,
            java.util.function.Predicate<FileModel> keep) {
        this.interest = interest;
        this.keep = keep;
        this.version = version;
        Map<String, Set<String>> usedBy = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        definers.forEach((name, fs) -> {
            for (FileModel f : fs) {
                for (MacroDef d : f.liveMacros().getOrDefault(name, List.of())) {
                    for (Token t : d.body()) {
                        if (t.kind() == TokenKind.IDENTIFIER) {
                            usedBy.computeIfAbsent(t.text(), k -> new HashSet<>()).add(name);
                        }
                        if (interest.matches(t) && macros.add(name)) {
                            work.add(name);
                        }
                    }
                }
            }
        });
        while (!work.isEmpty()) {
            for (String user : usedBy.getOrDefault(work.poll(), Set.of())) {
                if (macros.add(user)) {
                    work.add(user);
                }
            }
        }
    }

    /** Whether a file's tokens name such a macro or match (remembered for the tree's own models, not buffers). */
    boolean mentionedBy(FileModel f) {
        boolean remember = keep.test(f);
        Boolean b = remember ? mentioned.get(f) : null;
        if (b == null) {
            b = false;
            for (Token t : f.tokens()) {
                if (mentions(t)) {
                    b = true;
                    break;
                }
            }
            if (remember) {
                mentioned.put(f, b);
            }
        }
        return b;
    }

    boolean mentions(Token t) {
        return t.kind() == TokenKind.IDENTIFIER && macros.contains(t.text()) || interest.matches(t);
    }
}
