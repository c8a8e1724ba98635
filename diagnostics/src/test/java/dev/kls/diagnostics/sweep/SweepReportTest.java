package dev.kls.diagnostics.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.diagnostics.Assignment;
import dev.kls.diagnostics.Condition;
import dev.kls.diagnostics.Finding;
import dev.kls.diagnostics.Severity;
import dev.kls.kconfig.SourceRange;
import dev.kls.kconfig.semantics.Formula;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep report's JSON shape and key order, its text form, and merging. */
class SweepReportTest {

    private static final Finding F = Finding.of("select-unmet-deps", Severity.WARNING,
            new SourceRange("drivers/xen/Kconfig", 20, 2, 20, 27), "unmet direct dependencies detected for B")
            .withCondition(Condition.of(Formula.parse("A && !C")))
            .withWitness(List.of(new Assignment("A", "y"), new Assignment("C", "n")));

    private static SweepReport.Data data(String shard, Sweep.Outcome... outcomes) {
        SweepReport.Header h = new SweepReport.Header("tree", "x86", "x86", "random", 42L, 3, null, shard);
        return SweepReport.data(h, new Sweep.Result(List.of(F), List.of(outcomes)));
    }

    private static final Sweep.Outcome C0 = new Sweep.Outcome(0, 0x10L, null, List.of(), Map.of("A", "n", "C", "n"));
    private static final Sweep.Outcome C1 = new Sweep.Outcome(1, 0xabL, null, List.of(0), Map.of("C", "n", "A", "y"));
    private static final Sweep.Outcome C2 = new Sweep.Outcome(2, 0x7L, null, List.of(0), Map.of("A", "m", "C", ""));

    @Test
    void jsonHasAFixedShapeAndDerivesTheTotalsFromTheConfigurations() {
        String json = SweepReport.write(data(null, C2, C0, C1));
        assertEquals("""
                {
                  "version": 1,
                  "srctree": "tree",
                  "arch": "x86",
                  "srcarch": "x86",
                  "sampler": "random",
                  "seed": "0x2a",
                  "probability": null,
                  "total": 3,
                  "tried": 3,
                  "findings": [
                    {
                      "id": 0,
                      "ruleId": "select-unmet-deps",
                      "severity": "warning",
                      "file": "drivers/xen/Kconfig",
                      "line": 20,
                      "column": 2,
                      "message": "unmet direct dependencies detected for B",
                      "condition": "A && !C",
                      "conditionExact": true,
                      "decidedBy": "condition",
                      "witness": [
                        {
                          "symbol": "A",
                          "value": "y"
                        },
                        {
                          "symbol": "C",
                          "value": "n"
                        }
                      ],
                      "firesIn": 2,
                      "tried": 3,
                      "fires": [
                        {
                          "index": 1,
                          "seed": "0xab"
                        },
                        {
                          "index": 2,
                          "seed": "0x7"
                        }
                      ]
                    }
                  ],
                  "configurations": [
                    {
                      "index": 0,
                      "seed": "0x10",
                      "findings": [],
                      "values": {
                        "A": "n",
                        "C": "n"
                      }
                    },
                    {
                      "index": 1,
                      "seed": "0xab",
                      "findings": [
                        0
                      ],
                      "values": {
                        "A": "y",
                        "C": "n"
                      }
                    },
                    {
                      "index": 2,
                      "seed": "0x7",
                      "findings": [
                        0
                      ],
                      "values": {
                        "A": "m",
                        "C": ""
                      }
                    }
                  ]
                }
                """, json);
    }

    @Test
    void textSaysHowOftenAndWhereFirst() {
        StringWriter sw = new StringWriter();
        SweepReport.writeText(data(null, C0, C1, C2), new PrintWriter(sw));
        assertEquals(String.join(System.lineSeparator(),
                "drivers/xen/Kconfig:20:2: warning: unmet direct dependencies detected for B [select-unmet-deps]",
                "  fires in 2 of 3 configurations",
                "  condition: A && !C",
                "  first: configuration 1 (KCONFIG_SEED=0xab)",
                "sweep: 3 configurations tried, 1 findings, 2 configurations with at least one", ""), sw.toString());
    }

