package dev.kls.c.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.kls.kconfig.SourceRange;

/**
 * A compact binary form of immutable record trees (the C side's body model):
 * records by their components, in declaration order, rebuilt through their
 * canonical constructors; lists, strings, ints, longs, booleans and enums;
 * null. Strings are written once per stream, and a record instance that
 * occurs twice (a condition shared by many nodes, a call's callee expression
 * that is also a node of the body) is written once and read back as one
 * instance, so identity is kept as well as equality. Anything else is refused
 * ({@link IllegalArgumentException}), so a model type that grows a field the
 * codec cannot carry fails at the first write instead of caching a wrong
 * value. Only records of {@code dev.kls} packages are ever built from a
 * stream.
 */
public final class RecordCodec {

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int STRING_REF = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int TRUE = 5;
    private static final int FALSE = 6;
    private static final int LIST = 7;
    private static final int RECORD = 8;
    private static final int RECORD_NEW_CLASS = 9;
    private static final int RECORD_REF = 10;
    private static final int ENUM = 11;
    private static final int RANGE = 12;

    /** How one record class is taken apart and put together. */
    private record Shape(Class<?> type, Method[] accessors, Constructor<?> constructor) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private RecordCodec() {
    }

    private static Shape shape(Class<?> c) {
        return SHAPES.computeIfAbsent(c, k -> {
            if (!k.isRecord() || !k.getName().startsWith("dev.kls.")) {
                throw new IllegalArgumentException("not a kls record: " + k.getName());
            }
            RecordComponent[] rc = k.getRecordComponents();
            Method[] acc = new Method[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                acc[i] = rc[i].getAccessor();
                acc[i].setAccessible(true);
                types[i] = rc[i].getType();
            }
            try {
                Constructor<?> ctor = k.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return new Shape(k, acc, ctor);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no canonical constructor: " + k.getName(), e);
            }
        });
    }

    /** Writes {@code value} (a record tree) to {@code out}. */
    public static void write(Object value, DataOutputStream out) throws IOException {
        new Writer(out).value(value);
    }

