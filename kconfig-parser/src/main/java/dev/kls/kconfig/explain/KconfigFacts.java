package dev.kls.kconfig.explain;

import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Kconfig files say about each symbol, with every condition joined
 * with its context the way menu.c's menu_finalize joins it: a property's
 * condition is its own {@code if}, the entry's {@code depends on} and those of
 * the enclosing menus and if blocks; a prompt's also has the enclosing menus'
 * {@code visible if}; a choice value's context is its choice. Built once per
 * tree; only read afterwards.
 */
final class KconfigFacts {

    /** One factor of a condition: an expression (with conf's m rewrite), or "the choice is at least m / is y". */
    sealed interface Term {
    }

    /** A dependency or condition: a literal m in it means m && MODULES, as menu.c rewrites them. */
    record ExprTerm(Expr expr) implements Term {
    }

    record ChoiceTerm(ChoiceFacts choice, boolean mustBeY) implements Term {
    }

    /** A default's value as a factor (no m rewrite: it is a value, not a dependency). */
    record ValueTerm(Expr value) implements Term {
    }

    /** A condition: the conjunction of its terms (empty = always). */
    record Cond(List<Term> terms) {
        static final Cond ALWAYS = new Cond(List.of());

        Cond and(Term t) {
            List<Term> l = new ArrayList<>(terms);
            l.add(t);
            return new Cond(List.copyOf(l));
        }

        Cond and(Expr e) {
            return e == null ? this : and(new ExprTerm(e));
        }

        Cond and(Cond c) {
            List<Term> l = new ArrayList<>(terms);
            l.addAll(c.terms);
            return new Cond(List.copyOf(l));
        }
    }

    record PromptFact(String text, Cond cond, SourceRange where) {
    }

    /** {@code default value if cond} (value is not m-rewritten; it is a value, not a dependency). */
    record DefaultFact(Expr value, Cond cond, SourceRange where) {
    }

    record RangeFact(Expr.Sym low, Expr.Sym high, Cond cond, SourceRange where) {
    }

    /** {@code select}/{@code imply} of {@code target} by {@code source}, under {@code cond} (source's context and if). */
    record ReverseFact(String source, Cond cond, SourceRange where) {
    }

    record Definition(SourceRange where, Cond dep) {
    }

    static final class SymbolFacts {
        final String name;
        SymbolType type;
        final List<Definition> definitions = new ArrayList<>();
        final List<PromptFact> prompts = new ArrayList<>();
        final List<DefaultFact> defaults = new ArrayList<>();
        final List<RangeFact> ranges = new ArrayList<>();
        final List<ReverseFact> selectedBy = new ArrayList<>();
        final List<ReverseFact> impliedBy = new ArrayList<>();
        final List<String> help = new ArrayList<>();
        /** The choice of its first definition inside one (conf links a value to its first choice). */
        ChoiceFacts choice;

        SymbolFacts(String name) {
            this.name = name;
        }
    }

    static final class ChoiceFacts {
        final String name;
        final SourceRange where;
        SymbolType type;
        boolean optional;
        final List<PromptFact> prompts = new ArrayList<>();
        /** {@code default VALUE if cond}: value is the symbol picked. */
        final List<DefaultFact> defaults = new ArrayList<>();
        final List<String> values = new ArrayList<>();

        ChoiceFacts(String name, SourceRange where) {
            this.name = name;
            this.where = where;
        }

        String title() {
            return prompts.isEmpty() ? (name != null ? name : "<choice>") : prompts.get(0).text();
        }
    }

    final Map<String, SymbolFacts> symbols = new LinkedHashMap<>();
    final List<ChoiceFacts> choices = new ArrayList<>();
    String modules;

    private final KconfigTree tree;
    private final Map<String, List<ReverseFact>> pendingSelects = new HashMap<>();
    private final Map<String, List<ReverseFact>> pendingImplies = new HashMap<>();

    private KconfigFacts(KconfigTree tree) {
        this.tree = tree;
    }

    static KconfigFacts of(KconfigTree tree) {
        KconfigFacts f = new KconfigFacts(tree);
        if (tree.root() != null) {
            f.entries(tree.root().entries(), Cond.ALWAYS, List.of(), null);
        }
        f.pendingSelects.forEach((target, l) -> f.symbol(target).selectedBy.addAll(l));
        f.pendingImplies.forEach((target, l) -> f.symbol(target).impliedBy.addAll(l));
        for (ChoiceFacts c : f.choices) {
            // An untyped choice takes its first typed value's type; untyped values take the choice's.
            if (c.type == null) {
                c.type = c.values.stream().map(v -> f.symbols.get(v).type).filter(t -> t != null).findFirst()
                        .orElse(null);
            }
            for (String v : c.values) {
                SymbolFacts s = f.symbols.get(v);
                if (s.type == null) {
                    s.type = c.type;
                }
            }
        }
        return f;
    }

    SymbolFacts symbol(String name) {
        return symbols.computeIfAbsent(name, SymbolFacts::new);
    }

