package dev.kls.kconfig.eval;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.ast.Entry;
import dev.kls.kconfig.ast.Expr;
import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.Property;
import dev.kls.kconfig.ast.SymbolType;
import dev.kls.kconfig.eval.KExpr.Type;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds conf's menu tree and symbol table from kls's AST: replays the
 * actions of the kernel's parser.y (menu_add_entry, menu_add_prompt, ...) in
 * file order, then runs menu.c's menu_finalize. The kls model is not used
 * because the evaluator needs the kernel's exact structures: properties with
 * their propagated conditions, rev_dep/implied expressions, the choice's own
 * symbol in its values' dependencies, and the tree shaped with expr.c's
 * simplifications.
 */
final class MenuBuilder {

    final SymbolTable symbols;
    final ExprOps ops;
    /** The release whose parser.y and menu.c are replayed. */
    final KconfigRelease release;
    /** 6.11's choice rework: choices are bool symbols whose members are a priority list. */
    final boolean choiceRework;
    final KMenu root = new KMenu(null, SourceRange.NONE);
    final List<Diagnostic> diagnostics = new ArrayList<>();
    KSymbol modules;

    /** Only while building: kept builders must not hold their tree (see ConfigEvaluator's pool). */
    private KconfigTree tree;
    /** Every symbol and property whose working state a run changes, for {@link #reset()}. */
    private final List<KSymbol> stateful = new ArrayList<>();
    private final List<KProp> statefulProps = new ArrayList<>();
    private KMenu currentMenu = root;
    private KMenu currentEntry = root;
    /** parser.y's current_choice (6.11+): the choice whose block is being read. */
    private KMenu currentChoice;
    /** Last child of each menu while children are being appended. */
    private final Map<KMenu, KMenu> tails = new IdentityHashMap<>();

    private MenuBuilder(KconfigTree tree, SymbolTable symbols) {
        this.tree = tree;
        this.symbols = symbols;
        this.ops = new ExprOps(symbols.yes, symbols.mod, symbols.no);
        this.release = tree.release();
        this.choiceRework = release.has(KconfigRelease.Change.CHOICE_REWORK);
    }

    static MenuBuilder build(KconfigTree tree) {
        boolean big = tree.release().has(KconfigRelease.Change.HASHTABLE_16K);
        MenuBuilder b = new MenuBuilder(tree,
                new SymbolTable(big ? SymbolTable.HASH_SIZE_16K : SymbolTable.HASH_SIZE));
        if (tree.root() != null) {
            b.entries(tree.root().entries());
        }
        if (b.modules == null) {
            b.modules = b.symbols.no;
        }
        if (b.root.prompt == null) {
            b.currentEntry = b.root;
            b.addPrompt(KProp.Type.MENU, "Main menu", null, SourceRange.NONE);
        }
        b.finalizeMenu(b.root, false);
        if (b.choiceRework) {
            for (KSymbol s : b.symbols.inCreationOrder()) {
                s.choiceMenu = choiceMenuOf(s);
            }
        }
        b.tree = null;
        b.saveState();
        return b;
    }

    private void saveState() {
        stateful.addAll(List.of(symbols.yes, symbols.mod, symbols.no, symbols.empty));
        stateful.addAll(symbols.inCreationOrder());
        java.util.Set<KProp> props = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (KSymbol s : stateful) {
            props.addAll(s.props);
        }
        collectPrompts(root, props);
        statefulProps.addAll(props);
        for (KSymbol s : stateful) {
            s.save();
        }
        for (KProp p : statefulProps) {
            p.save();
        }
    }

    private static void collectPrompts(KMenu menu, java.util.Set<KProp> props) {
        for (KMenu m = menu; m != null; m = m.next) {
            if (m.prompt != null) {
                props.add(m.prompt);
            }
            if (m.list != null) {
                collectPrompts(m.list, props);
            }
        }
    }

    /** Puts every symbol and property back as parsing left them, so that the next run starts as conf does. */
    void reset() {
        for (KSymbol s : stateful) {
            s.restore();
        }
        for (KProp p : statefulProps) {
            p.restore();
        }
    }

    // ---- parser.y actions ----

    private void entries(List<Entry> list) {
        for (Entry e : list) {
            entry(e);
        }
    }

