package dev.kls.c.types;

import dev.kls.c.pp.PpToken;
import dev.kls.c.types.CType.Attr;
import dev.kls.c.types.CType.Kind;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * sizeof and alignment of types for one ABI, as gcc lays them out on the
 * System V targets: members in order, each at its alignment, bit-fields
 * packed into units of their declared type without straddling one, the
 * whole rounded up to the largest alignment; {@code packed} drops member
 * alignment, {@code aligned(n)} raises it (on a typedef it may also lower it).
 * Names are resolved through a {@link Scope} only when a size needs them.
 */
public final class Layout {

    private final Abi abi;
    private final Scope scope;
    private final Map<CType, long[]> records = new IdentityHashMap<>();
    private final ConstEval eval;
    private int depth;

    public Layout(Abi abi, Scope scope) {
        this.abi = abi;
        this.scope = scope;
        this.eval = new ConstEval(this);
    }

    public Abi abi() {
        return abi;
    }

    public Scope scope() {
        return scope;
    }

    public ConstEval eval() {
        return eval;
    }

    /** Follows typedef names, typeof and tag references to the type they stand for. */
    public CType resolve(CType t) {
        for (int guard = 0; guard < 64; guard++) {
            if (t instanceof CType.Named n) {
                CType r = scope.typedef(n.name());
                if (r == null) {
                    throw new SizeUnknown("unknown type name '" + n.name() + "'");
                }
                t = r;
            } else if (t instanceof CType.Typeof tf) {
                t = eval.typeOfOperand(tf.operand());
            } else if (t instanceof CType.Record r && r.members() == null && r.tag() != null) {
                CType full = scope.tag(r.union() ? "union" : "struct", r.tag());
                if (full == null) {
                    throw new SizeUnknown("incomplete type '" + (r.union() ? "union " : "struct ") + r.tag() + "'");
                }
                t = full;
            } else if (t instanceof CType.Enum e && e.enumerators() == null && e.tag() != null) {
                CType full = scope.tag("enum", e.tag());
                return full != null ? full : new CType.Prim(Kind.UINT);
            } else {
                return t;
            }
        }
        throw new SizeUnknown("typedef loop");
    }

    public long sizeOf(CType t) {
        if (++depth > 200) {
            depth = 0;
            throw new SizeUnknown("type nested too deeply");
        }
        try {
            return size(resolve(t));
        } finally {
            depth--;
        }
    }

    public long alignOf(CType t) {
        if (++depth > 200) {
            depth = 0;
            throw new SizeUnknown("type nested too deeply");
        }
        try {
            return align(resolve(t));
        } finally {
            depth--;
        }
    }

    private long size(CType t) {
        if (t instanceof CType.Prim p) {
            return primSize(p.kind());
        }
        if (t instanceof CType.Pointer) {
            return abi.pointerSize();
        }
        if (t instanceof CType.Array a) {
            if (a.dim() == null) {
                throw new SizeUnknown("array of unknown length");
            }
            long n = eval.value(a.dim());
            if (n < 0) {
                throw new SizeUnknown("negative array length " + n);
            }
            return Math.multiplyExact(sizeOf(a.element()), n);
        }
        if (t instanceof CType.Record r) {
            return recordLayout(r)[0];
        }
        if (t instanceof CType.Enum e) {
            return enumSize(e);
        }
        if (t instanceof CType.Function) {
            return 1; // gcc: sizeof of a function type is 1
        }
        if (t instanceof CType.Attributed at) {
            Long mode = modeSize(at.attrs());
            if (mode != null) {
                return mode;
            }
            Long vec = vectorSize(at.attrs());
            if (vec != null) {
                return vec;
            }
            if (at.base() instanceof CType.Enum e && hasAttr(at.attrs(), "packed")) {
                return enumSize(new CType.Enum(e.tag(), e.enumerators(), List.of(new Attr("packed", List.of(), -1, -1))));
            }
            return sizeOf(at.base());
        }
        if (t instanceof CType.Unknown u) {
            throw new SizeUnknown(u.reason());
        }
        throw new SizeUnknown("no size for " + t);
    }