    @Test
    void shardsReadBackMergeToOneRunAndOverlapsAreRefused() {
        String one = SweepReport.write(data(null, C0, C1, C2));
        SweepReport.Data a = SweepReport.read(SweepReport.write(data("1/2", C0, C2)));
        SweepReport.Data b = SweepReport.read(SweepReport.write(data("2/2", C1)));
        assertEquals(one, SweepReport.write(SweepReport.merge(List.of(b, a))));
        assertThrows(IllegalArgumentException.class, () -> SweepReport.merge(List.of(a, a)));
    }

    private static SweepReport.Data pairwise(String shard, SweepReport.Coverage c, Sweep.Outcome... outcomes) {
        SweepReport.Header h = new SweepReport.Header("tree", "x86", "x86", "pairwise", null, 3, null, shard, false,
                c);
        return SweepReport.data(h, new Sweep.Result(List.of(F), List.of(outcomes)));
    }

    private static final SweepReport.Coverage COVERAGE = new SweepReport.Coverage(List.of("A", "C"), List.of("N"),
            1000, 6, List.of("A=m C=y"), List.of("A=y C=y"), List.of(), List.of("A=n C=y"));

    @Test
    void pairwiseFiguresAreWrittenAfterTheHeaderReadBackAndMerged() {
        String json = SweepReport.write(pairwise(null, COVERAGE, C0, C1, C2));
        assertTrue(json.contains("""
                  "total": 3,
                  "pairwise": {
                    "symbols": [
                      "A",
                      "C"
                    ],
                    "leftOut": [
                      "N"
                    ],
                    "budget": 1000,
                    "targets": 6,
                    "covered": 3,
                    "infeasible": 1,
                    "uncovered": 1,
                    "undecided": 0,
                    "notTried": 1,
                    "infeasiblePairs": [
                      "A=m C=y"
                    ],
                    "uncoveredPairs": [
                      "A=y C=y"
                    ],
                    "undecidedPairs": [],
                    "notTriedPairs": [
                      "A=n C=y"
                    ]
                  },
                  "tried": 3,
                """), json);
        assertEquals(COVERAGE, SweepReport.read(json).header().pairwise());
        SweepReport.Data a = SweepReport.read(SweepReport.write(pairwise("1/2", COVERAGE, C0, C2)));
        SweepReport.Data b = SweepReport.read(SweepReport.write(pairwise("2/2", COVERAGE, C1)));
        assertEquals(json, SweepReport.write(SweepReport.merge(List.of(a, b))));
        // another plan's shard is another sweep
        SweepReport.Coverage other = new SweepReport.Coverage(List.of("A", "C"), List.of("N"), 1000, 6,
                List.of(), List.of("A=y C=y"), List.of(), List.of("A=n C=y"));
        SweepReport.Data c = SweepReport.read(SweepReport.write(pairwise("2/2", other, C1)));
        assertThrows(IllegalArgumentException.class, () -> SweepReport.merge(List.of(a, c)));

        StringWriter sw = new StringWriter();
        SweepReport.writeText(SweepReport.read(json), new PrintWriter(sw));
        assertTrue(sw.toString().contains("sweep: pairwise: 6 pairs of values of 2 symbols: 3 covered, 1 infeasible, "
                + "1 uncovered (SAT and conf disagree), 0 undecided (SAT budget), 1 not tried (--configs); left out "
                + "(not bool/tristate): N"), sw.toString());
    }

    @Test
    void pairwiseCountsThatAreNotThoseOfTheListsAreRefused() {
        String json = SweepReport.write(pairwise(null, COVERAGE, C0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepReport.read(json.replace("\"covered\": 3", "\"covered\": 4")));
        assertEquals("\"pairwise\": \"covered\" is not 3, the count its pairs give", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SweepReport.read(json.replace("\"targets\": 6", "\"targets\": 2")));
        assertTrue(e.getMessage().startsWith("\"pairwise\": more pairs are not covered"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SweepReport.read(json.replace("\"undecidedPairs\": []", "\"undecidedPairs\": [1]")));
        assertEquals("\"pairwise\"'s undecidedPairs entry is not a string", e.getMessage());
    }

    @Test
    void seedsDependOnTheSweepSeedAndTheIndexOnly() {
        assertEquals(Sweep.seedFor(42, 7), Sweep.seedFor(42, 7));
        assertEquals(false, Sweep.seedFor(42, 7) == Sweep.seedFor(42, 8));
        assertEquals(false, Sweep.seedFor(42, 7) == Sweep.seedFor(43, 7));
        assertEquals(0, Sweep.seedFor(1, 3) >>> 32, "KCONFIG_SEED is 32 bits");
    }
}