    private void entry(Entry e) {
        if (e instanceof Entry.Source s) {
            for (KconfigFile f : tree.filesOf(s)) {
                entries(f.entries());
            }
        } else if (e instanceof Entry.Config c) {
            config(c);
        } else if (e instanceof Entry.Choice c) {
            choice(c);
        } else if (e instanceof Entry.Comment c) {
            addEntry(null, c);
            addPrompt(KProp.Type.COMMENT, c.prompt().value(), null, c.range());
            for (Property p : c.properties()) {
                if (p instanceof Property.DependsOn d) {
                    addDep(d.expr());
                }
            }
        } else if (e instanceof Entry.Menu m) {
            KMenu menu = addEntry(null, m);
            addPrompt(KProp.Type.MENU, m.prompt().value(), null, m.range());
            for (Property p : m.properties()) {
                if (p instanceof Property.Visible v) {
                    menu.visibility = KExpr.and(menu.visibility, expr(v.condition()));
                } else if (p instanceof Property.DependsOn d) {
                    addDep(d.expr());
                }
            }
            block(menu, m.body());
        } else if (e instanceof Entry.If i) {
            KMenu menu = addEntry(null, i);
            menu.dep = KExpr.and(menu.dep, expr(i.condition()));
            block(menu, i.body());
        } else if (e instanceof Entry.MainMenu mm) {
            // mainmenu is only valid first, when the current entry is still the root.
            addPrompt(KProp.Type.MENU, mm.title().value(), null, mm.range());
        }
        // Assignments were consumed by the macro expander while reading.
    }

    /** menu_add_menu ... menu_end_menu around a block's statements. */
    private void block(KMenu menu, List<Entry> body) {
        KMenu saved = currentMenu;
        currentMenu = menu;
        entries(body);
        currentMenu = saved;
    }

    private void config(Entry.Config c) {
        KSymbol sym = symbols.lookup(c.name().value(), 0);
        sym.flags |= KSymbol.OPTIONAL;
        KMenu menu = addEntry(sym, c);
        for (Property p : c.properties()) {
            if (p instanceof Property.TypeDecl t) {
                if (t.prompt() != null) {
                    addPrompt(KProp.Type.PROMPT, t.prompt().value(), expr(t.condition()), t.range());
                }
                setType(type(t.type()));
            } else if (p instanceof Property.Prompt pr) {
                addPrompt(KProp.Type.PROMPT, pr.text().value(), expr(pr.condition()), pr.range());
            } else if (p instanceof Property.Default d) {
                KExpr value = expr(d.value());
                addProp(KProp.Type.DEFAULT, value, expr(d.condition()), d.range());
                if (d.kind() == Property.DefaultKind.DEF_BOOL) {
                    setType(KSymbol.Type.BOOLEAN);
                } else if (d.kind() == Property.DefaultKind.DEF_TRISTATE) {
                    setType(KSymbol.Type.TRISTATE);
                }
            } else if (p instanceof Property.Select s) {
                KSymbol target = symbols.lookup(s.target().value(), 0);
                addProp(s.imply() ? KProp.Type.IMPLY : KProp.Type.SELECT, KExpr.symbol(target), expr(s.condition()),
                        s.range());
            } else if (p instanceof Property.Range r) {
                KSymbol low = sym(r.low());
                KSymbol high = sym(r.high());
                addProp(KProp.Type.RANGE, KExpr.comp(Type.RANGE, low, high), expr(r.condition()), r.range());
            } else if (p instanceof Property.DependsOn d) {
                addDep(d.expr());
            } else if (p instanceof Property.Modules m) {
                setModules(sym, m.range());
            } else if (p instanceof Property.Option o && o.name().equals("modules")) {
                setModules(sym, o.range());
            }
        }
        if (c.menuconfig() && menu.prompt != null) {
            menu.prompt.type = KProp.Type.MENU;
        }
        if (currentChoice != null && !c.menuconfig()) {
            // parser.y's config_stmt inside a choice block (6.11+).
            if (menu.prompt == null) {
                diagnostics.add(Diagnostic.error(c.range(), "choice member must have a prompt")
                        .coded(Diagnostic.Code.CHOICE_VALUE_WITHOUT_PROMPT, sym.name));
            }
            if (sym.type != KSymbol.Type.BOOLEAN) {
                diagnostics.add(Diagnostic.error(c.range(), "choice member must be bool"));
            }
            if (!sym.isChoiceValue()) {
                sym.flags |= KSymbol.CHOICEVAL;
                currentChoice.sym.members.add(sym);
            }
        }
    }

    private void setModules(KSymbol sym, SourceRange where) {
        if (modules != null && modules != sym) {
            diagnostics.add(Diagnostic.error(where, "symbol '" + sym + "' redefines option 'modules' already defined by symbol '"
                    + modules + "'"));
            return;
        }
        modules = sym;
    }

