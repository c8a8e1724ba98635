package dev.kls.kconfig.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the data symbols of an object file: sizes from {@code nm -S}, the
 * section of each from {@code readelf -sW} and {@code -SW} (matched by name,
 * value and size), and the alignment gcc chose from its assembly output.
 */
final class ObjectReader {

    /** nm's letters for data: bss, data, read-only, small data, weak objects, common. */
    private static final String DATA_TYPES = "bBdDrRgGsSvVC";
    /** nm -S prints no size for a symbol whose size is 0 (a zero-length array, an assembler label). */
    private static final Pattern NM_LINE = Pattern.compile("^([0-9a-fA-F]+) (?:([0-9a-fA-F]+) )?(\\S) (\\S+)$");
    private static final Pattern SECTION_LINE = Pattern.compile("^\\s*\\[\\s*(\\d+)]\\s+(.*)$");
    private static final Pattern SYMBOL_LINE = Pattern.compile(
            "^\\s*\\d+:\\s+([0-9a-fA-F]+)\\s+(0x[0-9a-fA-F]+|\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)$");

    private record ElfSymbol(String name, long value, long size, String ndx) {
    }

    private ObjectReader() {
    }

    /**
     * @param object   the .o
     * @param assembly the .s gcc wrote for the same unit (for each object's alignment)
     * @param arch     recorded in each symbol
     * @param file     the source, as recorded in each symbol
     */
    static List<ObjectSymbol> read(Toolchain tools, Path object, Path assembly, String arch, String file) {
        Map<Integer, String> sectionNames = new HashMap<>();
        Map<Integer, Long> sectionAligns = new HashMap<>();
        for (String line : Exec.output(List.of(tools.readelf(), "-SW", object.toString()), null).split("\n")) {
            Matcher m = SECTION_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int index = Integer.parseInt(m.group(1));
            String[] fields = m.group(2).trim().split("\\s+");
            if (index == 0 || fields.length < 2) {
                continue;
            }
            sectionNames.put(index, fields[0]);
            sectionAligns.put(index, Long.parseLong(fields[fields.length - 1]));
        }
        Map<String, List<ElfSymbol>> elf = new HashMap<>();
        for (String line : Exec.output(List.of(tools.readelf(), "-sW", object.toString()), null).split("\n")) {
            Matcher m = SYMBOL_LINE.matcher(line);
            if (m.matches()) {
                String sz = m.group(2);
                long size = sz.startsWith("0x") ? Long.parseLong(sz.substring(2), 16) : Long.parseLong(sz);
                ElfSymbol s = new ElfSymbol(m.group(7), Long.parseUnsignedLong(m.group(1), 16), size, m.group(6));
                elf.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, Long> alignments = alignments(assembly);
        List<ObjectSymbol> out = new ArrayList<>();
        for (String line : Exec.output(List.of(tools.nm(), "-S", "--defined-only", object.toString()), null)
                .split("\n")) {
            Matcher m = NM_LINE.matcher(line.strip());
            if (!m.matches() || DATA_TYPES.indexOf(m.group(3).charAt(0)) < 0) {
                continue;
            }
            String name = m.group(4);
            long value = Long.parseUnsignedLong(m.group(1), 16);
            long size = m.group(2) == null ? 0 : Long.parseUnsignedLong(m.group(2), 16);
            List<ElfSymbol> same = elf.getOrDefault(name, List.of()).stream()
                    .filter(e -> e.value() == value && e.size() == size).toList();
            if (same.size() != 1) {
                throw new IllegalStateException(object + ": nm's " + name + " at " + value + " matches " + same.size()
                        + " entries of readelf's symbol table");
            }
            String ndx = same.get(0).ndx();
            String section;
            long sectionAlign;
            if (ndx.equals("COM")) {
                section = "*COM*";
                sectionAlign = value; // a common symbol's value is its alignment
            } else if (ndx.matches("\\d+") && sectionNames.containsKey(Integer.parseInt(ndx))) {
                section = sectionNames.get(Integer.parseInt(ndx));
                sectionAlign = sectionAligns.get(Integer.parseInt(ndx));
            } else {
                throw new IllegalStateException(object + ": " + name + " is in section index " + ndx
                        + ", which readelf -S does not list");
            }
            long align = alignments.getOrDefault(name, 1L);
            out.add(new ObjectSymbol(arch, file, name, m.group(3).charAt(0), size, section, value, sectionAlign,
                    align));
        }
        return List.copyOf(out);
    }

    private static final Pattern LABEL = Pattern.compile("^([A-Za-z_.$][\\w.$]*):");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*(\\.[\\w]+)\\s*(.*)$");

    /**
     * The alignment each label got from the {@code .align}/{@code .balign}/
     * {@code .p2align} in force before it in its section (x86 ELF {@code .align}
     * counts bytes), and that of {@code .comm}/{@code .lcomm} symbols.
     */
    static Map<String, Long> alignments(Path assembly) {
        List<String> lines;
        try {
            lines = Files.readAllLines(assembly, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + assembly, e);
        }
        Map<String, Long> out = new HashMap<>();
        Deque<String[]> stack = new ArrayDeque<>();
        String current = ".text";
        String previous = ".text";
        long pending = 1;
        for (String raw : lines) {
            String line = stripComment(raw);
            Matcher label = LABEL.matcher(line);
            if (label.find()) {
                out.putIfAbsent(label.group(1), pending);
                pending = 1;
                line = line.substring(label.end());
            }
            Matcher d = DIRECTIVE.matcher(line);
            if (!d.matches()) {
                continue;
            }
            String op = d.group(1);
            String args = d.group(2).trim();
            switch (op) {
                case ".text", ".data", ".bss" -> {
                    previous = current;
                    current = op;
                    pending = 1;
                }
                case ".section" -> {
                    previous = current;
                    current = sectionName(args);
                    pending = 1;
                }
                case ".pushsection" -> {
                    stack.push(new String[] {current, previous});
                    previous = current;
                    current = sectionName(args);
                    pending = 1;
                }
                case ".popsection" -> {
                    if (!stack.isEmpty()) {
                        String[] top = stack.pop();
                        current = top[0];
                        previous = top[1];
                    }
                    pending = 1;
                }
                case ".previous" -> {
                    String t = current;
                    current = previous;
                    previous = t;
                    pending = 1;
                }
                case ".align", ".balign" -> pending = Math.max(pending, number(first(args)));
                case ".p2align" -> pending = Math.max(pending, 1L << number(first(args)));
                case ".comm", ".lcomm" -> {
                    String[] f = args.split("\\s*,\\s*");
                    if (f.length >= 3) {
                        out.putIfAbsent(f[0], number(f[2]));
                    }
                }
                default -> {
                    // other directives (.type, .size, .zero, .long, ...) leave the alignment alone
                }
            }
        }
        return out;
    }

    private static String sectionName(String args) {
        String name = args.split(",", 2)[0].trim();
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name;
    }

    private static String first(String args) {
        return args.split(",", 2)[0].trim();
    }

    private static long number(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** Drops a '#' comment (gas on x86), leaving quoted strings alone. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