    /**
     * @param dep       what encloses these entries (menus' depends on, if conditions, or the choice)
     * @param visibleIf the {@code visible if} of enclosing menus, for prompts
     * @param choice    the choice these entries are values of, or null
     */
    private void entries(List<Entry> list, Cond dep, List<Expr> visibleIf, ChoiceFacts choice) {
        for (Entry e : list) {
            if (e instanceof Entry.Source s) {
                for (KconfigFile f : tree.filesOf(s)) {
                    entries(f.entries(), dep, visibleIf, choice);
                }
            } else if (e instanceof Entry.Config c) {
                config(c, dep, visibleIf, choice);
            } else if (e instanceof Entry.Choice c) {
                choice(c, dep, visibleIf);
            } else if (e instanceof Entry.Menu m) {
                Cond inner = dep;
                List<Expr> vis = new ArrayList<>(visibleIf);
                for (Property p : m.properties()) {
                    if (p instanceof Property.DependsOn d) {
                        inner = inner.and(d.expr());
                    } else if (p instanceof Property.Visible v) {
                        vis.add(v.condition());
                    }
                }
                entries(m.body(), inner, List.copyOf(vis), null);
            } else if (e instanceof Entry.If i) {
                entries(i.body(), dep.and(i.condition()), visibleIf, choice);
            }
        }
    }

    private void config(Entry.Config c, Cond parentDep, List<Expr> visibleIf, ChoiceFacts choice) {
        String name = c.name().value();
        SymbolFacts s = symbol(name);
        Cond dep = parentDep;
        for (Property p : c.properties()) {
            if (p instanceof Property.DependsOn d) {
                dep = dep.and(d.expr());
            }
        }
        if (choice != null) {
            if (s.choice == null) {
                s.choice = choice;
            }
            if (!choice.values.contains(name)) {
                choice.values.add(name);
            }
        }
        // A value of a tristate choice that is not tristate itself needs the choice at y (menu_finalize).
        SymbolType type = s.type != null ? s.type : declaredType(c);
        boolean needsChoiceY = choice != null && choice.type == SymbolType.TRISTATE && type != null
                && type != SymbolType.TRISTATE;
        if (needsChoiceY) {
            dep = new Cond(List.of(new ChoiceTerm(choice, true))).and(dep);
        }
        s.definitions.add(new Definition(c.range(), dep));
        for (Property p : c.properties()) {
            if (p instanceof Property.TypeDecl t) {
                setType(s, t.type());
                if (t.prompt() != null) {
                    s.prompts.add(new PromptFact(trim(t.prompt().value()), promptCond(dep, t.condition(), visibleIf),
                            t.range()));
                }
            } else if (p instanceof Property.Prompt pr) {
                s.prompts.add(new PromptFact(trim(pr.text().value()), promptCond(dep, pr.condition(), visibleIf),
                        pr.range()));
            } else if (p instanceof Property.Default d) {
                s.defaults.add(new DefaultFact(d.value(), dep.and(d.condition()), d.range()));
                if (d.kind() == Property.DefaultKind.DEF_BOOL) {
                    setType(s, SymbolType.BOOL);
                } else if (d.kind() == Property.DefaultKind.DEF_TRISTATE) {
                    setType(s, SymbolType.TRISTATE);
                }
            } else if (p instanceof Property.Select sel) {
                ReverseFact r = new ReverseFact(name, dep.and(sel.condition()), sel.range());
                (sel.imply() ? pendingImplies : pendingSelects).computeIfAbsent(sel.target().value(),
                        k -> new ArrayList<>()).add(r);
            } else if (p instanceof Property.Range r) {
                s.ranges.add(new RangeFact(r.low(), r.high(), dep.and(r.condition()), r.range()));
            } else if (p instanceof Property.Help h) {
                s.help.add(h.text());
            } else if (p instanceof Property.Modules || p instanceof Property.Option o && o.name().equals("modules")) {
                if (modules == null) {
                    modules = name;
                }
            }
        }
    }

    private static SymbolType declaredType(Entry.Config c) {
        for (Property p : c.properties()) {
            if (p instanceof Property.TypeDecl t) {
                return t.type();
            }
            if (p instanceof Property.Default d && d.kind() != Property.DefaultKind.DEFAULT) {
                return d.kind() == Property.DefaultKind.DEF_BOOL ? SymbolType.BOOL : SymbolType.TRISTATE;
            }
        }
        return null;
    }

    private static Cond promptCond(Cond dep, Expr cond, List<Expr> visibleIf) {
        Cond c = dep.and(cond);
        for (Expr v : visibleIf) {
            c = c.and(v);
        }
        return c;
    }

    private void choice(Entry.Choice c, Cond parentDep, List<Expr> visibleIf) {
        ChoiceFacts ch = new ChoiceFacts(c.name() == null ? null : c.name().value(), c.range());
        choices.add(ch);
        Cond dep = parentDep;
        for (Property p : c.properties()) {
            if (p instanceof Property.DependsOn d) {
                dep = dep.and(d.expr());
            }
        }
        for (Property p : c.properties()) {
            if (p instanceof Property.Prompt pr) {
                ch.prompts.add(new PromptFact(trim(pr.text().value()), promptCond(dep, pr.condition(), visibleIf),
                        pr.range()));
            } else if (p instanceof Property.TypeDecl t) {
                if (ch.type == null) {
                    ch.type = t.type();
                }
                if (t.prompt() != null) {
                    ch.prompts.add(new PromptFact(trim(t.prompt().value()), promptCond(dep, t.condition(), visibleIf),
                            t.range()));
                }
            } else if (p instanceof Property.Optional) {
                ch.optional = true;
            } else if (p instanceof Property.Default d) {
                ch.defaults.add(new DefaultFact(d.value(), dep.and(d.condition()), d.range()));
            }
        }
        entries(c.body(), new Cond(List.of(new ChoiceTerm(ch, false))), visibleIf, ch);
    }

    private static void setType(SymbolFacts s, SymbolType t) {
        if (s.type == null) {
            s.type = t;
        }
    }

    private static String trim(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return text.substring(i);
    }
}
