package dev.kls.kconfig.model;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.MenuRules;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the menu tree and symbol table from a read tree, as the kernel's
 * menu.c does, and checks what menu.c checks, with its wording so that people
 * can search for it.
 */
public final class ModelBuilder {

    private final KconfigTree tree;
    private final Map<String, List<SymbolDefinition>> definitions = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private String modulesSymbol;

    private ModelBuilder(KconfigTree tree) {
        this.tree = tree;
    }

    public static KconfigModel build(KconfigTree tree) {
        ModelBuilder b = new ModelBuilder(tree);
        Raw root = new Raw(MenuNode.Kind.ROOT, null, null, null, false);
        if (tree.root() != null) {
            b.entries(tree.root().entries(), root, null);
        }
        Map<String, SymbolType> declared = new java.util.HashMap<>();
        collectTypes(root, declared);
        finalizeMenu(root, declared);
        MenuNode rootNode = b.freeze(root, null);
        Map<String, ConfigSymbol> symbols = new LinkedHashMap<>();
        b.definitions.forEach((name, defs) -> {
            SymbolType type = b.typeOf(name, defs);
            symbols.put(name, new ConfigSymbol(name, type != null ? type : b.choiceType(defs), List.copyOf(defs)));
        });
        b.check(symbols);
        return new KconfigModel(rootNode, java.util.Collections.unmodifiableMap(symbols), b.modulesSymbol,
                List.copyOf(b.diagnostics));
    }

    /** A menu node while the tree is being shaped. */
    private static final class Raw {
        final MenuNode.Kind kind;
        final Entry entry;
        final Expr dep;
        /** What decides whether the node shows: its prompt's condition and its dependencies. */
        final Expr visibility;
        final boolean prompted;
        final List<Raw> children = new ArrayList<>();

        Raw(MenuNode.Kind kind, Entry entry, Expr dep, Expr visibility, boolean prompted) {
            this.kind = kind;
            this.entry = entry;
            this.dep = dep;
            this.visibility = visibility;
            this.prompted = prompted;
        }

        String symbolName() {
            return entry instanceof Entry.Config c ? c.name().value() : null;
        }
    }

    private void entries(List<Entry> entries, Raw parent, Expr inherited) {
        for (Entry e : entries) {
            if (e instanceof Entry.Source s) {
                for (KconfigFile f : tree.filesOf(s)) {
                    entries(f.entries(), parent, inherited);
                }
            } else if (e instanceof Entry.Config c) {
                Expr dep = and(inherited, ownDepends(c.properties()));
                Expr prompt = promptCondition(c.properties());
                parent.children.add(new Raw(c.menuconfig() ? MenuNode.Kind.MENUCONFIG : MenuNode.Kind.CONFIG, c, dep,
                        and(dep, prompt), hasPrompt(c.properties())));
            } else if (e instanceof Entry.Choice c) {
                Expr dep = and(inherited, ownDepends(c.properties()));
                if (!hasPrompt(c.properties())) {
                    diagnostics.add(Diagnostic.warning(c.range(), "choice must have a prompt")
                            .coded(Diagnostic.Code.CHOICE_WITHOUT_PROMPT));
                }
                Raw node = new Raw(MenuNode.Kind.CHOICE, c, dep, dep, true);
                parent.children.add(node);
                // The kernel makes the choice itself the dependency of its values.
                Expr self = c.name() == null ? null : new Expr.Sym(c.name(), false);
                entries(c.body(), node, self);
            } else if (e instanceof Entry.Comment c) {
                Expr dep = and(inherited, ownDepends(c.properties()));
                parent.children.add(new Raw(MenuNode.Kind.COMMENT, c, dep, dep, true));
            } else if (e instanceof Entry.Menu m) {
                Expr dep = and(inherited, ownDepends(m.properties()));
                Raw node = new Raw(MenuNode.Kind.MENU, m, dep, dep, true);
                parent.children.add(node);
                entries(m.body(), node, dep);
            } else if (e instanceof Entry.If i) {
                Expr dep = and(inherited, i.condition());
                Raw node = new Raw(MenuNode.Kind.IF, i, dep, dep, false);
                parent.children.add(node);
                entries(i.body(), node, dep);
            }
        }
    }

