package dev.kls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.kls.kconfig.Kconfig;
import dev.kls.kconfig.dotconfig.DotConfig;
import dev.kls.kconfig.eval.ConfigEvaluator;
import dev.kls.kconfig.eval.ConfigResult;
import dev.kls.kconfig.eval.ConfigTarget;
import dev.kls.kconfig.testing.LinuxTree;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Show a configuration where this line is compiled", over the protocol, checked with the evaluator. */
class CoverActionTest {

    @Test
    void theActionWritesAFragmentUnderWhichTheLineIsCompiled(@TempDir Path dir) throws Exception {
        Path from = LinuxTree.repoRoot().resolve("test-workspace/ifdef-tristate");
        Path tree = dir.resolve("tree");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = tree.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Path setup = tree.resolve("arch/x86/kernel/setup.c");
        String text = Files.readString(setup);
        List<String> lines = List.of(text.split("\n", -1));
        int inBlock = lines.indexOf("\trd_image_start = ram_size & 0x07FF;"); // inside #ifdef CONFIG_BLK_DEV_RAM
        assertTrue(inBlock > 0, text);
        try (InProcessClient c = new InProcessClient()) {
            c.start(tree, "x86");
            c.progressEnded.get(120, TimeUnit.SECONDS);
            String uri = setup.toUri().toString();
            c.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "c", 1, text)));
            List<Either<Command, CodeAction>> actions = c.server.getTextDocumentService().codeAction(
                    new CodeActionParams(new TextDocumentIdentifier(uri),
                            new Range(new Position(inBlock, 3), new Position(inBlock, 3)),
                            new CodeActionContext(List.of()))).get(60, TimeUnit.SECONDS);
            CodeAction cover = actions.stream().filter(Either::isRight).map(Either::getRight)
                    .filter(a -> a.getCommand() != null && "kls.coverConfiguration".equals(a.getCommand().getCommand()))
                    .findFirst().orElseThrow(() -> new AssertionError("no cover action in " + actions));
            assertEquals("Show a configuration where line " + (inBlock + 1) + " is compiled", cover.getTitle());
            assertEquals("source.kls.cover", cover.getKind());
            // Asked for quick fixes only (as a lightbulb may), the source action is not offered.
            assertTrue(c.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    new Range(new Position(inBlock, 3), new Position(inBlock, 3)),
                    new CodeActionContext(List.of(), List.of("quickfix")))).get(60, TimeUnit.SECONDS).stream()
                    .noneMatch(e -> e.isRight() && e.getRight().getCommand() != null));

            Object result = c.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    cover.getCommand().getCommand(), cover.getCommand().getArguments())).get(120, TimeUnit.SECONDS);
            JsonObject o = (JsonObject) new com.google.gson.Gson().toJsonTree(result);
            Path fragment = Path.of(URI.create(o.get("fragment").getAsString()));
            assertEquals(tree.resolve(".kls/cover/arch-x86-kernel-setup.c-" + (inBlock + 1) + ".config"), fragment);
            String written = Files.readString(fragment);
            System.out.println(written);
            // #ifdef CONFIG_BLK_DEV_RAM is true for =y only (=m defines CONFIG_BLK_DEV_RAM_MODULE).
            assertTrue(written.lines().anyMatch("CONFIG_BLK_DEV_RAM=y"::equals), written);
            assertTrue(written.contains("# needs BLK_DEV_RAM = y"), written);
            String message = c.messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no window/showMessage about the fragment");
            assertTrue(message.contains("CONFIG_BLK_DEV_RAM=y compiles arch/x86/kernel/setup.c:" + (inBlock + 1)),
                    message);

            // The kernel's way to use it: the fragment over the configuration the editor had (alldefconfig
            // here), then olddefconfig, keeps BLK_DEV_RAM=y.
            Kconfig k = Kconfig.load(tree, "x86", false, Map.of());
            ConfigResult base = ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG, DotConfig.parse("empty", ""));
            ConfigResult merged = ConfigEvaluator.run(k.tree(), ConfigTarget.OLDDEFCONFIG,
                    DotConfig.parse("merged", base.body() + written));
            assertEquals("y", merged.symbol("BLK_DEV_RAM").value(), merged.body());
            assertEquals("n", base.symbol("BLK_DEV_RAM").value(), "the base did not compile the line already");

            // A command kls does not have is an error, not silence.
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> c.server.getWorkspaceService().executeCommand(new ExecuteCommandParams("kls.nope",
                            List.of())).get(10, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("unknown command kls.nope"), e.toString());
        }
    }
}