    private long align(CType t) {
        if (t instanceof CType.Prim p) {
            return primAlign(p.kind());
        }
        if (t instanceof CType.Pointer) {
            return abi.pointerSize();
        }
        if (t instanceof CType.Array a) {
            return alignOf(a.element());
        }
        if (t instanceof CType.Record r) {
            return recordLayout(r)[1];
        }
        if (t instanceof CType.Enum e) {
            long n = enumSize(e);
            return n == 8 ? primAlign(Kind.ULLONG) : n; // a 64-bit enum is aligned as long long (4 on i386)
        }
        if (t instanceof CType.Function) {
            return 1;
        }
        if (t instanceof CType.Attributed at) {
            Long mode = modeSize(at.attrs());
            Long vec = vectorSize(at.attrs());
            long base = mode != null ? Math.min(mode, 16) : vec != null ? vec : alignOf(at.base());
            Long explicit = alignedAttr(at.attrs());
            // on a typedef, aligned() can lower the alignment as well as raise it
            return explicit != null ? explicit : base;
        }
        if (t instanceof CType.Unknown u) {
            throw new SizeUnknown(u.reason());
        }
        throw new SizeUnknown("no alignment for " + t);
    }

    public long primSize(Kind k) {
        switch (k) {
            case VOID:
            case BOOL:
            case CHAR:
            case SCHAR:
            case UCHAR:
                return 1;
            case SHORT:
            case USHORT:
                return 2;
            case INT:
            case UINT:
            case FLOAT:
                return 4;
            case LONG:
            case ULONG:
                return abi.longSize();
            case LLONG:
            case ULLONG:
            case DOUBLE:
                return 8;
            case LDOUBLE:
                return abi.longDoubleSize();
            case INT128:
            case UINT128:
                if (!abi.int128()) {
                    throw new SizeUnknown("__int128 is not supported on " + abi.name());
                }
                return 16;
            default:
                throw new SizeUnknown("no size for " + k);
        }
    }

    public long primAlign(Kind k) {
        switch (k) {
            case LLONG:
            case ULLONG:
                return abi.longLongAlign();
            case DOUBLE:
                return abi.doubleAlign();
            case LDOUBLE:
                return abi.longDoubleAlign();
            default:
                return primSize(k);
        }
    }