    /** The first declared type of each symbol, which is what conf knows when it shapes the tree. */
    private static void collectTypes(Raw node, Map<String, SymbolType> declared) {
        for (Raw c : node.children) {
            if (c.entry instanceof Entry.Config cfg) {
                SymbolType t = declaredType(cfg);
                if (t != null) {
                    declared.putIfAbsent(cfg.name().value(), t);
                }
            }
            collectTypes(c, declared);
        }
    }

    /**
     * menu.c's menu_finalize, for the shape of the tree: entries right after a
     * symbol that depend on it become its children, then if blocks and
     * promptless symbols are flattened into their parent. What is left directly
     * under a choice are its values. An entry also depends on the symbol when
     * its condition merely mentions it but is a superset of the symbol's own
     * ({@link MenuRules#supersetDependency}), as conf decides.
     */
    private static void finalizeMenu(Raw parent, Map<String, SymbolType> declared) {
        List<Raw> list = parent.children;
        for (int i = 0; i < list.size(); i++) {
            Raw menu = list.get(i);
            if (!menu.children.isEmpty()) {
                finalizeMenu(menu, declared);
            } else if (menu.symbolName() != null) {
                String sym = menu.symbolName();
                while (i + 1 < list.size() && nests(list.get(i + 1), menu, sym, declared)) {
                    Raw next = list.remove(i + 1);
                    menu.children.add(next);
                }
                if (!menu.children.isEmpty()) {
                    finalizeMenu(menu, declared);
                }
            }
        }
        for (int i = 0; i < list.size(); i++) {
            Raw menu = list.get(i);
            if (!menu.children.isEmpty() && !menu.prompted) {
                list.addAll(i + 1, menu.children);
                menu.children.clear();
            }
        }
    }

    private static boolean nests(Raw next, Raw menu, String sym, Map<String, SymbolType> declared) {
        if (!mentions(next.visibility, sym)) {
            return false;
        }
        return dependsOnSymbol(next.visibility, sym) || MenuRules.supersetDependency(next.visibility,
                menu.prompted ? menu.visibility : null, sym, declared::get);
    }

    /** expr.c's expr_contains_symbol. */
    private static boolean mentions(Expr e, String sym) {
        if (e instanceof Expr.And a) {
            return mentions(a.left(), sym) || mentions(a.right(), sym);
        }
        if (e instanceof Expr.Or o) {
            return mentions(o.left(), sym) || mentions(o.right(), sym);
        }
        if (e instanceof Expr.Not n) {
            return mentions(n.operand(), sym);
        }
        if (e instanceof Expr.Sym s) {
            return !s.quoted() && s.name().equals(sym);
        }
        if (e instanceof Expr.Compare c) {
            return !c.left().quoted() && c.left().name().equals(sym) || !c.right().quoted() && c.right().name().equals(sym);
        }
        return false;
    }

    /** expr.c's expr_depends_symbol: {@code dep} cannot hold unless {@code sym} is set. */
    private static boolean dependsOnSymbol(Expr dep, String sym) {
        if (dep instanceof Expr.And a) {
            return dependsOnSymbol(a.left(), sym) || dependsOnSymbol(a.right(), sym);
        }
        if (dep instanceof Expr.Sym s) {
            return !s.quoted() && s.name().equals(sym);
        }
        if (dep instanceof Expr.Compare c && !c.left().quoted() && c.left().name().equals(sym)) {
            String v = c.right().name();
            return c.op() == Expr.CompareOp.EQUAL && (v.equals("y") || v.equals("m"))
                    || c.op() == Expr.CompareOp.UNEQUAL && v.equals("n");
        }
        return false;
    }

    private MenuNode freeze(Raw raw, Raw parent) {
        List<MenuNode> children = new ArrayList<>(raw.children.size());
        for (Raw c : raw.children) {
            children.add(freeze(c, raw));
        }
        MenuNode node = new MenuNode(raw.kind, raw.entry, raw.dep, List.copyOf(children));
        if (raw.entry instanceof Entry.Config c) {
            Entry.Choice choice = parent != null && parent.entry instanceof Entry.Choice ch ? ch : null;
            definitions.computeIfAbsent(c.name().value(), k -> new ArrayList<>())
                    .add(new SymbolDefinition(c, raw.dep, choice, node));
            checkEntry(c, choice);
        }
        return node;
    }

