package dev.kls.c.types;

/** A size or constant that cannot be computed, with the reason in words. */
public final class SizeUnknown extends RuntimeException {
    public SizeUnknown(String reason) {
        super(reason, null, false, false);
    }
}
