package dev.kls.lsp.cfacts;

/**
 * The seam to the C side: what the server needs to know of a C file (its
 * CONFIG_ names and its #if blocks with their conditions). {@link SimpleCScanner}
 * is the stand-in until the c-attr-analyzer module provides a full
 * preprocessor model; swap it in {@link dev.kls.lsp.Seams}.
 */
public interface CFileFacts {

    /** @param path the file relative to the tree, for ranges */
    CFacts analyze(String path, String text);
}