    private static boolean hasPrompt(List<Property> props) {
        return props.stream().anyMatch(ModelBuilder::isPrompt);
    }

    private static Expr promptCondition(List<Property> props) {
        for (Property p : props) {
            if (p instanceof Property.Prompt pr) {
                return pr.condition();
            }
            if (p instanceof Property.TypeDecl t && t.prompt() != null) {
                return t.condition();
            }
        }
        return null;
    }

    private static boolean isPrompt(Property p) {
        return p instanceof Property.Prompt || p instanceof Property.TypeDecl t && t.prompt() != null;
    }

    private static Expr ownDepends(List<Property> props) {
        Expr dep = null;
        for (Property p : props) {
            if (p instanceof Property.DependsOn d) {
                dep = and(dep, d.expr());
            }
        }
        return dep;
    }

    private static Expr and(Expr a, Expr b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Expr.And(a, b, SourceRange.NONE);
    }

    /** Checks of one entry on its own, as the kernel's parser does them. */
    private void checkEntry(Entry.Config c, Entry.Choice choice) {
        String name = c.name().value();
        int prompts = 0;
        int helps = 0;
        for (Property p : c.properties()) {
            if (isPrompt(p)) {
                prompts++;
                if (prompts == 2) {
                    diagnostics.add(Diagnostic.warning(p.range(), "prompt redefined"));
                }
            } else if (p instanceof Property.Help h) {
                helps++;
                if (helps == 2) {
                    diagnostics.add(Diagnostic.warning(h.range(), "'" + name
                            + "' defined with more than one help text -- only the last one will be used"));
                }
                if (h.text().isBlank()) {
                    diagnostics.add(Diagnostic.warning(h.range(), "'" + name + "' defined with blank help text"));
                }
            } else if (p instanceof Property.Modules m) {
                if (modulesSymbol != null && !modulesSymbol.equals(name)) {
                    diagnostics.add(Diagnostic.error(m.range(), "symbol '" + name
                            + "' redefines option 'modules' already defined by symbol '" + modulesSymbol + "'"));
                } else {
                    modulesSymbol = name;
                }
            } else if (p instanceof Property.Default d && choice != null) {
                diagnostics.add(Diagnostic.warning(d.range(), "defaults for choice values not supported"));
            }
        }
        if (c.menuconfig() && prompts == 0) {
            diagnostics.add(Diagnostic.warning(c.range(), "menuconfig statement without prompt"));
        }
        if (choice != null && prompts == 0) {
            diagnostics.add(Diagnostic.warning(c.range(), "choice value must have a prompt")
                    .coded(Diagnostic.Code.CHOICE_VALUE_WITHOUT_PROMPT));
        }
    }

