package dev.kls.kconfig;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test support: makes two ASTs comparable "ignoring locations" by rebuilding
 * every record with each {@link SourceRange} replaced by
 * {@link SourceRange#NONE}. Works on any record graph (AST entries,
 * properties, expressions, texts, diagnostics, whole files) without knowing
 * the AST types: records are rebuilt through their canonical constructor,
 * lists, sets and maps element by element; strings, enums, numbers and
 * anything else are kept as they are. Null stays null.
 */
public final class AstNormalizer {

    private AstNormalizer() {
    }

    /** {@code astNode} (an entry, a list of entries, a file...) with every location set to {@link SourceRange#NONE}. */
    @SuppressWarnings("unchecked")
    public static <T> T strip(T astNode) {
        return (T) normalize(astNode);
    }

    private static Object normalize(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof SourceRange) {
            return SourceRange.NONE;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(normalize(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (o instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object e : set) {
                out.add(normalize(e));
            }
            return Collections.unmodifiableSet(out);
        }
        if (o instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(normalize(k), normalize(v)));
            return Collections.unmodifiableMap(out);
        }
        if (o instanceof Record) {
            return rebuild(o);
        }
        return o; // String, enum, boxed primitive, Path...: no location inside
    }

    private static Object rebuild(Object record) {
        Class<?> type = record.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                values[i] = normalize(accessor.invoke(record));
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName(), e);
        }
    }
}
