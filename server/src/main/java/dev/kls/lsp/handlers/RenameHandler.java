package dev.kls.lsp.handlers;

import dev.kls.lsp.Document;
import dev.kls.lsp.Lsp;
import dev.kls.lsp.Occurrence;
import dev.kls.lsp.Snapshot;
import dev.kls.diagnostics.TextEdit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Renames a symbol everywhere it is written: config entries and expressions
 * in Kconfig, CONFIG_X (and CONFIG_X_MODULE) in C, Makefiles and defconfigs.
 */
public final class RenameHandler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    public Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepare(Snapshot s,
            Document doc, Position pos) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        return at == null ? null : Either3.forSecond(new PrepareRenameResult(Lsp.range(at.range()), at.name()));
    }

    public WorkspaceEdit rename(Snapshot s, Collection<Document> open, Document doc, Position pos, String newName,
            CancelChecker cancel) {
        SymbolAt at = SymbolAt.find(s, doc, pos);
        if (at == null) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "no config symbol at this position", null));
        }
        String name = newName.startsWith("CONFIG_") ? newName.substring("CONFIG_".length()) : newName;
        if (!NAME.matcher(name).matches()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                    "'" + newName + "' is not a config symbol name (letters, digits and _)", null));
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Occurrence o : Occurrences.of(s, open, at.name(), cancel)) {
            edits.add(new TextEdit(o.rangeOf(at.name()), name));
        }
        return Lsp.edit(s, edits);
    }
}
