package dev.kls.c.provenance;

import dev.kls.c.lex.Token;
import dev.kls.c.pp.FileModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Declarations read from the tokens of a file's include closure, by name,
 * on demand: variables (DEFINE_PER_CPU*() / DECLARE_PER_CPU*() by the
 * macro's arguments, others by their declaration) and struct members.
 * Configuration-free: the first declaration found wins.
 */
final class TypeIndex {
    private final List<FileModel> closure;
    private final Map<String, Optional<Provenance.VarDecl>> vars = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> members = new ConcurrentHashMap<>();

    TypeIndex(List<FileModel> closure) {
        this.closure = closure;
    }

    Provenance.VarDecl variable(String name) {
        return vars.computeIfAbsent(name, this::findVariable).orElse(null);
    }

    String member(String tag, String member) {
        return members.computeIfAbsent(tag + "." + member, k -> Optional.ofNullable(findMember(tag, member)))
                .orElse(null);
    }

    private Optional<Provenance.VarDecl> findVariable(String name) {
        Provenance.VarDecl plain = null;
        for (FileModel m : closure) {
            List<Token> t = m.tokens();
            for (int i : m.identifierTokens(name)) {
                Provenance.VarDecl d = perCpuMacro(m, t, i);
                if (d != null) {
                    return Optional.of(d);
                }
                if (plain == null) {
                    plain = declaration(m, t, i);
                }
            }
        }
        return Optional.ofNullable(plain);
    }

    /** {@code DEFINE_PER_CPU_xxx(type, name)} or {@code DECLARE_PER_CPU_xxx(type, name)} around token i. */
    private static Provenance.VarDecl perCpuMacro(FileModel m, List<Token> t, int i) {
        if (i < 2 || i + 1 >= t.size() || !t.get(i + 1).is(")") || !t.get(i - 1).is(",")) {
            return null;
        }
        int depth = 0;
        int k = i - 1;
        for (; k >= 0; k--) {
            if (m.isDirectiveToken(k)) {
                return null;
            }
            Token x = t.get(k);
            if (x.is(")")) {
                depth++;
            } else if (x.is("(")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (x.is(";") || x.is("{") || x.is("}")) {
                return null;
            }
        }
        if (k < 1) {
            return null;
        }
        String macro = t.get(k - 1).text();
        if (!macro.startsWith("DEFINE_PER_CPU") && !macro.startsWith("DECLARE_PER_CPU")) {
            return null;
        }
        String type = Types.normalize(join(t, k + 1, i - 1));
        return type == null ? null : new Provenance.VarDecl(type, true);
    }

    /** {@code [extern] T name;} / {@code T name[N];} / {@code T name = ...;} at file scope. */
    private static Provenance.VarDecl declaration(FileModel m, List<Token> t, int i) {
        int c = m.chunkOf(i);
        if (c < 0 || m.chunkIsFunction(c) || i + 1 >= t.size()) {
            return null;
        }
        Token next = t.get(i + 1);
        if (!(next.is(";") || next.is("[") || next.is("=") || next.is(",") || next.text().startsWith("__"))) {
            return null;
        }
        int from = m.chunkStart(c);
        while (from < i && m.isDirectiveToken(from)) {
            from++;
        }
        String head = join(t, from, i);
        if (head.isBlank() || head.contains("(") || head.contains("{") || head.contains("}")
                || head.startsWith("typedef") || head.contains(",")) {
            return null;
        }
        String type = Types.normalize(head);
        if (type == null) {
            return null;
        }
        return new Provenance.VarDecl(next.is("[") ? type + "[]" : type, false);
    }

    private String findMember(String tag, String member) {
        for (FileModel m : closure) {
            List<Token> t = m.tokens();
            for (int i : m.identifierTokens(tag)) {
                if (i < 1 || i + 1 >= t.size() || !t.get(i + 1).is("{")
                        || !(t.get(i - 1).is("struct") || t.get(i - 1).is("union"))) {
                    continue;
                }
                String r = memberIn(m, t, i + 1, member);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private static String memberIn(FileModel m, List<Token> t, int open, String member) {
        int depth = 0;
        int declStart = open + 1;
        for (int k = open; k < t.size(); k++) {
            if (m.isDirectiveToken(k)) {
                continue;
            }
            Token x = t.get(k);
            if (x.is("{")) {
                depth++;
                declStart = k + 1;
            } else if (x.is("}")) {
                if (--depth == 0) {
                    return null;
                }
                declStart = k + 1;
            } else if (x.is(";")) {
                declStart = k + 1;
            } else if (x.is(member) && k + 1 < t.size() && k > open + 1) {
                Token n = t.get(k + 1);
                Token p = t.get(k - 1);
                if ((n.is(";") || n.is("[") || n.is(",") || n.is(":") || n.text().startsWith("__"))
                        && !p.is(".") && !p.is("->")) {
                    String head = join(m, t, declStart, k);
                    String type = Types.normalize(head.replaceAll(",.*$", ""));
                    if (type == null) {
                        return null;
                    }
                    return n.is("[") ? type + "[]" : type;
                }
            }
        }
        return null;
    }

    private static String join(FileModel m, List<Token> t, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (!m.isDirectiveToken(k)) {
                sb.append(sb.length() > 0 ? " " : "").append(t.get(k).text());
            }
        }
        return sb.toString();
    }

    private static String join(List<Token> t, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            sb.append(sb.length() > 0 ? " " : "").append(t.get(k).text());
        }
        return sb.toString();
    }
}
