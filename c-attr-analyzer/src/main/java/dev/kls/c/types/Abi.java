package dev.kls.c.types;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sizes and alignments of the C base types for one target. Alignments here
 * are those gcc uses for struct members and arrays (i386 aligns long long
 * and double to 4 there). {@code symbols} are the Kconfig symbols that chose
 * this ABI. New targets are new instances.
 */
public record Abi(String name, int pointerSize, int longSize, int longLongAlign, int doubleAlign, int longDoubleSize,
        int longDoubleAlign, boolean int128, boolean sizeTIsLong, Set<String> symbols) {

    /** i386 System V: ILP32, long long/double aligned to 4 inside structs, long double 12 bytes. */
    public static Abi i386(Set<String> symbols) {
        return new Abi("i386", 4, 4, 4, 4, 12, 4, false, false, symbols);
    }

    /** x86-64 System V: LP64. */
    public static Abi x86_64(Set<String> symbols) {
        return new Abi("x86_64", 8, 8, 8, 8, 16, 16, true, true, symbols);
    }

    /** A generic LP64 target with natural alignment (arm64, riscv64, ...). */
    public static Abi lp64(Set<String> symbols) {
        return new Abi("lp64", 8, 8, 8, 8, 16, 16, true, true, symbols);
    }

    /** A generic ILP32 target with natural 8-byte alignment of long long and double (arm EABI, ...). */
    public static Abi ilp32(Set<String> symbols) {
        return new Abi("ilp32", 4, 4, 8, 8, 8, 8, false, false, symbols);
    }

    /**
     * The ABI a configuration builds for: 64BIT decides for every arch that
     * has it; on x86 X86_32/X86_64 are read when 64BIT is absent.
     */
    public static Abi of(String srcarch, Map<String, String> values) {
        Set<String> read = new TreeSet<>();
        read.add("64BIT");
        boolean is64;
        if (values.containsKey("64BIT")) {
            is64 = "y".equals(values.get("64BIT"));
        } else if (srcarch.equals("x86")) {
            read.add("X86_64");
            read.add("X86_32");
            is64 = "y".equals(values.get("X86_64")) && !"y".equals(values.get("X86_32"));
        } else {
            is64 = false;
        }
        Set<String> s = Set.copyOf(read);
        if (srcarch.equals("x86")) {
            return is64 ? x86_64(s) : i386(s);
        }
        return is64 ? lp64(s) : ilp32(s);
    }

    public boolean lp64() {
        return longSize == 8;
    }
}
