package dev.kls.c.body;

import dev.kls.c.cond.Cond;
import dev.kls.kconfig.SourceRange;

/**
 * A place where a name, possibly a function's, is stored as a value:
 * {@code p->m = f}, {@code s.m = &f}, {@code { .m = f }} (arrays of such
 * structs too), {@code fp = f}, {@code int (*fp)(void) = f}. Whether
 * {@code value} names a function is the project index's business.
 *
 * @param structType the struct tag of the object stored into, null when unknown
 * @param member     the member stored into, null for a variable
 * @param variable   the variable stored into, null for a member
 * @param function   the enclosing function, null at file scope
 */
public record AddressStore(String value, String structType, String member, String variable, String file,
        String function, SourceRange range, Cond presence) {
}