    /**
     * A choice value declared without a type takes its choice's type, or else
     * the type of the first typed value of that choice, as menu_finalize does.
     */
    private SymbolType choiceType(List<SymbolDefinition> defs) {
        for (SymbolDefinition d : defs) {
            if (d.choice() == null) {
                continue;
            }
            for (Property p : d.choice().properties()) {
                if (p instanceof Property.TypeDecl t) {
                    return t.type();
                }
            }
            for (List<SymbolDefinition> others : definitions.values()) {
                for (SymbolDefinition o : others) {
                    SymbolType t = o.choice() == d.choice() ? declaredType(o.entry()) : null;
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private static SymbolType declaredType(Entry.Config c) {
        for (Property p : c.properties()) {
            if (p instanceof Property.TypeDecl td) {
                return td.type();
            }
            if (p instanceof Property.Default df && df.kind() == Property.DefaultKind.DEF_BOOL) {
                return SymbolType.BOOL;
            }
            if (p instanceof Property.Default df && df.kind() == Property.DefaultKind.DEF_TRISTATE) {
                return SymbolType.TRISTATE;
            }
        }
        return null;
    }

    private SymbolType typeOf(String name, List<SymbolDefinition> defs) {
        SymbolType type = null;
        for (SymbolDefinition d : defs) {
            for (Property p : d.entry().properties()) {
                SymbolType t = null;
                if (p instanceof Property.TypeDecl td) {
                    t = td.type();
                } else if (p instanceof Property.Default df && df.kind() == Property.DefaultKind.DEF_BOOL) {
                    t = SymbolType.BOOL;
                } else if (p instanceof Property.Default df && df.kind() == Property.DefaultKind.DEF_TRISTATE) {
                    t = SymbolType.TRISTATE;
                }
                if (t == null) {
                    continue;
                }
                if (type == null) {
                    type = t;
                } else if (t != type) {
                    diagnostics.add(Diagnostic.warning(p.range(), "ignoring type redefinition of '" + name + "' from '"
                            + type.keyword() + "' to '" + t.keyword() + "'"));
                }
            }
        }
        return type;
    }

    /** Checks across the whole table, as menu.c's menu_finalize and sym_check_prop do. */
    private void check(Map<String, ConfigSymbol> symbols) {
        for (ConfigSymbol s : symbols.values()) {
            if (s.type() == null) {
                diagnostics.add(Diagnostic.warning(s.definitions().get(0).entry().range(),
                        "config symbol defined without type").coded(Diagnostic.Code.SYMBOL_WITHOUT_TYPE, s.name()));
            }
            for (SymbolDefinition d : s.definitions()) {
                for (Property p : d.entry().properties()) {
                    if (p instanceof Property.Select sel) {
                        checkSelect(s, sel, symbols);
                    } else if (p instanceof Property.Range r) {
                        checkRange(s, r, symbols);
                    }
                }
            }
        }
    }

    private void checkSelect(ConfigSymbol s, Property.Select sel, Map<String, ConfigSymbol> symbols) {
        String use = sel.imply() ? "imply" : "select";
        Diagnostic.Code code = sel.imply() ? Diagnostic.Code.IMPLY_NON_BOOL : Diagnostic.Code.SELECT_NON_BOOL;
        ConfigSymbol target = symbols.get(sel.target().value());
        if (s.type() != null && !s.type().isLogic()) {
            diagnostics.add(Diagnostic.warning(sel.range(), "config symbol '" + s.name() + "' uses " + use
                    + ", but is not bool or tristate").coded(code, s.name()));
        } else if (target != null && target.type() != null && !target.type().isLogic()) {
            diagnostics.add(Diagnostic.warning(sel.range(), "'" + target.name() + "' has wrong type. '" + use
                    + "' only accept arguments of bool and tristate type").coded(code, target.name()));
        }
    }

    private void checkRange(ConfigSymbol s, Property.Range r, Map<String, ConfigSymbol> symbols) {
        if (s.type() != SymbolType.INT && s.type() != SymbolType.HEX) {
            diagnostics.add(Diagnostic.warning(r.range(), "range is only allowed for int or hex symbols")
                    .coded(Diagnostic.Code.RANGE_NOT_NUMERIC, s.name()));
            return;
        }
        if (!validBound(s.type(), r.low(), symbols) || !validBound(s.type(), r.high(), symbols)) {
            diagnostics.add(Diagnostic.warning(r.range(), "range is invalid").coded(Diagnostic.Code.RANGE_INVALID, s.name()));
        }
    }

    /** A bound is a number of the symbol's type, or any int or hex symbol (menu_validate_number). */
    private static boolean validBound(SymbolType type, Expr.Sym bound, Map<String, ConfigSymbol> symbols) {
        if (bound.text().unevaluated()) {
            return true; // unknown until its macro runs; nothing to say
        }
        ConfigSymbol other = bound.quoted() ? null : symbols.get(bound.name());
        if (other != null) {
            return other.type() == SymbolType.INT || other.type() == SymbolType.HEX;
        }
        return isNumber(type, bound.name());
    }

    static boolean isNumber(SymbolType type, String s) {
        try {
            if (type == SymbolType.HEX) {
                String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
                return !digits.isEmpty() && new BigInteger(digits, 16).signum() >= 0;
            }
            new BigInteger(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
