package dev.kls.kconfig.eval;

import dev.kls.kconfig.Diagnostic;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.semantics.KconfigRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * conf's value computation and .config handling, ported from the kernel's
 * scripts/kconfig (symbol.c, confdata.c, conf.c of Linux 6.1) closely enough
 * to give the same .config byte for byte, and of the later releases' changes
 * to them as {@link KconfigRelease} lists them (6.11's choice rework above all). That includes conf's statefulness:
 * values are cached per symbol (SYMBOL_VALID) and recomputed only when conf
 * recomputes them, and passes over all symbols run in conf's hash order.
 * One engine serves one run; it is not thread-safe.
 */
final class ConfEngine {

    /** conf_set_all_new_symbols' modes. */
    enum NewSymbols {
        DEFAULT, YES, MOD, NO, RANDOM
    }

    private final SymbolTable table;
    private final KMenu root;
    private final KSymbol modulesSym;
    private Tristate modulesVal = Tristate.NO;
    private boolean confChanged;
    /** conf_warnings: warnings while reading a .config; they force a rewrite. */
    private int confWarnings;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<KSymbol, Diagnostic> unmet = new LinkedHashMap<>();
    /** What .config lines start with: conf's CONFIG_ macro. */
    private final String prefix;
    private final ConfigOptions.Probability probability;
    /** randconfig's rand(), seeded as conf seeds it. */
    private final GlibcRandom random;
    /** 6.11+: choices computed from their menus (sym_calc_choice), see {@link KconfigRelease.Change#CHOICE_REWORK}. */
    private final boolean rework;
    /** int and hex symbols start from "0" / "0x0" instead of "". */
    private final boolean intHexZero;

    ConfEngine(MenuBuilder built) {
        this(built, ConfigOptions.DEFAULT);
    }

    ConfEngine(MenuBuilder built, ConfigOptions options) {
        this.prefix = options.symbolPrefix();
        this.probability = options.probability();
        this.random = new GlibcRandom(options.seed());
        this.table = built.symbols;
        this.root = built.root;
        this.modulesSym = built.modules;
        this.rework = built.choiceRework;
        this.intHexZero = built.release.has(KconfigRelease.Change.INT_HEX_ZERO_DEFAULT);
        // conf_parse ends with conf_set_changed(true).
        this.confChanged = true;
    }

    SymbolTable table() {
        return table;
    }

    KMenu root() {
        return root;
    }

    List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.addAll(unmet.values());
        return all;
    }

    // ---- symbol.c ----

    KSymbol.Type getType(KSymbol sym) {
        KSymbol.Type type = sym.type;
        if (type == KSymbol.Type.TRISTATE) {
            if (!rework && sym.isChoiceValue() && sym.visible == Tristate.YES) {
                type = KSymbol.Type.BOOLEAN;
            } else if (modulesVal == Tristate.NO) {
                type = KSymbol.Type.BOOLEAN;
            }
        }
        return type;
    }

    private KProp defaultProp(KSymbol sym) {
        for (KProp p : sym.props) {
            if (p.type == KProp.Type.DEFAULT) {
                p.visibleTri = calc(p.visibleExpr);
                if (p.visibleTri != Tristate.NO) {
                    return p;
                }
            }
        }
        return null;
    }

    private KProp rangeProp(KSymbol sym) {
        for (KProp p : sym.props) {
            if (p.type == KProp.Type.RANGE) {
                p.visibleTri = calc(p.visibleExpr);
                if (p.visibleTri != Tristate.NO) {
                    return p;
                }
            }
        }
        return null;
    }

    private long rangeVal(KSymbol sym, int base) {
        calcValue(sym);
        if (sym.type == KSymbol.Type.INT) {
            base = 10;
        } else if (sym.type == KSymbol.Type.HEX) {
            base = 16;
        }
        return CNumbers.strtoll(str(sym.currVal), base);
    }

    /** Clamps an int/hex value outside its active range to the bound it passed, as conf does. */
    private void validateRange(KSymbol sym) {
        int base;
        if (sym.type == KSymbol.Type.INT) {
            base = 10;
        } else if (sym.type == KSymbol.Type.HEX) {
            base = 16;
        } else {
            return;
        }
        KProp prop = rangeProp(sym);
        if (prop == null) {
            return;
        }
        long val = CNumbers.strtoll(str(sym.currVal), base);
        KSymbol rangeSym = prop.expr.lsym;
        long val2 = rangeVal(rangeSym, base);
        if (val >= val2) {
            rangeSym = prop.expr.rsym;
            val2 = rangeVal(rangeSym, base);
            if (val <= val2) {
                return;
            }
        }
        sym.currVal = rangeSym.currVal;
    }

    private void calcVisibility(KSymbol sym) {
        Tristate tri = Tristate.NO;
        KSymbol choiceSym = !rework && sym.isChoiceValue() ? sym.choice : null;
        for (KProp p : sym.props) {
            if (p.text == null) {
                continue;
            }
            p.visibleTri = calc(p.visibleExpr);
            // A tristate value with visibility m is hidden while its choice is y.
            if (choiceSym != null && sym.type == KSymbol.Type.TRISTATE && p.visibleTri == Tristate.MOD
                    && choiceSym.currTri == Tristate.YES) {
                p.visibleTri = Tristate.NO;
            }
            tri = tri.or(p.visibleTri);
        }
        if (tri == Tristate.MOD && (sym.type != KSymbol.Type.TRISTATE || modulesVal == Tristate.NO)) {
            tri = Tristate.YES;
        }
        sym.visible = tri;
        if (sym.isChoiceValue()) {
            return;
        }
        tri = Tristate.YES;
        if (sym.dirDep != null) {
            tri = calc(sym.dirDep);
        }
        if (tri == Tristate.MOD && getType(sym) == KSymbol.Type.BOOLEAN) {
            tri = Tristate.YES;
        }
        sym.dirDepTri = tri;
        tri = Tristate.NO;
        if (sym.revDep != null) {
            tri = calc(sym.revDep);
        }
        if (tri == Tristate.MOD && getType(sym) == KSymbol.Type.BOOLEAN) {
            tri = Tristate.YES;
        }
        sym.revDepTri = tri;
        tri = Tristate.NO;
        if (sym.implied != null) {
            tri = calc(sym.implied);
        }
        if (tri == Tristate.MOD && getType(sym) == KSymbol.Type.BOOLEAN) {
            tri = Tristate.YES;
        }
        sym.impliedTri = tri;
    }

    /** sym_choice_default: the first active default that is visible, else the first visible value. */
    KSymbol choiceDefault(KSymbol sym) {
        for (KProp p : sym.props) {
            if (p.type != KProp.Type.DEFAULT) {
                continue;
            }
            p.visibleTri = calc(p.visibleExpr);
            if (p.visibleTri == Tristate.NO) {
                continue;
            }
            KSymbol def = p.symbol();
            if (def != null && def.visible != Tristate.NO) {
                return def;
            }
        }
        for (KSymbol v : sym.choiceValues) {
            if (v.visible != Tristate.NO) {
                return v;
            }
        }
        return null;
    }

    /** 6.11+ sym_choice_default: the first visible default of the choice, else its first visible entry. */
    KSymbol choiceDefault(KMenu choice) {
        for (KProp p : choice.sym.props) {
            if (p.type != KProp.Type.DEFAULT) {
                continue;
            }
            p.visibleTri = calc(p.visibleExpr);
            if (p.visibleTri == Tristate.NO) {
                continue;
            }
            KSymbol def = p.symbol();
            if (def != null && def.visible != Tristate.NO) {
                return def;
            }
        }
        for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
            if (m.sym != null && m.sym.visible != Tristate.NO) {
                return m.sym;
            }
        }
        return null;
    }

    /**
     * 6.11+ sym_calc_choice: the first visible member with a user y, in
     * priority order; else the default unless the user said n to it; else
     * the first visible member without a user value; else the visible member
     * of least priority. Sets every visible member's value.
     */
    KSymbol calcChoice(KMenu choice) {
        KSymbol res = null;
        for (KSymbol s : choice.sym.members) {
            calcVisibility(s);
            if (s.visible == Tristate.NO) {
                continue;
            }
            if (s.hasValue() && s.defTri == Tristate.YES) {
                res = s;
                break;
            }
        }
        if (res == null) {
            res = choiceDefault(choice);
            if (res != null && res.hasValue() && res.defTri == Tristate.NO) {
                res = null;
            }
        }
        if (res == null) {
            for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
                KSymbol s = m.sym;
                if (s == null || s.visible == Tristate.NO || s.hasValue()) {
                    continue;
                }
                res = s;
                break;
            }
        }
        if (res == null) {
            List<KSymbol> members = choice.sym.members;
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).visible != Tristate.NO) {
                    res = members.get(i);
                    break;
                }
            }
        }
        for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
            KSymbol s = m.sym;
            if (s == null || s.visible == Tristate.NO) {
                continue;
            }
            s.currTri = s == res ? Tristate.YES : Tristate.NO;
            s.flags |= KSymbol.VALID | KSymbol.WRITE;
        }
        return res;
    }

    private KSymbol calcChoice(KSymbol sym) {
        int flags = sym.flags;
        for (KSymbol v : sym.choiceValues) {
            calcVisibility(v);
            if (v.visible != Tristate.NO) {
                flags &= v.flags;
            }
        }
        // The user's pick only counts if every visible value has a user value.
        sym.flags &= flags | ~KSymbol.DEF_USER;
        KSymbol def = sym.defVal instanceof KSymbol k ? k : null;
        if (def != null && def.visible != Tristate.NO) {
            return def;
        }
        def = choiceDefault(sym);
        if (def == null) {
            sym.currTri = Tristate.NO;
        }
        return def;
    }

    void calcValue(KSymbol sym) {
        if (sym == null || sym.has(KSymbol.VALID)) {
            return;
        }
        if (!rework && sym.isChoiceValue() && sym.has(KSymbol.NEED_SET_CHOICE_VALUES)) {
            sym.flags &= ~KSymbol.NEED_SET_CHOICE_VALUES;
            calcValue(sym.choice);
        }
        sym.flags |= KSymbol.VALID;
        Object oldVal = sym.currVal;
        Tristate oldTri = sym.currTri;
        Object newVal;
        Tristate newTri;
        switch (sym.type) {
            case INT:
            case HEX:
            case STRING:
                newVal = table.empty.currVal;
                newTri = table.empty.currTri;
                if (intHexZero && sym.type != KSymbol.Type.STRING) {
                    newVal = sym.type == KSymbol.Type.INT ? "0" : "0x0";
                }
                break;
            case BOOLEAN:
            case TRISTATE:
                newVal = table.no.currVal;
                newTri = table.no.currTri;
                break;
            default:
                sym.currVal = sym.name;
                sym.currTri = Tristate.NO;
                return;
        }
        sym.flags &= ~KSymbol.WRITE;
        calcVisibility(sym);
        if (sym.visible != Tristate.NO) {
            sym.flags |= KSymbol.WRITE;
        }
        // What a recursive use of this symbol sees while it is being computed.
        sym.currVal = newVal;
        sym.currTri = newTri;
        switch (getType(sym)) {
            case BOOLEAN:
            case TRISTATE:
                if (rework && sym.choiceMenu != null) {
                    calcChoice(sym.choiceMenu);
                    newTri = sym.currTri;
                } else if (!rework && sym.isChoiceValue() && sym.visible == Tristate.YES) {
                    newTri = sym.choice.currVal == sym ? Tristate.YES : Tristate.NO;
                } else {
                    if (sym.visible != Tristate.NO && sym.hasValue()) {
                        newTri = sym.defTri.and(sym.visible);
                    } else {
                        if (sym.revDepTri != Tristate.NO) {
                            sym.flags |= KSymbol.WRITE;
                        }
                        if (!sym.isChoice()) {
                            KProp prop = defaultProp(sym);
                            if (prop != null) {
                                newTri = calc(prop.expr).and(prop.visibleTri);
                                if (newTri != Tristate.NO) {
                                    sym.flags |= KSymbol.WRITE;
                                }
                            }
                            if (sym.impliedTri != Tristate.NO) {
                                sym.flags |= KSymbol.WRITE;
                                newTri = newTri.or(sym.impliedTri);
                                newTri = newTri.and(sym.dirDepTri);
                            }
                        }
                    }
                    if (sym.dirDepTri.compareTo(sym.revDepTri) < 0) {
                        warnUnmetDep(sym);
                    }
                    newTri = newTri.or(sym.revDepTri);
                }
                if (newTri == Tristate.MOD && getType(sym) == KSymbol.Type.BOOLEAN) {
                    newTri = Tristate.YES;
                }
                break;
            case STRING:
            case HEX:
            case INT:
                if (sym.visible != Tristate.NO && sym.hasValue()) {
                    newVal = sym.defVal;
                    break;
                }
                KProp prop = defaultProp(sym);
                if (prop != null) {
                    KSymbol ds = prop.symbol();
                    if (ds != null) {
                        sym.flags |= KSymbol.WRITE;
                        calcValue(ds);
                        newVal = ds.currVal;
                    }
                }
                break;
            default:
                break;
        }
        sym.currVal = newVal;
        sym.currTri = newTri;
        if (!rework && sym.isChoice() && newTri == Tristate.YES) {
            sym.currVal = calcChoice(sym);
        }
        validateRange(sym);
        if ((oldVal != sym.currVal || oldTri != sym.currTri) && sym == modulesSym) {
            modulesVal = modulesSym.currTri;
        }
        if (rework) {
            if (sym.isChoice()) {
                sym.flags &= ~KSymbol.WRITE;
            }
            return;
        }
        if (sym.isChoice()) {
            for (KSymbol v : sym.choiceValues) {
                if (sym.has(KSymbol.WRITE) && v.visible != Tristate.NO) {
                    v.flags |= KSymbol.WRITE;
                }
            }
        }
        if (sym.has(KSymbol.NO_WRITE)) {
            sym.flags &= ~KSymbol.WRITE;
        }
        if (sym.has(KSymbol.NEED_SET_CHOICE_VALUES)) {
            setAllChoiceValues(sym);
        }
    }

    void clearAllValid() {
        for (KSymbol s : table.all()) {
            s.flags &= ~KSymbol.VALID;
        }
        confChanged = true;
        calcValue(modulesSym);
    }

    /** sym_get_string_value: n/m/y for bool and tristate, else the string value. */
    String stringValue(KSymbol sym) {
        if (sym.type == KSymbol.Type.BOOLEAN || sym.type == KSymbol.Type.TRISTATE) {
            return sym.currTri.letter();
        }
        return str(sym.currVal);
    }

    private static String str(Object val) {
        if (val == null) {
            return "";
        }
        return val instanceof String s ? s : val.toString();
    }

    /** sym_string_valid: whether a .config value is well-formed for the symbol's type. */
    static boolean stringValid(KSymbol sym, String str) {
        switch (sym.type) {
            case STRING:
                return true;
            case INT: {
                int i = 0;
                if (i < str.length() && str.charAt(i) == '-') {
                    i++;
                }
                if (i >= str.length() || !CNumbers.isDigit(str.charAt(i))) {
                    return false;
                }
                if (str.charAt(i) == '0' && i + 1 < str.length()) {
                    return false;
                }
                for (i++; i < str.length(); i++) {
                    if (!CNumbers.isDigit(str.charAt(i))) {
                        return false;
                    }
                }
                return true;
            }
            case HEX: {
                int i = 0;
                if (str.length() >= 2 && str.charAt(0) == '0' && (str.charAt(1) == 'x' || str.charAt(1) == 'X')) {
                    i = 2;
                }
                if (i >= str.length()) {
                    return false;
                }
                for (; i < str.length(); i++) {
                    if (!CNumbers.isXDigit(str.charAt(i))) {
                        return false;
                    }
                }
                return true;
            }
            case BOOLEAN:
            case TRISTATE:
                return !str.isEmpty() && "yYmMnN".indexOf(str.charAt(0)) >= 0;
            default:
                return false;
        }
    }

    /** sym_string_within_range for the types conf_read checks: string, int and hex. */
    boolean stringWithinRange(KSymbol sym, String str) {
        if (!stringValid(sym, str)) {
            return false;
        }
        if (sym.type != KSymbol.Type.INT && sym.type != KSymbol.Type.HEX) {
            return true;
        }
        KProp prop = rangeProp(sym);
        if (prop == null) {
            return true;
        }
        int base = sym.type == KSymbol.Type.INT ? 10 : 16;
        long val = CNumbers.strtoll(str, base);
        return val >= rangeVal(prop.expr.lsym, base) && val <= rangeVal(prop.expr.rsym, base);
    }

    // ---- expr.c: expr_calc_value ----

    Tristate calc(KExpr e) {
        if (e == null) {
            return Tristate.YES;
        }
        switch (e.type) {
            case SYMBOL:
                calcValue(e.lsym);
                return e.lsym.currTri;
            case AND:
                return calc(e.left).and(calc(e.right));
            case OR:
                return calc(e.left).or(calc(e.right));
            case NOT:
                return calc(e.left).not();
            case EQUAL:
            case GEQ:
            case GTH:
            case LEQ:
            case LTH:
            case UNEQUAL:
                break;
            default:
                return Tristate.NO;
        }
        calcValue(e.lsym);
        calcValue(e.rsym);
        return compare(e.type, stringValue(e.lsym), e.lsym.type, stringValue(e.rsym), e.rsym.type)
                ? Tristate.YES : Tristate.NO;
    }

    /** The comparison part of expr_calc_value on two symbols' string values and types (shared with the SAT encoding). */
    static boolean compare(KExpr.Type op, String str1, KSymbol.Type t1, String str2, KSymbol.Type t2) {
        Num l = null;
        Num r = null;
        if (t1 != KSymbol.Type.STRING || t2 != KSymbol.Type.STRING) {
            l = parseNum(str1, t1);
            r = parseNum(str2, t2);
        }
        int res;
        if (l == null || r == null) {
            res = CNumbers.strcmp(str1, str2);
        } else if (l.unsigned || r.unsigned) {
            res = Long.compareUnsigned(l.value, r.value);
        } else {
            res = Long.compare(l.value, r.value);
        }
        boolean holds;
        switch (op) {
            case EQUAL:
                holds = res == 0;
                break;
            case GEQ:
                holds = res >= 0;
                break;
            case GTH:
                holds = res > 0;
                break;
            case LEQ:
                holds = res <= 0;
                break;
            case LTH:
                holds = res < 0;
                break;
            default:
                holds = res != 0;
                break;
        }
        return holds;
    }

    private record Num(long value, boolean unsigned) {
    }

    /** expr_parse_string: a number when the whole string is one, else null (compare as strings). */
    private static Num parseNum(String str, KSymbol.Type type) {
        switch (type) {
            case BOOLEAN:
            case TRISTATE:
                return new Num(str.equals("n") ? 0 : str.equals("m") ? 1 : str.equals("y") ? 2 : -1, false);
            default:
                break;
        }
        CNumbers.Parsed p;
        boolean unsigned = false;
        if (type == KSymbol.Type.INT) {
            p = CNumbers.parse(str, 10, false);
        } else if (type == KSymbol.Type.HEX) {
            p = CNumbers.parse(str, 16, true);
            unsigned = true;
        } else {
            p = CNumbers.parse(str, 0, false);
        }
        boolean whole = !p.overflow() && p.end() == str.length() && p.end() > 0
                && CNumbers.isXDigit(str.charAt(p.end() - 1));
        return whole ? new Num(p.value(), unsigned) : null;
    }

    // ---- menu.c: menu_is_visible ----

    boolean menuIsVisible(KMenu menu) {
        if (menu.prompt == null) {
            return false;
        }
        if (menu.visibility != null && calc(menu.visibility) == Tristate.NO) {
            return false;
        }
        KSymbol sym = menu.sym;
        Tristate visible;
        if (sym != null) {
            calcValue(sym);
            visible = menu.prompt.visibleTri;
        } else {
            visible = calc(menu.prompt.visibleExpr);
            menu.prompt.visibleTri = visible;
        }
        if (visible != Tristate.NO) {
            return true;
        }
        if (sym == null || sym.currTri == Tristate.NO) {
            return false;
        }
        for (KMenu child = menu.list; child != null; child = child.next) {
            if (menuIsVisible(child)) {
                if (!rework) {
                    sym.flags |= KSymbol.DEF_USER;
                }
                return true;
            }
        }
        return false;
    }

    // ---- confdata.c ----

    void setAllChoiceValues(KSymbol csym) {
        for (KSymbol v : csym.choiceValues) {
            if (!v.hasValue()) {
                v.defTri = Tristate.NO;
            }
        }
        csym.flags |= KSymbol.DEF_USER;
        csym.flags &= ~(KSymbol.VALID | KSymbol.NEED_SET_CHOICE_VALUES);
    }

    private void confWarning(DotConfig in, int line, String text, String message) {
        confWarnings++;
        diagnostics.add(Diagnostic.warning(DotConfig.range(in.file(), line, text), message));
    }

    /** conf_read_simple: takes the values of a .config as user values; computes nothing. */
    void readSimple(DotConfig in) {
        confWarnings = 0;
        for (KSymbol s : table.all()) {
            s.flags &= ~(KSymbol.DEF_USER | KSymbol.VALID);
            if (s.isChoice() && !rework) {
                s.flags |= KSymbol.DEF_USER;
            }
            s.defVal = null;
            s.defTri = Tristate.NO;
        }
        for (DotConfig.Line line : in.lines()) {
            String name;
            String val;
            String text;
            if (line instanceof DotConfig.Assignment a) {
                name = a.name();
                val = a.value();
                text = prefix + name + "=" + val;
            } else if (line instanceof DotConfig.NotSet n) {
                name = n.name();
                val = "n";
                text = "# " + prefix + name + " is not set";
            } else {
                if (line instanceof DotConfig.Unexpected) {
                    confWarnings++; // conf counts this one (DotConfig reported it), and so rewrites the file
                }
                continue;
            }
            KSymbol sym = table.find(name);
            if (sym == null) {
                diagnostics.add(Diagnostic.warning(DotConfig.range(in.file(), line.number(), text),
                        "unknown symbol: " + name).coded(Diagnostic.Code.UNKNOWN_SYMBOL, name));
                confChanged = true;
                continue;
            }
            if (sym.hasValue()) {
                confWarning(in, line.number(), text, "override: reassigning to symbol " + name);
            }
            if (setSymVal(sym, val, in, line.number(), text)) {
                continue;
            }
            if (rework) {
                // The member read last gets the highest priority: the last of conflicting lines wins.
                KMenu choice = sym.choiceMenu;
                if (choice != null) {
                    choice.sym.members.remove(sym);
                    choice.sym.members.add(0, sym);
                }
                continue;
            }
            if (sym.isChoiceValue()) {
                KSymbol cs = sym.choice;
                switch (sym.defTri) {
                    case MOD:
                        if (cs.defTri == Tristate.YES) {
                            confWarning(in, line.number(), text, name + " creates inconsistent choice state");
                            cs.flags &= ~KSymbol.DEF_USER;
                        }
                        break;
                    case YES:
                        if (cs.defTri != Tristate.NO) {
                            confWarning(in, line.number(), text, "override: " + name + " changes choice state");
                        }
                        cs.defVal = sym;
                        break;
                    default:
                        break;
                }
                cs.defTri = cs.defTri.or(sym.defTri);
            }
        }
    }

    /** conf_set_sym_val; true when the line was rejected. */
    private boolean setSymVal(KSymbol sym, String p, DotConfig in, int line, String text) {
        switch (sym.type) {
            case TRISTATE:
            case BOOLEAN:
                if (sym.type == KSymbol.Type.TRISTATE && p.startsWith("m")) {
                    sym.defTri = Tristate.MOD;
                } else if (p.startsWith("y")) {
                    sym.defTri = Tristate.YES;
                } else if (p.startsWith("n")) {
                    sym.defTri = Tristate.NO;
                } else {
                    confWarning(in, line, text, "symbol value '" + p + "' invalid for " + sym.name);
                    return true;
                }
                sym.flags |= KSymbol.DEF_USER;
                return false;
            case STRING:
                if (!p.startsWith("\"")) {
                    // conf ignores the line without a word; kls says so.
                    diagnostics.add(Diagnostic.warning(DotConfig.range(in.file(), line, text),
                            "string value of " + sym.name + " is not quoted: the line is ignored")
                            .coded(Diagnostic.Code.STRING_NOT_QUOTED, sym.name));
                    return false;
                }
                String s = DotConfig.unquote(p);
                if (s == null) {
                    confWarning(in, line, text, "invalid string found");
                    return true;
                }
                p = s;
                // fall through to the validity check, as conf does
            case INT:
            case HEX:
                if (stringValid(sym, p)) {
                    sym.defVal = p;
                    sym.flags |= KSymbol.DEF_USER;
                } else {
                    confWarning(in, line, text, "symbol value '" + p + "' invalid for " + sym.name);
                    return true;
                }
                return false;
            default:
                diagnostics.add(Diagnostic.warning(DotConfig.range(in.file(), line, text),
                        sym + " has no type: the line is ignored").coded(Diagnostic.Code.VALUE_OF_UNTYPED_SYMBOL,
                        sym.name));
                return false;
        }
    }

    /** conf_read: reads a .config (null: there is none) and settles every symbol. */
    void read(DotConfig in) {
        confChanged = false;
        if (in == null) {
            confChanged = true;
            calcValue(modulesSym);
            return;
        }
        readSimple(in);
        calcValue(modulesSym);
        if (rework) {
            readRework();
            return;
        }
        int unsaved = 0;
        for (KSymbol sym : table.all()) {
            calcValue(sym);
            if (sym.isChoice() || sym.has(KSymbol.NO_WRITE)) {
                continue;
            }
            if (sym.hasValue() && sym.has(KSymbol.WRITE)) {
                // Does the computed value agree with the saved one?
                if (sym.type == KSymbol.Type.BOOLEAN || sym.type == KSymbol.Type.TRISTATE) {
                    if (sym.defTri == sym.currTri) {
                        continue;
                    }
                } else if (CNumbers.strcmp(str(sym.currVal), str(sym.defVal)) == 0) {
                    continue;
                }
            } else if (!sym.hasValue() && !sym.has(KSymbol.WRITE)) {
                continue;
            }
            unsaved++;
        }
        for (KSymbol sym : table.all()) {
            if (sym.hasValue() && !sym.isChoiceValue()) {
                if (sym.visible == Tristate.NO && unsaved == 0) {
                    sym.flags &= ~KSymbol.DEF_USER;
                }
                if (sym.type == KSymbol.Type.STRING || sym.type == KSymbol.Type.INT
                        || sym.type == KSymbol.Type.HEX) {
                    // A value out of range is dropped: the symbol goes back to its default.
                    if (!stringWithinRange(sym, str(sym.defVal))) {
                        sym.flags &= ~(KSymbol.VALID | KSymbol.DEF_USER);
                        unsaved++;
                    }
                }
            }
        }
        if (confWarnings > 0 || unsaved > 0) {
            confChanged = true;
        }
    }

    /** 6.11+ conf_read after conf_read_simple: user values are kept even when invisible or out of range. */
    private void readRework() {
        for (KSymbol sym : table.all()) {
            calcValue(sym);
            if (sym.isChoice()) {
                continue;
            }
            if (sym.hasValue() && sym.has(KSymbol.WRITE)) {
                if (sym.type == KSymbol.Type.BOOLEAN || sym.type == KSymbol.Type.TRISTATE) {
                    if (sym.defTri == sym.currTri) {
                        continue;
                    }
                } else if (CNumbers.strcmp(str(sym.currVal), str(sym.defVal)) == 0) {
                    continue;
                }
            } else if (!sym.hasValue() && !sym.has(KSymbol.WRITE)) {
                continue;
            }
            confChanged = true;
        }
        if (confWarnings > 0) {
            confChanged = true;
        }
    }

    /**
     * 6.11+ conf_set_all_new_symbols: walks the menu, gives every prompted
     * bool/tristate without a value (choice members excepted) the mode's
     * value, and in random mode randomizes each choice where the walk meets
     * it. Always true: conf no longer repeats it.
     */
    private boolean setAllNewSymbolsRework(NewSymbols mode) {
        for (KMenu menu = MenuBuilder.menuNext(root, root); menu != null; menu = MenuBuilder.menuNext(menu, root)) {
            KSymbol sym = menu.sym;
            if (sym == null || menu.prompt == null || sym.hasValue()
                    || sym.type != KSymbol.Type.BOOLEAN && sym.type != KSymbol.Type.TRISTATE || sym.isChoiceValue()) {
                continue;
            }
            if (sym.isChoice()) {
                if (mode == NewSymbols.RANDOM) {
                    randomizeChoice(menu);
                }
                continue;
            }
            Tristate val;
            switch (mode) {
                case YES:
                    val = Tristate.YES;
                    break;
                case MOD:
                    val = Tristate.MOD;
                    break;
                case NO:
                    val = Tristate.NO;
                    break;
                case RANDOM: {
                    val = Tristate.NO;
                    int cnt = random.next() % 100;
                    if (sym.type == KSymbol.Type.TRISTATE) {
                        if (cnt < probability.tristateYes()) {
                            val = Tristate.YES;
                        } else if (cnt < probability.tristateYes() + probability.tristateMod()) {
                            val = Tristate.MOD;
                        }
                    } else if (cnt < probability.bool()) {
                        val = Tristate.YES;
                    }
                    break;
                }
                default:
                    continue;
            }
            sym.defTri = val;
            sym.flags |= KSymbol.DEF_USER;
        }
        clearAllValid();
        return false;
    }

    /**
     * 6.11+ randomize_choice_values: every member without a value (one
     * counted per menu entry) is set to y, one at a time in random order,
     * each moved to the end of the priority list; members KCONFIG_ALLCONFIG
     * set stay ahead of them.
     */
    private void randomizeChoice(KMenu choice) {
        int cnt = 0;
        for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
            if (m.sym != null && !m.sym.hasValue()) {
                cnt++;
            }
        }
        while (cnt > 0) {
            int x = random.next() % cnt;
            for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
                KSymbol sym = m.sym;
                if (sym != null && !sym.hasValue()) {
                    x--;
                }
                if (x < 0) {
                    sym.defTri = Tristate.YES;
                    sym.flags |= KSymbol.DEF_USER;
                    choice.sym.members.remove(sym);
                    choice.sym.members.add(sym);
                    break;
                }
            }
            cnt--;
        }
    }

    /**
     * conf.c's conf_set_all_new_symbols: every bool/tristate without a value
     * gets one (y, m, n, a random one, or none for the default), then the
     * choices are settled. True when something was changed, which is what
     * randconfig repeats it on.
     */
    boolean setAllNewSymbols(NewSymbols mode) {
        if (rework) {
            return setAllNewSymbolsRework(mode);
        }
        boolean changed = false;
        for (KSymbol sym : table.all()) {
            if (sym.hasValue() || sym.has(KSymbol.VALID)) {
                continue;
            }
            KSymbol.Type t = getType(sym);
            if (t != KSymbol.Type.BOOLEAN && t != KSymbol.Type.TRISTATE) {
                continue;
            }
            changed = true;
            switch (mode) {
                case YES:
                    sym.defTri = Tristate.YES;
                    break;
                case MOD:
                    sym.defTri = Tristate.MOD;
                    break;
                case NO:
                    sym.defTri = Tristate.NO;
                    break;
                case RANDOM: {
                    sym.defTri = Tristate.NO;
                    int cnt = random.next() % 100;
                    // The declared type decides, not sym_get_type: a tristate may get m even while MODULES is n.
                    if (sym.type == KSymbol.Type.TRISTATE) {
                        if (cnt < probability.tristateYes()) {
                            sym.defTri = Tristate.YES;
                        } else if (cnt < probability.tristateYes() + probability.tristateMod()) {
                            sym.defTri = Tristate.MOD;
                        }
                    } else if (cnt < probability.bool()) {
                        sym.defTri = Tristate.YES;
                    }
                    break;
                }
                default:
                    continue;
            }
            // A choice's random draw is not its value: randomize_choice_values picks the value later.
            if (!(sym.isChoice() && mode == NewSymbols.RANDOM)) {
                sym.flags |= KSymbol.DEF_USER;
            }
        }
        clearAllValid();
        if (mode != NewSymbols.RANDOM) {
            for (KSymbol csym : table.all()) {
                if (csym.isChoice() && !csym.hasValue() || csym.isChoiceValue()) {
                    csym.flags |= KSymbol.NEED_SET_CHOICE_VALUES;
                }
            }
        }
        for (KSymbol csym : table.all()) {
            if (csym.hasValue() || !csym.isChoice()) {
                continue;
            }
            calcValue(csym);
            if (mode == NewSymbols.RANDOM) {
                changed |= randomizeChoiceValues(csym);
            } else {
                setAllChoiceValues(csym);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * conf.c's randomize_choice_values: a choice at y gets one of all its
     * values (visible or not) as the user's pick, the others n. A choice at m
     * or n is left alone.
     */
    private boolean randomizeChoiceValues(KSymbol csym) {
        if (csym.currTri != Tristate.YES) {
            return false;
        }
        int cnt = csym.choiceValues.size();
        if (cnt == 0) {
            return false; // conf would divide by zero here; a choice at y always has a value
        }
        int def = random.next() % cnt;
        for (int i = 0; i < cnt; i++) {
            KSymbol sym = csym.choiceValues.get(i);
            if (i == def) {
                sym.defTri = Tristate.YES;
                csym.defVal = sym;
            } else {
                sym.defTri = Tristate.NO;
            }
            sym.flags |= KSymbol.DEF_USER;
            sym.flags &= ~KSymbol.VALID;
        }
        csym.flags |= KSymbol.DEF_USER;
        csym.flags &= ~KSymbol.VALID;
        return true;
    }

    // ---- symbol.c: what conf's interactive modes set (see Conf) ----

    boolean choiceRework() {
        return rework;
    }

    /** sym_tristate_within_range. */
    boolean tristateWithinRange(KSymbol sym, Tristate val) {
        KSymbol.Type type = getType(sym);
        if (sym.visible == Tristate.NO) {
            return false;
        }
        if (type != KSymbol.Type.BOOLEAN && type != KSymbol.Type.TRISTATE) {
            return false;
        }
        if (type == KSymbol.Type.BOOLEAN && val == Tristate.MOD) {
            return false;
        }
        if (sym.visible.compareTo(sym.revDepTri) <= 0) {
            return false;
        }
        if (!rework && sym.isChoiceValue() && sym.visible == Tristate.YES) {
            return val == Tristate.YES;
        }
        return val.compareTo(sym.revDepTri) >= 0 && val.compareTo(sym.visible) <= 0;
    }

    /** sym_set_tristate_value: a user value, as conf's prompts set it. */
    boolean setTristateValue(KSymbol sym, Tristate val) {
        Tristate oldval = sym.currTri;
        if (rework) {
            if (!tristateWithinRange(sym, val)) {
                return false;
            }
            if (!sym.hasValue() || sym.defTri != val) {
                sym.defTri = val;
                sym.flags |= KSymbol.DEF_USER;
            }
        } else {
            if (oldval != val && !tristateWithinRange(sym, val)) {
                return false;
            }
            sym.flags |= KSymbol.DEF_USER;
            // Setting a choice value also sets its choice, and marks the visible values as set.
            if (sym.isChoiceValue() && val == Tristate.YES) {
                KSymbol cs = sym.choice;
                cs.defVal = sym;
                cs.flags |= KSymbol.DEF_USER;
                for (KSymbol v : cs.choiceValues) {
                    if (v.visible != Tristate.NO) {
                        v.flags |= KSymbol.DEF_USER;
                    }
                }
            }
            sym.defTri = val;
        }
        if (oldval != val) {
            clearAllValid();
        }
        return true;
    }

    /** sym_set_string_value. */
    boolean setStringValue(KSymbol sym, String newval) {
        switch (sym.type) {
            case BOOLEAN:
            case TRISTATE:
                if (newval.isEmpty()) {
                    return false;
                }
                switch (newval.charAt(0)) {
                    case 'y':
                    case 'Y':
                        return setTristateValue(sym, Tristate.YES);
                    case 'm':
                    case 'M':
                        return setTristateValue(sym, Tristate.MOD);
                    case 'n':
                    case 'N':
                        return setTristateValue(sym, Tristate.NO);
                    default:
                        return false;
                }
            default:
                break;
        }
        if (!stringWithinRange(sym, newval)) {
            return false;
        }
        sym.flags |= KSymbol.DEF_USER;
        if (sym.type == KSymbol.Type.HEX && !(newval.length() >= 2 && newval.charAt(0) == '0'
                && (newval.charAt(1) == 'x' || newval.charAt(1) == 'X'))) {
            newval = "0x" + newval;
        }
        sym.defVal = newval;
        clearAllValid();
        return true;
    }

    /** 6.11+ choice_set_value: the user picked {@code sym}; every visible member gets a user value and top priority. */
    void choiceSetValue(KMenu choice, KSymbol sym) {
        boolean changed = false;
        for (KMenu m = MenuBuilder.menuNext(choice, choice); m != null; m = MenuBuilder.menuNext(m, choice)) {
            KSymbol s = m.sym;
            if (s == null || s.visible == Tristate.NO) {
                continue;
            }
            Tristate val = s == sym ? Tristate.YES : Tristate.NO;
            if (s.currTri != val) {
                changed = true;
            }
            s.defTri = val;
            s.flags |= KSymbol.DEF_USER;
            // Each visible member moves to the front in menu order, as conf does; only the pick is y.
            choice.sym.members.remove(s);
            choice.sym.members.add(0, s);
        }
        if (changed) {
            clearAllValid();
        }
    }

    /** sym_is_changeable: the user may set it to more than what selects force. */
    boolean isChangeable(KSymbol sym) {
        if (rework && sym.isChoice()) {
            return false;
        }
        return sym.visible.compareTo(sym.revDepTri) > 0;
    }

    /** sym_get_string_default: the value the symbol would have without a user value. */
    String stringDefault(KSymbol sym) {
        calcVisibility(sym);
        calcValue(modulesSym);
        Tristate val = table.no.currTri;
        String str = str(table.empty.currVal);
        KProp prop = defaultProp(sym);
        if (prop != null) {
            if (sym.type == KSymbol.Type.BOOLEAN || sym.type == KSymbol.Type.TRISTATE) {
                val = calc(prop.expr).and(prop.visibleTri);
            } else {
                // Like conf, this ignores a range that would clamp the default.
                KSymbol ds = prop.symbol();
                if (ds != null) {
                    calcValue(ds);
                    str = str(ds.currVal);
                }
            }
        }
        val = val.or(sym.revDepTri);
        if (val == Tristate.MOD && !sym.isChoiceValue() && modulesSym.currTri == Tristate.NO) {
            val = Tristate.YES;
        }
        if (sym.type == KSymbol.Type.BOOLEAN && val == Tristate.MOD) {
            val = Tristate.YES;
        }
        if (val.compareTo(sym.impliedTri) < 0) {
            val = sym.impliedTri;
        }
        switch (sym.type) {
            case BOOLEAN:
            case TRISTATE:
                return val.letter();
            case INT:
                return intHexZero && str.isEmpty() ? "0" : str;
            case HEX:
                return intHexZero && str.isEmpty() ? "0x0" : str;
            case STRING:
                return str;
            default:
                return intHexZero ? str : "";
        }
    }

    /**
     * confdata.c's conf_write_defconfig: the minimal defconfig. Symbols the
     * user cannot change and values equal to the default are left out, and so
     * is a bool choice value that is the choice's default and y.
     */
    String writeDefconfig() {
        StringBuilder out = new StringBuilder(16 * 1024);
        clearAllValid();
        KMenu menu = root.list;
        while (menu != null) {
            KSymbol sym = menu.sym;
            if (sym == null) {
                if (!rework) {
                    menuIsVisible(menu); // conf computes it and goes on into the menu either way
                }
            } else if (!sym.isChoice()) {
                calcValue(sym);
                if (sym.has(KSymbol.WRITE)) {
                    sym.flags &= ~KSymbol.WRITE;
                    if (isChangeable(sym) && CNumbers.strcmp(stringValue(sym), stringDefault(sym)) != 0
                            && !isDefaultChoiceValue(sym)) {
                        printSymbol(out, sym);
                    }
                }
            }
            if (menu.list != null) {
                menu = menu.list;
            } else if (menu.next != null) {
                menu = menu.next;
            } else {
                while ((menu = menu.parent) != null) {
                    if (menu.next != null) {
                        menu = menu.next;
                        break;
                    }
                }
            }
        }
        return out.toString();
    }

    /** A y bool value that its non-optional choice would pick anyway. */
    private boolean isDefaultChoiceValue(KSymbol sym) {
        if (rework) {
            KMenu choice = sym.choiceMenu;
            return choice != null && sym == choiceDefault(choice) && sym.currTri == Tristate.YES;
        }
        if (!sym.isChoiceValue()) {
            return false;
        }
        KSymbol cs = sym.choice;
        KSymbol ds = choiceDefault(cs);
        return !cs.isOptional() && sym == ds && sym.type == KSymbol.Type.BOOLEAN && sym.currTri == Tristate.YES;
    }

    /**
     * conf.c's check_conf in listnewconfig mode: every visible symbol the
     * user could set but that has no value yet, as "CONFIG_X=value" lines
     * (n written as "=n").
     */
    String listNewConfig() {
        StringBuilder out = new StringBuilder();
        checkConf(root, out);
        return out.toString();
    }

    private void checkConf(KMenu menu, StringBuilder out) {
        if (!menuIsVisible(menu)) {
            return;
        }
        KSymbol sym = menu.sym;
        if (sym != null && !sym.hasValue()
                && (isChangeable(sym) || !rework && sym.isChoice() && sym.currTri == Tristate.YES) && sym.name != null
                && sym.type != KSymbol.Type.UNKNOWN) {
            String val = stringValue(sym);
            out.append(prefix).append(sym.name).append('=')
                    .append(sym.type == KSymbol.Type.STRING ? DotConfig.quote(val) : val).append('\n');
        }
        for (KMenu child = menu.list; child != null; child = child.next) {
            checkConf(child, out);
        }
    }

    /** conf_write: the .config text, header included. */
    String write() {
        StringBuilder out = new StringBuilder(256 * 1024);
        out.append("#\n# Automatically generated file; DO NOT EDIT.\n# ").append(root.prompt.text).append("\n#\n");
        if (!confChanged) {
            clearAllValid();
        }
        boolean needNewline = false;
        KMenu menu = root.list;
        while (menu != null) {
            KSymbol sym = menu.sym;
            if (sym == null) {
                if (menuIsVisible(menu)) {
                    out.append("\n#\n# ").append(menu.prompt.text).append("\n#\n");
                    needNewline = false;
                }
            } else if (!sym.isChoice() && !sym.has(KSymbol.WRITTEN)) {
                calcValue(sym);
                if (sym.has(KSymbol.WRITE)) {
                    if (needNewline) {
                        out.append('\n');
                        needNewline = false;
                    }
                    sym.flags |= KSymbol.WRITTEN;
                    printSymbol(out, sym);
                }
            }
            if (menu.list != null) {
                menu = menu.list;
                continue;
            }
            while (menu != null) {
                if (menu.sym == null && menuIsVisible(menu) && menu != root && menu.prompt.type == KProp.Type.MENU) {
                    out.append("# end of ").append(menu.prompt.text).append('\n');
                    needNewline = true;
                }
                if (menu.next != null) {
                    menu = menu.next;
                    break;
                }
                menu = menu.parent;
            }
        }
        for (KSymbol s : table.all()) {
            s.flags &= ~KSymbol.WRITTEN;
        }
        return out.toString();
    }

    private void printSymbol(StringBuilder out, KSymbol sym) {
        if (sym.type == KSymbol.Type.UNKNOWN) {
            return;
        }
        String val = stringValue(sym);
        if ((sym.type == KSymbol.Type.BOOLEAN || sym.type == KSymbol.Type.TRISTATE) && val.startsWith("n")) {
            out.append("# ").append(prefix).append(sym.name).append(" is not set\n");
            return;
        }
        if (sym.type == KSymbol.Type.STRING) {
            val = DotConfig.quote(val);
        }
        out.append(prefix).append(sym.name).append('=').append(val).append('\n');
    }

    // ---- diagnostics ----

    private void warnUnmetDep(KSymbol sym) {
        if (unmet.containsKey(sym)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("unmet direct dependencies detected for ").append(sym.name).append('\n');
        sb.append("  Depends on [").append(sym.dirDepTri == Tristate.MOD ? 'm' : 'n').append("]: ");
        ExprPrinter.print(sym.dirDep, this, sb);
        List<String> selectors = new ArrayList<>();
        appendRevDeps(sym.revDep, Tristate.YES, "  Selected by [y]:", sb, selectors);
        appendRevDeps(sym.revDep, Tristate.MOD, "  Selected by [m]:", sb, selectors);
        SourceRange where = sym.menus.isEmpty() ? SourceRange.NONE : sym.menus.get(0).where;
        unmet.put(sym, Diagnostic.warning(where, sb.toString()).coded(Diagnostic.Code.UNMET_DIRECT_DEPENDENCIES,
                sym.name, selectors));
    }

    private void appendRevDeps(KExpr e, Tristate which, String title, StringBuilder sb, List<String> selectors) {
        List<KExpr> hits = new ArrayList<>();
        collectRevDeps(e, which, hits);
        if (hits.isEmpty()) {
            return;
        }
        sb.append('\n').append(title);
        for (KExpr h : hits) {
            sb.append("\n  - ");
            ExprPrinter.print(h, this, sb);
            // Each term is "SELECTOR && condition" (menu.c builds rev_dep so): the selector leads it.
            KExpr lead = h;
            while (lead.type == KExpr.Type.AND) {
                lead = lead.left;
            }
            if (lead.type == KExpr.Type.SYMBOL && lead.lsym != null && lead.lsym.name != null
                    && !selectors.contains(lead.lsym.name)) {
                selectors.add(lead.lsym.name);
            }
        }
    }

    private void collectRevDeps(KExpr e, Tristate which, List<KExpr> hits) {
        if (e == null) {
            return;
        }
        if (e.type == KExpr.Type.OR) {
            collectRevDeps(e.left, which, hits);
            collectRevDeps(e.right, which, hits);
        } else if (calc(e) == which) {
            hits.add(e);
        }
    }
}
