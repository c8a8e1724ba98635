package dev.kls.kconfig.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * conf's symbol hash table. Besides lookups it reproduces the order of
 * {@code for_all_symbols}: bucket by bucket (FNV-1a of the name modulo 9973,
 * or 16384 from 6.9 on), newest symbol first within a bucket. conf's passes over all symbols are not
 * order-independent (conf_read counts "unsaved" symbols as it goes), so kls
 * walks them in the same order.
 */
final class SymbolTable {

    static final int HASH_SIZE = 9973;
    /** scripts/include/hashtable.h's SYMBOL_HASHSIZE (1 << 14), since 6.9. */
    static final int HASH_SIZE_16K = 1 << 14;

    /** The number of buckets of the release's table. */
    private final int hashSize;

    final KSymbol yes;
    final KSymbol mod;
    final KSymbol no;
    /** symbol_empty: the value of string, int and hex symbols before defaults. */
    final KSymbol empty;

    private final Map<String, KSymbol> plain = new HashMap<>();
    private final Map<String, KSymbol> consts = new HashMap<>();
    private final Map<String, KSymbol> namedChoices = new HashMap<>();
    private final List<KSymbol> created = new ArrayList<>();
    private List<KSymbol> hashOrder;

    SymbolTable() {
        this(HASH_SIZE);
    }

    SymbolTable(int hashSize) {
        this.hashSize = hashSize;
        yes = constant("y", Tristate.YES);
        mod = constant("m", Tristate.MOD);
        no = constant("n", Tristate.NO);
        empty = new KSymbol("", KSymbol.VALID, -1);
        empty.currVal = "";
    }

    private static KSymbol constant(String name, Tristate t) {
        KSymbol s = new KSymbol(name, KSymbol.CONST | KSymbol.VALID, -1);
        s.type = KSymbol.Type.TRISTATE;
        s.currVal = name;
        s.currTri = t;
        return s;
    }

    /** sym_lookup: flags 0 for config symbols, CONST for quoted words, CHOICE for choices. */
    KSymbol lookup(String name, int flags) {
        if (name != null) {
            if (name.length() == 1) {
                switch (name.charAt(0)) {
                    case 'y':
                        return yes;
                    case 'm':
                        return mod;
                    case 'n':
                        return no;
                    default:
                        break;
                }
            }
            Map<String, KSymbol> space = flags == 0 ? plain : (flags & KSymbol.CONST) != 0 ? consts : namedChoices;
            KSymbol s = space.get(name);
            if (s != null) {
                return s;
            }
            s = create(name, flags);
            space.put(name, s);
            return s;
        }
        return create(null, flags);
    }

    private KSymbol create(String name, int flags) {
        KSymbol s = new KSymbol(name, flags, created.size());
        created.add(s);
        hashOrder = null;
        return s;
    }

    /** sym_find: what a .config line names (not constants; the newest of a symbol and a named choice). */
    KSymbol find(String name) {
        if (name.length() == 1 && "ymn".indexOf(name.charAt(0)) >= 0) {
            return lookup(name, 0);
        }
        KSymbol a = plain.get(name);
        KSymbol b = namedChoices.get(name);
        if (a == null) {
            return b;
        }
        return b == null || a.serial > b.serial ? a : b;
    }

    /** Config symbols (not constants, not choices) by name. */
    KSymbol plain(String name) {
        return plain.get(name);
    }

    /** All symbols in the order conf's for_all_symbols visits them. */
    List<KSymbol> all() {
        if (hashOrder == null) {
            List<KSymbol> l = new ArrayList<>(created);
            l.sort(Comparator.comparingInt((KSymbol s) -> Integer.remainderUnsigned(s.hash, hashSize))
                    .thenComparingInt(s -> -s.serial));
            hashOrder = List.copyOf(l);
        }
        return hashOrder;
    }

    /** Symbols in the order they were created (first mention while parsing). */
    List<KSymbol> inCreationOrder() {
        return created;
    }

    /** strhash() % SYMBOL_HASHSIZE; anonymous choices live in bucket 0. */
    static int bucket(String name) {
        return Integer.remainderUnsigned(hash(name), HASH_SIZE);
    }

    /** strhash() / hash_str(): 32-bit FNV-1a over the name's bytes; 0 for anonymous choices. */
    static int hash(String name) {
        if (name == null) {
            return 0;
        }
        int hash = 0x811c9dc5;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ b) * 0x01000193; // b sign-extends, as x86's signed char does
        }
        return hash;
    }
}
