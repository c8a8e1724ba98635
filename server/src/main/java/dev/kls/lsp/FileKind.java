package dev.kls.lsp;

/** What kind of kernel file a document is, by its name, as kbuild names them. */
public enum FileKind {
    KCONFIG, C, DOTCONFIG, MAKEFILE, OTHER;

    /** @param name the file name without directories */
    public static FileKind of(String name) {
        if (name.startsWith("Kconfig")) {
            return KCONFIG;
        }
        if (name.endsWith(".c") || name.endsWith(".h") || name.endsWith(".S")) {
            return C;
        }
        if (name.equals(".config") || name.endsWith("defconfig") || name.endsWith(".config")) {
            return DOTCONFIG;
        }
        if (name.equals("Makefile") || name.startsWith("Makefile.") || name.equals("Kbuild")
                || name.startsWith("Kbuild.")) {
            return MAKEFILE;
        }
        return OTHER;
    }

    /** A defconfig is expanded (conf --defconfig), a .config is read as it is (olddefconfig). */
    public static boolean isDefconfig(String name) {
        return name.endsWith("defconfig");
    }
}