    static boolean hasAttr(List<Attr> attrs, String name) {
        for (Attr a : attrs) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The largest aligned(n) among the attributes; aligned without argument is 16 on x86. */
    public Long alignedAttr(List<Attr> attrs) {
        Long best = null;
        for (Attr a : attrs) {
            if (a.name().equals("aligned")) {
                long n = a.args().isEmpty() ? 16 : eval.value(a.args());
                best = best == null ? n : Math.max(best, n);
            }
        }
        return best;
    }

    private Long modeSize(List<Attr> attrs) {
        for (Attr a : attrs) {
            if (a.name().equals("mode") && a.args().size() == 1) {
                String m = a.args().get(0).text.replace("__", "");
                switch (m) {
                    case "QI":
                        return 1L;
                    case "HI":
                        return 2L;
                    case "SI":
                        return 4L;
                    case "DI":
                        return 8L;
                    case "TI":
                        return 16L;
                    case "word":
                        return (long) abi.longSize();
                    default:
                        throw new SizeUnknown("unknown mode " + m);
                }
            }
        }
        return null;
    }

    private Long vectorSize(List<Attr> attrs) {
        for (Attr a : attrs) {
            if (a.name().equals("vector_size")) {
                return eval.value(a.args());
            }
        }
        return null;
    }

    private long enumSize(CType.Enum e) {
        boolean packed = hasAttr(e.attrs(), "packed");
        if (e.enumerators() == null) {
            return 4;
        }
        long min = 0;
        long max = 0;
        long next = 0;
        for (CType.Enumerator en : e.enumerators()) {
            long v;
            if (en.value() != null) {
                try {
                    v = eval.value(en.value());
                } catch (SizeUnknown x) {
                    if (packed) {
                        throw x;
                    }
                    return 4;
                }
            } else {
                v = next;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            next = v + 1;
        }
        if (packed) {
            if (min >= -128 && max <= 255) {
                return 1;
            }
            if (min >= -32768 && max <= 65535) {
                return 2;
            }
        }
        return min >= Integer.MIN_VALUE && max <= 0xffffffffL ? 4 : 8;
    }

    /** {size, align} of a struct or union. */
    private long[] recordLayout(CType.Record r) {
        long[] cached = records.get(r);
        if (cached != null) {
            if (cached[0] < 0) {
                throw new SizeUnknown("struct contains itself");
            }
            return cached;
        }
        if (r.members() == null) {
            throw new SizeUnknown("incomplete type 'struct " + r.tag() + "'");
        }
        records.put(r, new long[] {-1, -1});
        try {
            long[] res = computeRecord(r);
            records.put(r, res);
            return res;
        } catch (RuntimeException e) {
            records.remove(r);
            throw e;
        }
    }

    /** The byte offset of member {@code name} in a struct (searching anonymous members), or -1. */
    public long offsetOf(CType.Record r, String name) {
        long[] found = {-1};
        walk(r, name, found);
        return found[0];
    }

    /** The type of member {@code name} of a struct or union (searching anonymous members), or null. */
    public CType memberType(CType t, String name) {
        CType r = resolve(t);
        if (!(r instanceof CType.Record rec) || rec.members() == null) {
            return null;
        }
        for (CType.Member m : rec.members()) {
            if (name.equals(m.name())) {
                return m.type();
            }
            if (m.name() == null) {
                CType inner = memberType(m.type(), name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private long walk(CType.Record r, String name, long[] found) {
        computeRecordWithOffsets(r, name, found, 0);
        return found[0];
    }

    private long[] computeRecord(CType.Record r) {
        return computeRecordWithOffsets(r, null, null, 0);
    }

    private long[] computeRecordWithOffsets(CType.Record r, String want, long[] found, long base) {
        boolean packed = hasAttr(r.attrs(), "packed");
        long bits = 0;
        long maxAlign = 1;
        long unionSize = 0;
        for (CType.Member m : r.members()) {
            boolean mpacked = packed || hasAttr(m.attrs(), "packed");
            Long maligned = alignedAttr(m.attrs());
            CType mt = resolve(m.type());
            long tAlign = alignOf(mt);
            long malign = mpacked ? 1 : tAlign;
            if (maligned != null) {
                malign = Math.max(malign, maligned);
            }
            if (m.bitWidth() != null) {
                long width = eval.value(m.bitWidth());
                long unitBits = sizeOf(mt) * 8;
                if (width == 0) {
                    bits = roundUp(bits, tAlign * 8);
                    continue;
                }
                if (r.union()) {
                    unionSize = Math.max(unionSize, (width + 7) / 8);
                } else {
                    if (!mpacked && bits / unitBits != (bits + width - 1) / unitBits) {
                        bits = roundUp(bits, malign * 8);
                    }
                    if (maligned != null) {
                        bits = roundUp(bits, maligned * 8);
                    }
                    bits += width;
                }
                if (m.name() != null) {
                    maxAlign = Math.max(maxAlign, malign);
                }
                continue;
            }
            long msize;
            if (mt instanceof CType.Array a && a.dim() == null) {
                msize = 0; // flexible array member
            } else {
                msize = sizeOf(mt);
            }
            maxAlign = Math.max(maxAlign, malign);
            if (r.union()) {
                if (want != null && want.equals(m.name())) {
                    found[0] = base;
                }
                if (want != null && m.name() == null && mt instanceof CType.Record inner && found[0] < 0) {
                    computeRecordWithOffsets(inner, want, found, base);
                }
                unionSize = Math.max(unionSize, msize);
            } else {
                bits = roundUp(bits, malign * 8);
                if (want != null && want.equals(m.name())) {
                    found[0] = base + bits / 8;
                }
                if (want != null && m.name() == null && mt instanceof CType.Record inner && found[0] < 0) {
                    computeRecordWithOffsets(inner, want, found, base + bits / 8);
                }
                bits += msize * 8;
            }
        }
        Long recAligned = alignedAttr(r.attrs());
        if (recAligned != null) {
            maxAlign = Math.max(maxAlign, recAligned);
        }
        long size = r.union() ? unionSize : (bits + 7) / 8;
        return new long[] {roundUp(size, maxAlign), maxAlign};
    }

    static long roundUp(long v, long a) {
        return a <= 1 ? v : (v + a - 1) / a * a;
    }

    /** Tokens joined for messages. */
    public static String text(List<PpToken> toks) {
        StringBuilder sb = new StringBuilder();
        for (PpToken p : toks) {
            if (sb.length() > 0 && p.space) {
                sb.append(' ');
            }
            sb.append(p.text);
        }
        return sb.toString();
    }
}
