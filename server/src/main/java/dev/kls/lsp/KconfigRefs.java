package dev.kls.lsp;

import dev.kls.kconfig.ast.KconfigFile;
import dev.kls.kconfig.ast.SymbolWalk;
import dev.kls.kconfig.ast.Text;
import java.util.ArrayList;
import java.util.List;

/** Every symbol name a Kconfig file writes: its definitions and its uses, with ranges. */
public final class KconfigRefs {

    private KconfigRefs() {
    }

    public static List<Occurrence> of(KconfigFile file) {
        List<Occurrence> out = new ArrayList<>();
        SymbolWalk.walk(file.entries(), new SymbolWalk.Visitor() {
            @Override
            public void definition(Text name) {
                add(name, Occurrence.Kind.DEFINITION);
            }

            @Override
            public void use(Text name) {
                add(name, Occurrence.Kind.KCONFIG);
            }

            private void add(Text t, Occurrence.Kind kind) {
                if (SymbolWalk.isPlaceableName(t)) {
                    out.add(new Occurrence(t.value(), t.range(), kind));
                }
            }
        });
        return out;
    }
}
