package dev.kls.kconfig.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * conf's struct symbol: mutable working state of one symbol (or choice, or
 * constant) while values are computed. Only the engine touches it; what leaves
 * the package are {@link SymbolValue} records.
 */
final class KSymbol {

    /** symbol.c's enum symbol_type; UNKNOWN for constants and undefined words. */
    enum Type {
        UNKNOWN, BOOLEAN, TRISTATE, INT, HEX, STRING
    }

    static final int CONST = 0x0001;
    static final int CHOICE = 0x0010;
    static final int CHOICEVAL = 0x0020;
    static final int VALID = 0x0080;
    static final int OPTIONAL = 0x0100;
    static final int WRITE = 0x0200;
    static final int WRITTEN = 0x0800;
    static final int NO_WRITE = 0x1000;
    static final int DEF_USER = 0x10000;
    static final int NEED_SET_CHOICE_VALUES = 0x100000;

    /** null for anonymous choices. */
    final String name;
    /** Order of creation: within a hash bucket conf visits newer symbols first. */
    final int serial;
    /** FNV-1a of the name (0 for choices): its bucket is this modulo the release's table size. */
    final int hash;
    Type type = Type.UNKNOWN;
    int flags;

    /** curr.val: a String, or for a choice the selected value (a KSymbol), or null. */
    Object currVal;
    Tristate currTri = Tristate.NO;
    /** def[S_DEF_USER]: the .config value (String, or a KSymbol for choices). */
    Object defVal;
    Tristate defTri = Tristate.NO;

    Tristate visible = Tristate.NO;
    KExpr dirDep;
    Tristate dirDepTri = Tristate.NO;
    KExpr revDep;
    Tristate revDepTri = Tristate.NO;
    KExpr implied;
    Tristate impliedTri = Tristate.NO;

    /** Properties from every definition, in parse order. */
    final List<KProp> props = new ArrayList<>();
    /** For a choice: its values, in menu order (the kernel's E_LIST). */
    final List<KSymbol> choiceValues = new ArrayList<>();
    /** For a choice value: the choice of its first P_CHOICE property. */
    KSymbol choice;
    /**
     * 6.11+ (menu::choice_members): a choice's members in priority order.
     * conf reorders it while reading a .config and in randconfig, so it is
     * working state, saved and restored with the rest.
     */
    final List<KSymbol> members = new ArrayList<>();
    /** 6.11+ (sym_get_choice_menu): the choice menu this symbol's first prompt is in; null when none. */
    KMenu choiceMenu;
    private List<KSymbol> savedMembers = List.of();
    /** Menu nodes that define this symbol, in parse order. */
    final List<KMenu> menus = new ArrayList<>(1);

    /** The state after parsing, which every run starts from (see {@link #restore()}). */
    private int savedFlags;
    private Object savedCurrVal;
    private Tristate savedCurrTri;
    private Object savedDefVal;
    private Tristate savedDefTri;
    private Tristate savedVisible;
    private Tristate savedDirDepTri;
    private Tristate savedRevDepTri;
    private Tristate savedImpliedTri;

    KSymbol(String name, int flags, int serial) {
        this.name = name;
        this.flags = flags;
        this.serial = serial;
        this.hash = SymbolTable.hash(name);
    }

    /** Remembers the working state as it is now, when parsing is done. */
    void save() {
        savedFlags = flags;
        savedCurrVal = currVal;
        savedCurrTri = currTri;
        savedDefVal = defVal;
        savedDefTri = defTri;
        savedVisible = visible;
        savedDirDepTri = dirDepTri;
        savedRevDepTri = revDepTri;
        savedImpliedTri = impliedTri;
        savedMembers = List.copyOf(members);
    }

    /** Back to the state {@link #save()} remembered: what a fresh conf process has after parsing. */
    void restore() {
        flags = savedFlags;
        currVal = savedCurrVal;
        currTri = savedCurrTri;
        defVal = savedDefVal;
        defTri = savedDefTri;
        visible = savedVisible;
        dirDepTri = savedDirDepTri;
        revDepTri = savedRevDepTri;
        impliedTri = savedImpliedTri;
        if (!savedMembers.isEmpty() || !members.isEmpty()) {
            members.clear();
            members.addAll(savedMembers);
        }
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean isChoice() {
        return has(CHOICE);
    }

    boolean isChoiceValue() {
        return has(CHOICEVAL);
    }

    boolean isOptional() {
        return has(OPTIONAL);
    }

    boolean hasValue() {
        return has(DEF_USER);
    }

    @Override
    public String toString() {
        return name == null ? "<choice>" : name;
    }
}
