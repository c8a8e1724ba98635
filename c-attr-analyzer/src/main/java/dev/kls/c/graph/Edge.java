package dev.kls.c.graph;

import dev.kls.c.body.AddressStore;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;

/**
 * One edge of the call graph: a call site of {@code caller} that may reach
 * {@code callee}; through {@code store} when it calls through a member or a
 * pointer variable. {@code presence}: the call site's branch, the callee's
 * definition (and the store's) all present.
 */
public record Edge(FunctionDef caller, FunctionDef callee, CallSite site, AddressStore store, Cond presence) {
}
