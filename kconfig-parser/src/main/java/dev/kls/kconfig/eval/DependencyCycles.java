package dev.kls.kconfig.eval;

import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.KconfigTree;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * conf's recursive-dependency check (symbol.c's sym_check_deps and
 * sym_check_print_recursive, called from parser.y's conf_parse) as data: the
 * cycles conf reports, in conf's order, each a list of steps. {@link #text()}
 * prints them exactly as conf does on stderr. The walk follows the tree's
 * release: 6.1's hash-table order, file:line prefixes and P_CHOICE links, or
 * (from {@link KconfigRelease.Change#RECURSIVE_DEP_PARSE_ORDER}) the menu walk
 * without locations, and (from {@link KconfigRelease.Change#CHOICE_REWORK})
 * choice members taken from the choice's menu.
 */
public final class DependencyCycles {

    /** What links a step's symbol to the next one: the branch of sym_check_print_recursive that prints it. */
    public enum Kind {
        /** 6.1: "choice C contains symbol S". */
        CHOICE_CONTAINS,
        /** 6.1: "symbol S is part of choice C"; 6.9+: "symbol S is part of choice block at F:L". */
        PART_OF_CHOICE,
        DEPENDS_ON,
        SELECTED_BY,
        IMPLIED_BY,
        /** "symbol S default value contains T" (a default's value). */
        VALUE_CONTAINS,
        /** "symbol S prompt is visible depending on T" (a property's condition). */
        VISIBLE_DEPENDING_ON
    }

    /**
     * One line of conf's report.
     *
     * @param symbol   the symbol ("&lt;choice&gt;" for an anonymous choice)
     * @param next     the symbol it leads to
     * @param propType for VALUE_CONTAINS / VISIBLE_DEPENDING_ON the property's type name as conf prints it, else null
     * @param where    where the step is: the property that links it, else the symbol's first definition
     *                 (the location 6.1 prints before the line; null only for a symbol without a definition)
     * @param block    for 6.9+'s PART_OF_CHOICE the choice block it names ("is part of choice block at F:L"), else null
     */
    public record Step(String symbol, Kind kind, String next, String propType, SourceRange where, SourceRange block) {
    }

    /** One "recursive dependency detected!" report; the first step is where 6.1 puts its "error:" line. */
    public record Cycle(List<Step> steps) {
        public Cycle {
            steps = List.copyOf(steps);
        }

        /** The first step's location. */
        public SourceRange where() {
            return steps.get(0).where();
        }

        /** The first line conf prints for this cycle (without the newline). */
        public String headline(boolean locations) {
            return (locations ? prefix(where()) : "") + "error: recursive dependency detected!";
        }
    }

    private final boolean locations;
    private final List<Cycle> cycles;

    private DependencyCycles(boolean locations, List<Cycle> cycles) {
        this.locations = locations;
        this.cycles = List.copyOf(cycles);
    }

    /** Runs conf's check on a tree (as conf_parse does after menu_finalize). */
    public static DependencyCycles of(KconfigTree tree) {
        // The evaluator's kept menu tree: the rule runs on every Kconfig edit, and a build costs more than the
        // check; the walk keeps its own marks, so the kept tree goes back to the pool unchanged.
        MenuBuilder built = ConfigEvaluator.acquire(tree);
        try {
            return of(built);
        } finally {
            ConfigEvaluator.release(tree, built);
        }
    }

    static DependencyCycles of(MenuBuilder built) {
        Walk w = new Walk(built);
        w.run();
        return new DependencyCycles(w.locations, w.found);
    }

    public List<Cycle> cycles() {
        return cycles;
    }

    public boolean isEmpty() {
        return cycles.isEmpty();
    }

    /** Whether the release prints file:line prefixes (before 6.9). */
    public boolean locations() {
        return locations;
    }

    /** What conf prints on stderr for all cycles, byte for byte. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Cycle c : cycles) {
            sb.append(text(c));
        }
        return sb.toString();
    }

    /** What conf prints for one cycle. */
    public String text(Cycle c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.headline(locations)).append('\n');
        for (Step s : c.steps()) {
            sb.append(line(s)).append('\n');
        }
        sb.append("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n")
                .append("subsection \"Kconfig recursive dependency limitations\"\n\n");
        return sb.toString();
    }

    /** One step as conf prints it (without the newline). */
    public String line(Step s) {
        String pre = locations ? prefix(s.where()) : "";
        switch (s.kind()) {
            case CHOICE_CONTAINS:
                return pre + "\tchoice " + s.symbol() + " contains symbol " + s.next();
            case PART_OF_CHOICE:
                return locations ? pre + "\tsymbol " + s.symbol() + " is part of choice " + s.next()
                        : "\tsymbol " + s.symbol() + " is part of choice block at " + s.block().file() + ":"
                                + s.block().startLine();
            case DEPENDS_ON:
                return pre + "\tsymbol " + s.symbol() + " depends on " + s.next();
            case SELECTED_BY:
                return pre + "\tsymbol " + s.symbol() + " is selected by " + s.next();
            case IMPLIED_BY:
                return pre + "\tsymbol " + s.symbol() + " is implied by " + s.next();
            case VALUE_CONTAINS:
                return pre + "\tsymbol " + s.symbol() + " " + s.propType() + " value contains " + s.next();
            default:
                return pre + "\tsymbol " + s.symbol() + " " + s.propType() + " is visible depending on " + s.next();
        }
    }

    private static String prefix(SourceRange r) {
        return r == null ? "(null):0:" : r.file() + ":" + r.startLine() + ":";
    }

    static String typeName(KProp.Type t) {
        if (t == null) {
            return "unknown";
        }
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Which of a symbol's expressions a stack entry is looking at (dep_stack's expr pointer). */
    private enum Where {
        NONE, DIR_DEP, REV_DEP, IMPLIED, PROP_EXPR
    }

    /** symbol.c's struct dep_stack. */
    private static final class Frame {
        Frame prev;
        Frame next;
        final KSymbol sym;
        KProp prop;
        Where expr = Where.NONE;

        Frame(KSymbol sym) {
            this.sym = sym;
        }
    }

    private static final class Walk {
        private static final int CHECK = 1;
        private static final int CHECKED = 2;

        final MenuBuilder built;
        final boolean locations;
        final boolean rework;
        /** SYMBOL_CHECK / SYMBOL_CHECKED, kept here so the check never touches the evaluator's flags. */
        final Map<KSymbol, Integer> flags = new IdentityHashMap<>();
        final List<Cycle> found = new ArrayList<>();
        Frame top;

        Walk(MenuBuilder built) {
            this.built = built;
            this.locations = !built.release.has(KconfigRelease.Change.RECURSIVE_DEP_PARSE_ORDER);
            this.rework = built.choiceRework;
        }

        void run() {
            if (locations) {
                // 6.1's conf_parse: for_all_symbols.
                for (KSymbol s : built.symbols.all()) {
                    check(s);
                }
            } else {
                // 6.9+: menu_for_each_entry, the menu tree in parse order.
                for (KMenu m = nextMenu(built.root, built.root); m != null; m = nextMenu(m, built.root)) {
                    if (m.sym != null) {
                        check(m.sym);
                    }
                }
            }
        }

        /** menu.c's menu_next. */
        static KMenu nextMenu(KMenu menu, KMenu root) {
            if (menu.list != null) {
                return menu.list;
            }
            while (menu != root && menu.next == null) {
                menu = menu.parent;
            }
            if (menu == root) {
                return null;
            }
            return menu.next;
        }

        boolean has(KSymbol s, int f) {
            return (flags.getOrDefault(s, 0) & f) != 0;
        }

        void set(KSymbol s, int f) {
            flags.merge(s, f, (a, b) -> a | b);
        }

        void clear(KSymbol s, int f) {
            flags.computeIfPresent(s, (k, v) -> v & ~f);
        }

        Frame push(KSymbol s) {
            Frame f = new Frame(s);
            if (top != null) {
                top.next = f;
                f.prev = top;
            }
            top = f;
            return f;
        }

        void pop() {
            top = top.prev;
            if (top != null) {
                top.next = null;
            }
        }

        /** sym_get_choice_menu (6.11+) / the P_CHOICE link (before): the choice a member belongs to, or null. */
        KSymbol choiceOf(KSymbol s) {
            if (rework) {
                return s.choiceMenu != null ? s.choiceMenu.sym : null;
            }
            return s.isChoiceValue() ? s.choice : null;
        }

        /** The choice's members as the check visits them. */
        List<KSymbol> members(KSymbol choice) {
            List<KSymbol> l = new ArrayList<>();
            if (rework) {
                KMenu cm = choice.menus.isEmpty() ? null : choice.menus.get(0);
                if (cm != null) {
                    for (KMenu m = nextMenu(cm, cm); m != null; m = nextMenu(m, cm)) {
                        if (m.sym != null) {
                            l.add(m.sym);
                        }
                    }
                }
            } else {
                l.addAll(choice.choiceValues);
            }
            return l;
        }

        /** sym_check_deps. */
        KSymbol check(KSymbol sym) {
            if (has(sym, CHECK)) {
                report(sym);
                return sym;
            }
            if (has(sym, CHECKED)) {
                return null;
            }
            KSymbol sym2;
            KSymbol choice = choiceOf(sym);
            if (choice != null) {
                // Members are checked starting with their choice.
                push(sym);
                sym2 = check(choice);
                pop();
            } else if (sym.isChoice()) {
                sym2 = checkChoice(sym);
            } else {
                set(sym, CHECK | CHECKED);
                sym2 = checkSym(sym);
                clear(sym, CHECK);
            }
            return sym2;
        }

        /** sym_check_expr_deps. */
        KSymbol checkExpr(KExpr e) {
            if (e == null) {
                return null;
            }
            switch (e.type) {
                case OR:
                case AND: {
                    KSymbol s = checkExpr(e.left);
                    return s != null ? s : checkExpr(e.right);
                }
                case NOT:
                    return checkExpr(e.left);
                case EQUAL:
                case GEQ:
                case GTH:
                case LEQ:
                case LTH:
                case UNEQUAL: {
                    KSymbol s = check(e.lsym);
                    return s != null ? s : check(e.rsym);
                }
                case SYMBOL:
                    return check(e.lsym);
                default:
                    return null;
            }
        }

        /** sym_check_sym_deps. */
        KSymbol checkSym(KSymbol sym) {
            Frame stack = push(sym);
            KSymbol sym2;
            try {
                stack.expr = Where.DIR_DEP;
                sym2 = checkExpr(sym.dirDep);
                if (sym2 != null) {
                    return sym2;
                }
                stack.expr = Where.REV_DEP;
                sym2 = checkExpr(sym.revDep);
                if (sym2 != null) {
                    return sym2;
                }
                stack.expr = Where.IMPLIED;
                sym2 = checkExpr(sym.implied);
                if (sym2 != null) {
                    return sym2;
                }
                stack.expr = Where.NONE;
                for (KProp prop : sym.props) {
                    if ((!rework && prop.type == KProp.Type.CHOICE) || prop.type == KProp.Type.SELECT
                            || prop.type == KProp.Type.IMPLY) {
                        continue;
                    }
                    stack.prop = prop;
                    sym2 = checkExpr(prop.visibleExpr);
                    if (sym2 != null) {
                        break;
                    }
                    if (prop.type != KProp.Type.DEFAULT || sym.isChoice()) {
                        continue;
                    }
                    stack.expr = Where.PROP_EXPR;
                    sym2 = checkExpr(prop.expr);
                    if (sym2 != null) {
                        break;
                    }
                    stack.expr = Where.NONE;
                }
                return sym2;
            } finally {
                pop();
            }
        }

        /** sym_check_choice_deps. */
        KSymbol checkChoice(KSymbol choice) {
            push(choice);
            List<KSymbol> members = members(choice);
            for (KSymbol s : members) {
                set(s, CHECK | CHECKED);
            }
            set(choice, CHECK | CHECKED);
            KSymbol sym2 = checkSym(choice);
            clear(choice, CHECK);
            if (sym2 == null) {
                for (KSymbol s : members) {
                    sym2 = checkSym(s);
                    if (sym2 != null) {
                        break;
                    }
                }
            }
            for (KSymbol s : members) {
                clear(s, CHECK);
            }
            if (sym2 != null && choiceOf(sym2) == choice) {
                sym2 = choice;
            }
            pop();
            return sym2;
        }

        /** sym_check_print_recursive, as data. */
        void report(KSymbol lastSym) {
            boolean pushed = false;
            KSymbol choice = choiceOf(lastSym);
            if (choice != null) {
                push(lastSym);
                pushed = true;
                lastSym = choice;
            }
            try {
                Frame stack = top;
                while (stack != null && stack.sym != lastSym) {
                    stack = stack.prev;
                }
                if (stack == null) {
                    return; // conf: "unexpected recursive dependency error"
                }
                List<Step> steps = new ArrayList<>();
                for (; stack != null; stack = stack.next) {
                    KSymbol sym = stack.sym;
                    KSymbol next = stack.next != null ? stack.next.sym : lastSym;
                    String name = String.valueOf(sym);
                    String nextName = String.valueOf(next);
                    // 6.1's menu_add_entry gives every definition a P_SYMBOL property at
                    // its config line, first in sym->prop: that is where conf points when
                    // the step has no property of its own, and for choices and their values.
                    // Later releases print no locations, but the step is still somewhere: the same place.
                    KMenu menu = sym.menus.isEmpty() ? null : sym.menus.get(0);
                    KProp prop = stack.prop;
                    SourceRange at;
                    if (sym.isChoice() || sym.isChoiceValue() || prop == null) {
                        at = menu != null ? menu.where : prop != null ? prop.where : first(sym.props);
                    } else {
                        at = prop.where;
                    }
                    if (locations) {
                        if (sym.isChoice()) {
                            steps.add(new Step(name, Kind.CHOICE_CONTAINS, nextName, null, at, null));
                        } else if (sym.isChoiceValue()) {
                            steps.add(new Step(name, Kind.PART_OF_CHOICE, nextName, null, at, null));
                        } else {
                            steps.add(step(stack, name, nextName,
                                    prop == null ? (menu != null ? "symbol" : "unknown") : typeName(prop.type), at));
                        }
                    } else {
                        KProp.Type type = stack.prop != null ? stack.prop.type : null;
                        if (next.isChoice()) {
                            KMenu cm = next.menus.isEmpty() ? null : next.menus.get(0);
                            steps.add(new Step(name, Kind.PART_OF_CHOICE, nextName, null, at,
                                    cm == null ? SourceRange.NONE : cm.where));
                        } else {
                            steps.add(step(stack, name, nextName, typeName(type), at));
                        }
                    }
                }
                found.add(new Cycle(steps));
            } finally {
                if (pushed) {
                    pop();
                }
            }
        }

        private static Step step(Frame stack, String name, String nextName, String type, SourceRange at) {
            switch (stack.expr) {
                case DIR_DEP:
                    return new Step(name, Kind.DEPENDS_ON, nextName, null, at, null);
                case REV_DEP:
                    return new Step(name, Kind.SELECTED_BY, nextName, null, at, null);
                case IMPLIED:
                    return new Step(name, Kind.IMPLIED_BY, nextName, null, at, null);
                case PROP_EXPR:
                    return new Step(name, Kind.VALUE_CONTAINS, nextName, type, at, null);
                default:
                    return new Step(name, Kind.VISIBLE_DEPENDING_ON, nextName, type, at, null);
            }
        }

        private static SourceRange first(List<KProp> props) {
            return props.isEmpty() ? null : props.get(0).where;
        }
    }
}
