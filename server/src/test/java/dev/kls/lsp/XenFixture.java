package dev.kls.lsp;

import java.io.IOException;
import java.nio.file.Path;

/** Seed 000's tree with a C file, a Makefile and a .config added, for the handler tests. */
final class XenFixture {

    static final String C_FILE = "arch/x86/xen/enlighten.c";
    static final String C_TEXT = String.join("\n",
            "/* Xen guest start-up: only with CONFIG_XEN */",
            "#include <linux/linkage.h>",
            "#ifdef CONFIG_XEN",
            "int xen_on = 1;",
            "#else",
            "int xen_on = 0;",
            "#endif /* CONFIG_XEN */",
            "#if defined(CONFIG_64BIT) || IS_ENABLED(CONFIG_XEN_BALLOON)",
            "int wide = 1;",
            "#elif IS_ENABLED(CONFIG_PM) && SOMETHING_ELSE",
            "int maybe = 1;",
            "#endif",
            "#if 0",
            "dead();",
            "#endif",
            "int pages = CONFIG_XEN_MAX_DOMAIN_MEMORY;",
            "#ifdef CONFIG_XEN_BALLON",
            "int typo;",
            "#endif",
            "static const char *s = \"CONFIG_NOT_A_REF\";",
            "");
    static final String MAKEFILE = "arch/x86/xen/Makefile";
    static final String MAKEFILE_TEXT = "obj-$(CONFIG_XEN)\t\t+= enlighten.o mmu.o\n";

    private XenFixture() {
    }

    static TestTree tree(Path dir) throws IOException {
        return TestTree.xen(dir, C_FILE, C_TEXT, MAKEFILE, MAKEFILE_TEXT);
    }
}