    /** Reads what {@link #write} wrote; a stream it did not write fails with an exception, never a wrong tree. */
    public static Object read(DataInputStream in) throws IOException {
        return new Reader(in).value();
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> strings = new HashMap<>();
        private final Map<Class<?>, Integer> classes = new HashMap<>();
        private final Map<Object, Integer> records = new IdentityHashMap<>();
        private final Map<Object, Integer> equal = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        private void varint(int v) throws IOException {
            while ((v & ~0x7F) != 0) {
                out.writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
        }

        void value(Object v) throws IOException {
            if (v == null) {
                out.writeByte(NULL);
            } else if (v instanceof String s) {
                Integer ref = strings.get(s);
                if (ref != null) {
                    out.writeByte(STRING_REF);
                    varint(ref);
                } else {
                    strings.put(s, strings.size());
                    out.writeByte(STRING);
                    byte[] b = s.getBytes(StandardCharsets.UTF_8); // writeUTF stops at 64 KiB; opaque text can be longer
                    varint(b.length);
                    out.write(b);
                }
            } else if (v instanceof Integer i) {
                out.writeByte(INT);
                varint((i << 1) ^ (i >> 31)); // zig-zag: small negatives stay short
            } else if (v instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (v instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (v instanceof List<?> list) {
                out.writeByte(LIST);
                varint(list.size());
                for (Object e : list) {
                    value(e);
                }
            } else if (v instanceof Enum<?> e) {
                out.writeByte(ENUM);
                value(e.getDeclaringClass().getName());
                value(e.name());
            } else if (v instanceof Record) {
                Integer ref = records.get(v);
                if (ref == null && (v instanceof SourceRange || v instanceof dev.kls.c.cond.Cond)) {
                    ref = equal.get(v); // equal small values (ranges, conditions) are written once, by value
                }
                if (ref != null) {
                    out.writeByte(RECORD_REF);
                    varint(ref);
                    return;
                }
                if (v instanceof SourceRange r) {
                    out.writeByte(RANGE);
                    value(r.file());
                    varint(r.startLine());
                    varint(r.startColumn());
                    varint(r.endLine());
                    varint(r.endColumn());
                    int n = records.size();
                    records.put(v, n);
                    equal.put(v, n);
                    return;
                }
                Shape s = shape(v.getClass());
                Integer c = classes.get(s.type());
                if (c == null) {
                    classes.put(s.type(), classes.size());
                    out.writeByte(RECORD_NEW_CLASS);
                    out.writeUTF(s.type().getName());
                } else {
                    out.writeByte(RECORD);
                    varint(c);
                }
                for (Method m : s.accessors()) {
                    try {
                        value(m.invoke(v));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalArgumentException("cannot read " + m, e);
                    }
                }
                // Numbered after its components, as the reader numbers it once built (records hold no cycles).
                int n = records.size();
                records.put(v, n);
                if (v instanceof dev.kls.c.cond.Cond) {
                    equal.putIfAbsent(v, n);
                }
            } else {
                throw new IllegalArgumentException("cannot cache a " + v.getClass().getName());
            }
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        private final List<String> strings = new ArrayList<>();
        private final List<Shape> classes = new ArrayList<>();
        private final List<Object> records = new ArrayList<>();

        Reader(DataInputStream in) {
            this.in = in;
        }

        private int varint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("bad varint");
        }

        Object value() throws IOException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case NULL:
                    return null;
                case STRING: {
                    int n = varint();
                    if (n < 0 || n > 64 << 20) {
                        throw new IOException("bad string size " + n);
                    }
                    byte[] b = in.readNBytes(n);
                    if (b.length != n) {
                        throw new java.io.EOFException("truncated string");
                    }
                    String s = new String(b, StandardCharsets.UTF_8);
                    strings.add(s);
                    return s;
                }
                case STRING_REF:
                    return strings.get(varint());
                case INT: {
                    int z = varint();
                    return (z >>> 1) ^ -(z & 1);
                }
                case LONG:
                    return in.readLong();
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case LIST: {
                    int n = varint();
                    if (n < 0 || n > 50_000_000) {
                        throw new IOException("bad list size " + n);
                    }
                    List<Object> l = new ArrayList<>(Math.min(n, 1024));
                    for (int i = 0; i < n; i++) {
                        l.add(value());
                    }
                    return Collections.unmodifiableList(l);
                }
                case ENUM: {
                    String type = (String) value();
                    String name = (String) value();
                    return enumValue(type, name);
                }
                case RECORD_NEW_CLASS: {
                    String name = in.readUTF();
                    Shape s;
                    try {
                        s = shape(Class.forName(name, false, RecordCodec.class.getClassLoader()));
                    } catch (ClassNotFoundException | IllegalArgumentException e) {
                        throw new IOException("unknown record class " + name, e);
                    }
                    classes.add(s);
                    return record(s);
                }
                case RECORD:
                    return record(classes.get(varint()));
                case RECORD_REF:
                    return records.get(varint());
                case RANGE: {
                    Object file = value();
                    if (!(file instanceof String f)) {
                        throw new IOException("range without a file");
                    }
                    SourceRange r = new SourceRange(f, varint(), varint(), varint(), varint());
                    records.add(r);
                    return r;
                }
                default:
                    throw new IOException("bad tag " + tag);
            }
        }

        private Object record(Shape s) throws IOException {
            Object[] args = new Object[s.accessors().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = value();
            }
            Object r;
            try {
                r = s.constructor().newInstance(args);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IOException("cannot build " + s.type().getName(), e);
            }
            records.add(r);
            return r;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumValue(String type, String name) throws IOException {
            try {
                Class<?> c = Class.forName(type, false, RecordCodec.class.getClassLoader());
                if (!c.isEnum() || !type.startsWith("dev.kls.")) {
                    throw new IOException("not a kls enum: " + type);
                }
                return Enum.valueOf((Class) c, name);
            } catch (ClassNotFoundException | IllegalArgumentException e) {
                throw new IOException("unknown enum constant " + type + "." + name, e);
            }
        }
    }
}