    private void choice(Entry.Choice c) {
        if (choiceRework) {
            reworkedChoice(c);
            return;
        }
        KSymbol sym = symbols.lookup(c.name() == null ? null : c.name().value(), KSymbol.CHOICE);
        sym.flags |= KSymbol.NO_WRITE;
        KMenu menu = addEntry(sym, c);
        addProp(KProp.Type.CHOICE, null, null, c.range());
        for (Property p : c.properties()) {
            if (p instanceof Property.Prompt pr) {
                addPrompt(KProp.Type.PROMPT, pr.text().value(), expr(pr.condition()), pr.range());
            } else if (p instanceof Property.TypeDecl t) {
                if (t.prompt() != null) {
                    addPrompt(KProp.Type.PROMPT, t.prompt().value(), expr(t.condition()), t.range());
                }
                setType(type(t.type()));
            } else if (p instanceof Property.Optional) {
                sym.flags |= KSymbol.OPTIONAL;
            } else if (p instanceof Property.Default d) {
                addProp(KProp.Type.DEFAULT, expr(d.value()), expr(d.condition()), d.range());
            } else if (p instanceof Property.DependsOn d) {
                addDep(d.expr());
            }
        }
        block(menu, c.body());
    }

    /** parser.y's choice rules from 6.11 on: an anonymous bool symbol; no name, no type but bool, no 'optional'. */
    private void reworkedChoice(Entry.Choice c) {
        KSymbol sym = symbols.lookup(null, KSymbol.CHOICE);
        KMenu menu = addEntry(sym, c);
        setType(KSymbol.Type.BOOLEAN);
        if (c.name() != null) {
            diagnostics.add(Diagnostic.error(c.name().range(), "syntax error: Linux " + release.name()
                    + " does not accept a name after 'choice'"));
        }
        for (Property p : c.properties()) {
            if (p instanceof Property.Prompt pr) {
                addPrompt(KProp.Type.PROMPT, pr.text().value(), expr(pr.condition()), pr.range());
            } else if (p instanceof Property.TypeDecl t) {
                if (t.type() != SymbolType.BOOL) {
                    diagnostics.add(Diagnostic.error(t.range(), "syntax error: a choice is bool in Linux "
                            + release.name() + " (tristate choices were removed in 6.11)"));
                }
                if (t.prompt() != null) {
                    addPrompt(KProp.Type.PROMPT, t.prompt().value(), expr(t.condition()), t.range());
                }
            } else if (p instanceof Property.Optional o) {
                diagnostics.add(Diagnostic.error(o.range(), "syntax error: 'optional' was removed in Linux 6.10"));
            } else if (p instanceof Property.Default d) {
                addProp(KProp.Type.DEFAULT, expr(d.value()), expr(d.condition()), d.range());
            } else if (p instanceof Property.DependsOn d) {
                addDep(d.expr());
            }
        }
        if (menu.prompt == null) {
            diagnostics.add(Diagnostic.error(c.range(), "choice must have a prompt")
                    .coded(Diagnostic.Code.CHOICE_WITHOUT_PROMPT));
        }
        KMenu savedChoice = currentChoice;
        currentChoice = menu;
        block(menu, c.body());
        currentChoice = savedChoice;
    }

    /** menu_next: the next node of a depth-first walk of {@code root}'s subtree, null at its end. */
    static KMenu menuNext(KMenu menu, KMenu root) {
        if (menu.list != null) {
            return menu.list;
        }
        while (menu != root && menu.next == null) {
            menu = menu.parent;
        }
        return menu == root ? null : menu.next;
    }

    /** sym_get_choice_menu: the choice around the symbol's first prompted definition. */
    private static KMenu choiceMenuOf(KSymbol sym) {
        KMenu menu = null;
        for (KMenu m : sym.menus) {
            if (m.prompt != null) {
                menu = m;
                break;
            }
        }
        if (menu == null) {
            return null;
        }
        do {
            menu = menu.parent;
        } while (menu != null && menu.sym == null);
        return menu != null && menu.sym.isChoice() ? menu : null;
    }

    private static KSymbol.Type type(SymbolType t) {
        switch (t) {
            case BOOL:
                return KSymbol.Type.BOOLEAN;
            case TRISTATE:
                return KSymbol.Type.TRISTATE;
            case INT:
                return KSymbol.Type.INT;
            case HEX:
                return KSymbol.Type.HEX;
            default:
                return KSymbol.Type.STRING;
        }
    }

    private KMenu addEntry(KSymbol sym, Entry entry) {
        KMenu menu = new KMenu(entry, entry.range());
        menu.sym = sym;
        menu.parent = currentMenu;
        KMenu tail = tails.get(currentMenu);
        if (tail == null) {
            currentMenu.list = menu;
        } else {
            tail.next = menu;
        }
        tails.put(currentMenu, menu);
        currentEntry = menu;
        if (sym != null) {
            sym.menus.add(menu);
        }
        return menu;
    }

