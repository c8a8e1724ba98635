package dev.kls.c.types;

import java.util.OptionalLong;

/** Where names used in a type or a constant expression are looked up, on demand. */
public interface Scope {

    Scope EMPTY = new Scope() {
    };

    /** The type a typedef name stands for, or null. */
    default CType typedef(String name) {
        return null;
    }

    /** The complete struct/union/enum with that tag ({@code kind}: "struct", "union", "enum"), or null. */
    default CType tag(String kind, String tag) {
        return null;
    }

    /** The value of an enumeration constant, or empty. */
    default OptionalLong enumConstant(String name) {
        return OptionalLong.empty();
    }

    /** The declared type of an object (for {@code sizeof(var)}), or null. */
    default CType object(String name) {
        return null;
    }
}
