package dev.kls.lsp.handlers;

import com.google.gson.JsonObject;
import com.google.gson.JsonElement;
import dev.kls.c.body.CallSite;
import dev.kls.c.body.FileBodies;
import dev.kls.c.body.FunctionDef;
import dev.kls.c.cond.Cond;
import dev.kls.c.graph.CallGraph;
import dev.kls.c.graph.Edge;
import dev.kls.lsp.CSide;
import dev.kls.lsp.Document;
import dev.kls.lsp.FileKind;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CallHierarchyIncomingCall;
import org.eclipse.lsp4j.CallHierarchyItem;
import org.eclipse.lsp4j.CallHierarchyOutgoingCall;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/**
 * textDocument/prepareCallHierarchy, callHierarchy/incomingCalls and
 * outgoingCalls, answered from the C call graph (direct calls and calls
 * through struct members and function pointers, see {@link CallGraph}); and
 * the callers/callees counts a hover on a function shows.
 */
public final class CallHierarchyHandler {

    private final CSide c;

    public CallHierarchyHandler(CSide c) {
        this.c = c;
    }

    /** The function whose name is at the position (its definition, or a call of it), as call hierarchy items. */
    public List<CallHierarchyItem> prepare(Snapshot s, Document doc, Collection<Document> open, Position pos) {
        if (doc.kind() != FileKind.C) {
            return List.of();
        }
        CallGraph g = c.callGraph(s, open);
        if (g == null) {
            return List.of();
        }
        FileBodies b = g.index().file(doc.path());
        if (b == null) {
            b = c.file(s, doc).functions();
        }
        List<CallHierarchyItem> out = new ArrayList<>();
        for (FunctionDef f : b.functions()) {
            if (Lsp.contains(f.nameRange(), pos)) {
                out.add(item(s, f));
                return out;
            }
        }
        for (CallSite cs : b.calls()) {
            if (Lsp.contains(cs.range(), pos) && cs.callee().kind() == CallSite.Kind.DIRECT
                    && Lsp.contains(cs.callee().expr().range(), pos)) {
                for (FunctionDef f : g.index().definitions(cs.callee().name(), doc.path())) {
                    out.add(item(s, f));
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
        return out;
    }

    public List<CallHierarchyIncomingCall> incoming(Snapshot s, Collection<Document> open, CallHierarchyItem item) {
        CallGraph g = c.callGraph(s, open);
        FunctionDef f = g == null ? null : find(g, item);
        if (f == null) {
            return List.of();
        }
        Map<FunctionDef, List<Range>> by = new IdentityHashMap<>();
        List<FunctionDef> order = new ArrayList<>();
        for (Edge e : g.incoming(f)) {
            if (!by.containsKey(e.caller())) {
                order.add(e.caller());
            }
            by.computeIfAbsent(e.caller(), k -> new ArrayList<>()).add(Lsp.range(e.site().range()));
        }
        List<CallHierarchyIncomingCall> out = new ArrayList<>();
        for (FunctionDef caller : order) {
            out.add(new CallHierarchyIncomingCall(item(s, caller), by.get(caller)));
        }
        return out;
    }

    public List<CallHierarchyOutgoingCall> outgoing(Snapshot s, Collection<Document> open, CallHierarchyItem item) {
        CallGraph g = c.callGraph(s, open);
        FunctionDef f = g == null ? null : find(g, item);
        if (f == null) {
            return List.of();
        }
        Map<FunctionDef, List<Range>> by = new LinkedHashMap<>();
        Map<FunctionDef, FunctionDef> seen = new IdentityHashMap<>();
        List<FunctionDef> order = new ArrayList<>();
        Map<FunctionDef, List<Range>> ranges = new IdentityHashMap<>();
        for (Edge e : g.outgoing(f)) {
            if (seen.put(e.callee(), e.callee()) == null) {
                order.add(e.callee());
            }
            ranges.computeIfAbsent(e.callee(), k -> new ArrayList<>()).add(Lsp.range(e.site().range()));
        }
        List<CallHierarchyOutgoingCall> out = new ArrayList<>();
        for (FunctionDef callee : order) {
            out.add(new CallHierarchyOutgoingCall(item(s, callee), ranges.get(callee)));
        }
        return out;
    }

    /** "3 callers, 2 callees" of a function defined at the position, or null. */
    public String counts(Snapshot s, Document doc, Collection<Document> open, Position pos) {
        CallGraph g = c.callGraph(s, open);
        if (g == null || g.index().file(doc.path()) == null) {
            return null;
        }
        for (FunctionDef f : g.index().file(doc.path()).functions()) {
            if (Lsp.contains(f.nameRange(), pos)) {
                long callers = g.incoming(f).stream().map(Edge::caller).distinct().count();
                long callees = g.outgoing(f).stream().map(Edge::callee).distinct().count();
                StringBuilder md = new StringBuilder("**").append(f.name()).append("**: `")
                        .append(f.returnType()).append(' ').append(f.name()).append("(...)`");
                if (!(f.presence() instanceof Cond.True)) {
                    md.append(", compiled when ").append(f.presence().toKconfig());
                }
                md.append("\n\n").append(callers).append(callers == 1 ? " caller, " : " callers, ").append(callees)
                        .append(callees == 1 ? " callee" : " callees")
                        .append(" in the call graph (calls through struct members and function pointers included)");
                if (!f.parsedFully()) {
                    md.append("; ").append(f.opaque()).append(" statement(s) of its body not understood");
                }
                return md.toString();
            }
        }
        return null;
    }

    private static CallHierarchyItem item(Snapshot s, FunctionDef f) {
        CallHierarchyItem it = new CallHierarchyItem(f.name(), SymbolKind.Function, s.uri(f.file()),
                Lsp.range(f.range()), Lsp.range(f.nameRange()));
        it.setDetail(f.returnType() + " " + f.name() + "(...)" + (f.isStatic() ? " in " + f.file() : ""));
        JsonObject data = new JsonObject();
        data.addProperty("file", f.file());
        data.addProperty("name", f.name());
        data.addProperty("line", f.nameRange().startLine());
        it.setData(data);
        return it;
    }

    /** The definition an item names (its file, name and line, as {@link #item} wrote them). */
    private static FunctionDef find(CallGraph g, CallHierarchyItem item) {
        String file = null;
        int line = -1;
        Object d = item.getData();
        if (d instanceof JsonObject o && o.has("file")) {
            file = o.get("file").getAsString();
            line = o.has("line") ? o.get("line").getAsInt() : -1;
        } else if (d instanceof JsonElement) {
            return null;
        }
        for (FileBodies b : g.index().files()) {
            if (file != null && !b.file().equals(file)) {
                continue;
            }
            for (FunctionDef f : b.functions()) {
                if (f.name().equals(item.getName()) && (line < 0 || f.nameRange().startLine() == line)) {
                    return f;
                }
            }
        }
        return null;
    }
}