    private void addDep(Expr e) {
        currentEntry.dep = KExpr.and(currentEntry.dep, expr(e));
    }

    /** menu_set_type: the first type wins, as in the kernel (the model reports redefinitions). */
    private void setType(KSymbol.Type t) {
        KSymbol sym = currentEntry.sym;
        if (sym.type == t) {
            return;
        }
        if (sym.type == KSymbol.Type.UNKNOWN) {
            sym.type = t;
        }
    }

    private KProp addProp(KProp.Type type, KExpr expr, KExpr dep, SourceRange where) {
        KProp prop = new KProp(type, expr, dep, currentEntry, where);
        if (currentEntry.sym != null) {
            currentEntry.sym.props.add(prop);
        }
        return prop;
    }

    private void addPrompt(KProp.Type type, String text, KExpr dep, SourceRange where) {
        KProp prop = addProp(type, null, dep, where);
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        if (type == KProp.Type.PROMPT) {
            // Prompts also obey the 'visible if' of every enclosing menu.
            for (KMenu m = currentEntry.parent; m != null; m = m.parent) {
                if (m.visibility != null) {
                    prop.visibleExpr = KExpr.and(prop.visibleExpr, KExpr.copy(m.visibility));
                }
            }
        }
        currentEntry.prompt = prop;
        prop.text = text.substring(i);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private KSymbol sym(Expr.Sym s) {
        if (s.text().unevaluated()) {
            // A macro that was not run has no value; its text must never become one (it would be written
            // into .config). conf takes a command that prints nothing as "": so does kls, and says so.
            return symbols.lookup("", KSymbol.CONST);
        }
        return symbols.lookup(s.name(), s.quoted() ? KSymbol.CONST : 0);
    }

    /** An AST expression as conf builds it, looking symbols up left to right as the parser does. */
    private KExpr expr(Expr e) {
        if (e == null) {
            return null;
        }
        if (e instanceof Expr.Sym s) {
            return KExpr.symbol(sym(s));
        }
        if (e instanceof Expr.Not n) {
            return KExpr.one(Type.NOT, expr(n.operand()));
        }
        if (e instanceof Expr.And a) {
            KExpr l = expr(a.left());
            return KExpr.two(Type.AND, l, expr(a.right()));
        }
        if (e instanceof Expr.Or o) {
            KExpr l = expr(o.left());
            return KExpr.two(Type.OR, l, expr(o.right()));
        }
        Expr.Compare c = (Expr.Compare) e;
        KSymbol l = sym(c.left());
        KSymbol r = sym(c.right());
        return KExpr.comp(compareType(c.op()), l, r);
    }

    static Type compareType(Expr.CompareOp op) {
        switch (op) {
            case EQUAL:
                return Type.EQUAL;
            case UNEQUAL:
                return Type.UNEQUAL;
            case LESS:
                return Type.LTH;
            case LESS_EQUAL:
                return Type.LEQ;
            case GREATER:
                return Type.GTH;
            default:
                return Type.GEQ;
        }
    }

    // ---- menu.c's menu_finalize ----

    private void setTypeOf(KMenu entry, KSymbol.Type t) {
        KMenu saved = currentEntry;
        currentEntry = entry;
        setType(t);
        currentEntry = saved;
    }

    private List<KProp> propsOf(KMenu menu) {
        if (menu.sym != null) {
            return menu.sym.props;
        }
        return menu.prompt == null ? List.of() : List.of(menu.prompt);
    }

    private void finalizeMenu(KMenu parent, boolean insideChoice) {
        KSymbol sym = parent.sym;
        if (parent.list != null) {
            KExpr parentdep;
            if (sym != null && sym.isChoice() && !choiceRework) {
                if (sym.type == KSymbol.Type.UNKNOWN) {
                    // The first typed value gives an untyped choice its type.
                    for (KMenu m = parent.list; m != null; m = m.next) {
                        if (m.sym != null && m.sym.type != KSymbol.Type.UNKNOWN) {
                            setTypeOf(parent, m.sym.type);
                            break;
                        }
                    }
                }
                for (KMenu m = parent.list; m != null; m = m.next) {
                    if (m.sym != null && m.sym.type == KSymbol.Type.UNKNOWN) {
                        setTypeOf(m, sym.type);
                    }
                }
                // The choice's own value bounds its values' visibility.
                parentdep = KExpr.symbol(sym);
            } else {
                parentdep = parent.dep;
            }
            for (KMenu m = parent.list; m != null; m = m.next) {
                KExpr basedep = ops.rewriteM(m.dep, modules);
                basedep = ops.transform(basedep);
                basedep = KExpr.and(KExpr.copy(parentdep), basedep);
                basedep = ops.eliminateDups(basedep);
                m.dep = basedep;
                for (KProp prop : propsOf(m)) {
                    if (prop.menu != m) {
                        continue; // another definition's property, handled at its own node
                    }
                    KExpr dep = ops.rewriteM(prop.visibleExpr, modules);
                    dep = ops.transform(dep);
                    dep = KExpr.and(KExpr.copy(basedep), dep);
                    dep = ops.eliminateDups(dep);
                    prop.visibleExpr = dep;
                    if (prop.type == KProp.Type.SELECT) {
                        KSymbol es = prop.symbol();
                        es.revDep = KExpr.or(es.revDep, KExpr.and(KExpr.symbol(m.sym), KExpr.copy(dep)));
                    } else if (prop.type == KProp.Type.IMPLY) {
                        KSymbol es = prop.symbol();
                        es.implied = KExpr.or(es.implied, KExpr.and(KExpr.symbol(m.sym), KExpr.copy(dep)));
                    }
                }
            }
            for (KMenu m = parent.list; m != null; m = m.next) {
                finalizeMenu(m, sym != null && sym.isChoice());
            }
        } else if (sym != null && !(choiceRework && insideChoice)) {
            // Automatic submenus: following entries that depend on this symbol become its children.
            KExpr basedep = parent.prompt != null ? parent.prompt.visibleExpr : null;
            basedep = ops.transCompare(basedep, Type.UNEQUAL, symbols.no);
            basedep = ops.eliminateDups(ops.transform(basedep));
            KMenu last = null;
            for (KMenu m = parent.next; m != null; m = m.next) {
                KExpr dep = m.prompt != null ? m.prompt.visibleExpr : m.dep;
                if (!ExprOps.containsSymbol(dep, sym)) {
                    break;
                }
                if (!ops.dependsSymbol(dep, sym)) {
                    // Also a dependency when dep is a superset of sym's own: (sym || Q) && R with sym depending on R.
                    dep = ops.transCompare(dep, Type.UNEQUAL, symbols.no);
                    dep = ops.eliminateDups(ops.transform(dep));
                    KExpr[] left = ops.eliminateEq(dep, KExpr.copy(basedep));
                    if (!ops.isYes(left[1])) {
                        break;
                    }
                }
                finalizeMenu(m, false);
                m.parent = parent;
                last = m;
            }
            if (last != null) {
                parent.list = parent.next;
                parent.next = last.next;
                last.next = null;
            }
            sym.dirDep = KExpr.or(sym.dirDep, parent.dep);
        }
        for (KMenu m = parent.list; m != null; m = m.next) {
            if (!choiceRework && sym != null && sym.isChoice() && m.sym != null && !m.sym.isChoiceValue()) {
                m.sym.flags |= KSymbol.CHOICEVAL;
                if (sym.type == KSymbol.Type.TRISTATE && m.sym.type != KSymbol.Type.TRISTATE) {
                    // Non-tristate values of a tristate choice need the choice at y.
                    KExpr basedep = KExpr.comp(Type.EQUAL, sym, symbols.yes);
                    m.dep = KExpr.and(basedep, m.dep);
                    for (KProp prop : m.sym.props) {
                        if (prop.menu != m) {
                            continue;
                        }
                        prop.visibleExpr = KExpr.and(KExpr.copy(basedep), prop.visibleExpr);
                    }
                }
                KProp link = new KProp(KProp.Type.CHOICE, KExpr.symbol(sym), null, m, m.where);
                m.sym.props.add(link);
                if (m.sym.choice == null) {
                    m.sym.choice = sym;
                }
                sym.choiceValues.add(m.sym);
            }
            // Flatten if blocks and the automatic submenus of promptless symbols.
            if (m.list != null && m.prompt == null) {
                KMenu l = m.list;
                while (true) {
                    l.parent = parent;
                    if (l.next == null) {
                        break;
                    }
                    l = l.next;
                }
                l.next = m.next;
                m.next = m.list;
                m.list = null;
            }
        }
        // Non-optional choices act as if selected to m while visible: they cannot be n.
        if (!choiceRework && sym != null && !sym.isOptional() && parent.prompt != null) {
            sym.revDep = KExpr.or(sym.revDep, KExpr.and(parent.prompt.visibleExpr, KExpr.symbol(symbols.mod)));
        }
    }
}
