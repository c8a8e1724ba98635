package dev.kls.kconfig.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.model.ConfigSymbol;
import dev.kls.kconfig.model.SymbolDefinition;
import dev.kls.kconfig.testing.LinuxTree;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model (what the linter and hover see) and the evaluator (conf's own
 * structures) must agree on which symbols are values of a choice, for the
 * whole Linux 6.1 tree of each architecture.
 */
@Tag("kernel")
class ModelChoiceAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "arm64", "arm", "powerpc", "mips", "riscv"})
    void choiceValuesAgree(String arch) throws Exception {
        Kconfig k = Kconfig.load(LinuxTree.dir(), arch, false, System.getenv());
        TreeSet<String> model = new TreeSet<>();
        for (ConfigSymbol s : k.model().symbols().values()) {
            for (SymbolDefinition d : s.definitions()) {
                if (d.choice() != null) {
                    model.add(s.name());
                }
            }
        }
        TreeSet<String> conf = new TreeSet<>();
        for (KSymbol s : MenuBuilder.build(k.tree()).symbols.inCreationOrder()) {
            if (s.isChoiceValue() && s.name != null) {
                conf.add(s.name);
            }
        }
        assertTrue(conf.size() > 100, "too few choice values to prove anything: " + conf.size());
        TreeSet<String> onlyModel = new TreeSet<>(model);
        onlyModel.removeAll(conf);
        TreeSet<String> onlyConf = new TreeSet<>(conf);
        onlyConf.removeAll(model);
        System.out.println(arch + ": " + conf.size() + " choice values; only in the model " + onlyModel
                + ", only in conf's " + onlyConf);
        assertEquals(conf, model);
    }
}
