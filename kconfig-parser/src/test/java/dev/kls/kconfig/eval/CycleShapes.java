package dev.kls.kconfig.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small Kconfig trees with recursive dependencies of several shapes (and one without), by name. */
final class CycleShapes {

    private CycleShapes() {
    }

    static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        ALL.put("depends-on-loop", """
                config A
                	bool "A"
                	depends on B

                config B
                	bool "B"
                	depends on C

                config C
                	bool "C"
                	depends on A || B
                """);
        ALL.put("select-loop", """
                config S1
                	bool "S1"
                	select S2

                config S2
                	bool "S2"
                	select S1

                config Y2
                	bool "Y2"
                	depends on Z2

                config Z2
                	bool
                	default y if Y2
                """);
        ALL.put("default-and-imply", """
                config F1
                	bool "F1"
                	default F2

                config F2
                	bool "F2"
                	depends on F1

                config E1
                	bool "E1"
                	depends on E2
                	imply E2

                config E2
                	bool "E2"
                """);
        ALL.put("choice-depends-on-member", """
                config A
                	bool "A"
                	default y

                choice
                	prompt "pick"
                	depends on B

                config B
                	bool "B"

                config C
                	bool "C"
                	depends on A

                endchoice
                """);
        ALL.put("choice-member-through-other-symbol", """
                choice
                	prompt "named"
                	default M2

                config M1
                	bool "M1"

                config M2
                	bool "M2"
                	depends on Q

                endchoice

                config Q
                	bool "Q"
                	depends on M1 || !M2
                """);
        ALL.put("menu-and-if-dependency", """
                menu "m"
                	visible if V

                config V
                	bool "V"
                	default y if W

                config W
                	int "W"
                	range 1 10 if V
                endmenu

                menu "depends on its content"
                	depends on G

                config G
                	bool "G"

                endmenu

                if P
                config P
                	bool "P"
                endif
                """);
        ALL.put("no-cycle", """
                config A
                	bool "A"
                	select B

                config B
                	bool "B"
                	depends on C

                config C
                	bool
                	default A

                choice
                	prompt "pick"
                	depends on A

                config M1
                	bool "M1"

                config M2
                	bool "M2"
                	depends on C

                endchoice
                """);
    }
}
