package dev.kls.c.pp;

import dev.kls.c.cond.Cond;
import dev.kls.c.cond.Value;
import java.util.List;
import java.util.Map;

/**
 * What the kernel's compile command fixes for every C file of an
 * architecture, as far as conditions over Kconfig symbols can say it:
 * {@code __KERNEL__} is defined, {@code __ASSEMBLY__} is not, gcc 12, and on
 * x86 {@code __x86_64__} exactly when 64BIT. {@code MODULE} stays unknown:
 * it depends on how the file is built, not on the configuration alone.
 */
public final class PpEnvironment {

    public static final int GNUC = 12;
    public static final int GNUC_MINOR = 2;

    private static final Map<String, Boolean> FIXED = Map.ofEntries(
            Map.entry("__KERNEL__", true), Map.entry("__GNUC__", true), Map.entry("__STDC__", true),
            Map.entry("__STDC_VERSION__", true), Map.entry("__OPTIMIZE__", true), Map.entry("__CHAR_BIT__", true),
            Map.entry("__ASSEMBLY__", false), Map.entry("__cplusplus", false), Map.entry("__CHECKER__", false),
            Map.entry("__clang__", false), Map.entry("__GENKSYMS__", false), Map.entry("__KERNEL_STRICT_NAMES", false),
            Map.entry("__BPF_TRACING__", false), Map.entry("__DISABLE_EXPORTS", false), Map.entry("BUILD_VDSO", false),
            Map.entry("__CHECK_ENDIAN__", false), Map.entry("__ICC", false), Map.entry("__INTEL_COMPILER", false));

    private final String srcarch;

    public PpEnvironment(String srcarch) {
        this.srcarch = srcarch;
    }

    public String srcarch() {
        return srcarch;
    }

    /** The condition under which a non-CONFIG macro is predefined, or null when it depends on more. */
    public Cond definedCondition(String macro) {
        Boolean fixed = FIXED.get(macro);
        if (fixed != null) {
            return fixed ? Cond.TRUE : Cond.FALSE;
        }
        switch (macro) {
            case "__LP64__":
            case "_LP64":
                return new Cond.Defined("64BIT");
            case "__x86_64__":
            case "__x86_64":
                return srcarch.equals("x86") ? new Cond.Defined("64BIT") : Cond.FALSE;
            case "__i386__":
            case "__i386":
            case "i386":
                return srcarch.equals("x86") ? Cond.not(new Cond.Defined("64BIT")) : Cond.FALSE;
            default:
                return null;
        }
    }

    /** The value of a predefined macro as a term, or null when unknown. */
    public Value value(String macro) {
        switch (macro) {
            case "__GNUC__":
                return new Value.Const(GNUC, false);
            case "__GNUC_MINOR__":
                return new Value.Const(GNUC_MINOR, false);
            case "__GNUC_PATCHLEVEL__":
                return new Value.Const(0, false);
            case "__STDC_VERSION__":
                return new Value.Const(201112L, false);
            case "__CHAR_BIT__":
                return new Value.Const(8, false);
            case "__SIZEOF_INT__":
                return new Value.Const(4, false);
            case "__SIZEOF_LONG_LONG__":
                return new Value.Const(8, false);
            case "__SIZEOF_LONG__":
            case "__SIZEOF_POINTER__":
            case "__SIZEOF_SIZE_T__":
                return new Value.Ternary(new Cond.Defined("64BIT"), new Value.Const(8, false), new Value.Const(4, false));
            default:
                Cond c = definedCondition(macro);
                if (c == Cond.FALSE) {
                    return new Value.Const(0, false);
                }
                return null;
        }
    }

    /** The macros the compiler and kbuild's command line define, as #define lines. */
    public List<String> predefinedLines(boolean lp64) {
        List<String> l = new java.util.ArrayList<>(List.of(
                "#define __KERNEL__ 1", "#define __GNUC__ " + GNUC, "#define __GNUC_MINOR__ " + GNUC_MINOR,
                "#define __GNUC_PATCHLEVEL__ 0", "#define __STDC__ 1", "#define __STDC_VERSION__ 201112L",
                "#define __STDC_HOSTED__ 0", "#define __OPTIMIZE__ 1", "#define __CHAR_BIT__ 8",
                "#define __SIZEOF_INT__ 4", "#define __SIZEOF_SHORT__ 2", "#define __SIZEOF_LONG_LONG__ 8",
                "#define __ORDER_LITTLE_ENDIAN__ 1234", "#define __ORDER_BIG_ENDIAN__ 4321",
                "#define __ORDER_PDP_ENDIAN__ 3412", "#define __INT_MAX__ 0x7fffffff",
                "#define __SCHAR_MAX__ 0x7f", "#define __SHRT_MAX__ 0x7fff", "#define __LONG_LONG_MAX__ 0x7fffffffffffffffLL",
                "#define KBUILD_MODNAME \"kls\"", "#define KBUILD_BASENAME \"kls\"", "#define __KBUILD_MODNAME kmod_kls"));
        if (lp64) {
            l.addAll(List.of("#define __LP64__ 1", "#define _LP64 1", "#define __SIZEOF_LONG__ 8",
                    "#define __SIZEOF_POINTER__ 8", "#define __SIZEOF_SIZE_T__ 8", "#define __SIZEOF_INT128__ 16",
                    "#define __LONG_MAX__ 0x7fffffffffffffffL", "#define __SIZE_TYPE__ long unsigned int",
                    "#define __PTRDIFF_TYPE__ long int", "#define __INTPTR_TYPE__ long int",
                    "#define __UINTPTR_TYPE__ long unsigned int"));
        } else {
            l.addAll(List.of("#define __SIZEOF_LONG__ 4", "#define __SIZEOF_POINTER__ 4", "#define __SIZEOF_SIZE_T__ 4",
                    "#define __LONG_MAX__ 0x7fffffffL", "#define __SIZE_TYPE__ unsigned int",
                    "#define __PTRDIFF_TYPE__ int", "#define __INTPTR_TYPE__ int", "#define __UINTPTR_TYPE__ unsigned int"));
        }
        if (srcarch.equals("x86")) {
            l.addAll(lp64 ? List.of("#define __x86_64__ 1", "#define __x86_64 1", "#define __amd64__ 1")
                    : List.of("#define __i386__ 1", "#define __i386 1", "#define i386 1"));
            l.add("#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__");
        }
        return l;
    }
}
