package dev.kls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kls.kconfig.testing.Scenarios;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's HTML report in a real headless Chromium (Debian's package), driven over the DevTools protocol
 * with the JDK's own WebSocket client: it loads without console errors or exceptions, both charts draw
 * (the screenshot of the chart region is not blank), and the table has the finding rows the JSON report has,
 * sorts and filters. Tagged "browser": it runs with -Pkernel, as CI does, and fails when chromium is missing.
 */
@Tag("browser")
class SweepHtmlBrowserTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KLS_CHROMIUM", "/usr/bin/chromium"));
    /** Where the last screenshot of the whole page is kept, to look at. */
    static final Path SHOT = Path.of("target", "sweep-report.png");

    @Test
    void theReportLoadsDrawsItsChartsAndListsTheFindings(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install Debian's chromium package (apt-get install chromium), "
                    + "or set KLS_CHROMIUM");
        }
        Path tree = Scenarios.copy("xen-p2m-2008", dir);
        String[] common = {"sweep", "--srctree", tree.toString(), "--arch", "x86", "--configs", "60", "--seed", "0"};
        Path html = dir.resolve("sweep.html");
        Path json = dir.resolve("sweep.json");
        for (Path out : List.of(html, json)) {
            List<String> args = new ArrayList<>(List.of(common));
            args.addAll(List.of("--format", out == html ? "html" : "json", "--output", out.toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.status(), run.err());
        }
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject p2m = null;
        for (JsonElement e : report.getAsJsonArray("findings")) {
            if (e.getAsJsonObject().get("message").getAsString().startsWith("p2m_top_mfn_list ")) {
                p2m = e.getAsJsonObject();
            }
        }
        assertTrue(p2m != null && p2m.get("firesIn").getAsInt() > 0, "seed 0's sweep has p2m_top_mfn_list firing");
        String firstSeed = p2m.getAsJsonArray("fires").get(0).getAsJsonObject().get("seed").getAsString();

        try (Browser b = Browser.start(dir.resolve("profile"))) {
            b.call("Page.enable", new JsonObject());
            b.call("Runtime.enable", new JsonObject());
            b.call("Log.enable", new JsonObject());
            JsonObject metrics = new JsonObject();
            metrics.addProperty("width", 1280);
            metrics.addProperty("height", 1000);
            metrics.addProperty("deviceScaleFactor", 1);
            metrics.addProperty("mobile", false);
            b.call("Emulation.setDeviceMetricsOverride", metrics);
            JsonObject nav = new JsonObject();
            nav.addProperty("url", html.toUri().toString());
            b.call("Page.navigate", nav);
            b.awaitEvent("Page.loadEventFired", Duration.ofSeconds(20));

            assertEquals("2", b.eval("document.querySelectorAll('canvas').length >= 2 ? '2' : "
                    + "String(document.querySelectorAll('canvas').length)"), "both charts have a canvas");
            int rows = Integer.parseInt(b.eval("String(document.querySelectorAll('#findings tbody tr').length)"));
            assertEquals(report.getAsJsonArray("findings").size(), rows);
            String row = b.eval("Array.from(document.querySelectorAll('#findings tbody tr'))"
                    + ".map(r => r.textContent).find(t => t.includes('p2m_top_mfn_list')) || ''");
            assertTrue(row.contains("arch/x86/xen/mmu.c:25:22"), row);
            assertTrue(row.contains(p2m.get("firesIn").getAsInt() + " of 60"), row);
            assertTrue(row.contains("KCONFIG_SEED=" + firstSeed + " make ARCH=x86 randconfig"), row);
            assertTrue(row.contains("kls lint --srctree . --arch x86 --config .config arch/x86/xen/mmu.c"), row);
            // filtering hides the rows without the text, and says how many are left
            assertEquals("0 of " + rows + " findings", b.eval("(() => { const f = document.getElementById('filter');"
                    + " f.value = 'no-such-text-anywhere'; f.dispatchEvent(new Event('input'));"
                    + " return document.getElementById('shown').textContent; })()"));
            assertEquals("1 of " + rows + " findings", b.eval("(() => { const f = document.getElementById('filter');"
                    + " f.value = 'P2M_TOP_MFN'; f.dispatchEvent(new Event('input'));"
                    + " return document.getElementById('shown').textContent; })()"));
            // a click on "fires in" sorts by it, descending on the second click
            assertEquals("desc", b.eval("(() => { const th = document.querySelectorAll('#findings th')[5];"
                    + " th.click(); th.click(); return th.className; })()"));

            JsonObject rect = JsonParser.parseString(b.eval("JSON.stringify(document.getElementById('chart-rules')"
                    + ".getBoundingClientRect())")).getAsJsonObject();
            BufferedImage chart = b.screenshot(rect.get("x").getAsDouble(), rect.get("y").getAsDouble(),
                    rect.get("width").getAsDouble(), rect.get("height").getAsDouble());
            int drawn = 0;
            for (int y = 0; y < chart.getHeight(); y++) {
                for (int x = 0; x < chart.getWidth(); x++) {
                    if ((chart.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                        drawn++;
                    }
                }
            }
            double share = drawn / (double) (chart.getWidth() * chart.getHeight());
            assertTrue(share > 0.01, "the per-rule chart is blank: " + drawn + " drawn pixels");
            double h = Double.parseDouble(b.eval("String(document.documentElement.scrollHeight)"));
            Files.createDirectories(SHOT.toAbsolutePath().getParent());
            ImageIO.write(b.screenshot(0, 0, 1280, h), "png", SHOT.toFile());

            List<String> errors = b.errors();
            assertEquals(List.of(), errors, "the page logs no errors");
        }
    }

    /** A headless Chromium and one page's DevTools connection. */
    static final class Browser implements AutoCloseable {
        private final Process process;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final List<JsonObject> events = new CopyOnWriteArrayList<>();

        private Browser(Process process, WebSocket socket) {
            this.process = process;
            this.socket = socket;
        }

        static Browser start(Path profile) throws Exception {
            Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = err.readLine()) != null; ) {
                        if (line.startsWith("DevTools listening on ")) {
                            endpoint.complete(line.substring("DevTools listening on ".length()).trim());
                        }
                    }
                    endpoint.completeExceptionally(new IOException("chromium ended before listening"));
                } catch (IOException e) {
                    endpoint.completeExceptionally(e);
                }
            }, "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            try {
                URI browser = URI.create(endpoint.get(20, TimeUnit.SECONDS));
                HttpClient http = HttpClient.newHttpClient();
                URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
                String page = null;
                for (int tries = 0; page == null && tries < 50; tries++) {
                    String body = http.send(HttpRequest.newBuilder(list).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    for (JsonElement t : JsonParser.parseString(body).getAsJsonArray()) {
                        if (t.getAsJsonObject().get("type").getAsString().equals("page")) {
                            page = t.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                        }
                    }
                    if (page == null) {
                        Thread.sleep(100);
                    }
                }
                if (page == null) {
                    throw new IOException("chromium has no page target");
                }
                Browser[] self = new Browser[1];
                WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            JsonObject m = JsonParser.parseString(text.toString()).getAsJsonObject();
                            text.setLength(0);
                            self[0].received(m);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
                self[0] = new Browser(p, ws);
                return self[0];
            } catch (Exception e) {
                p.destroyForcibly();
                throw e;
            }
        }

        private void received(JsonObject m) {
            if (m.has("id")) {
                CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
                if (f != null) {
                    f.complete(m);
                }
            } else {
                events.add(m);
            }
        }

        JsonObject call(String method, JsonObject params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonObject> f = new CompletableFuture<>();
            pending.put(id, f);
            JsonObject m = new JsonObject();
            m.addProperty("id", id);
            m.addProperty("method", method);
            m.add("params", params);
            socket.sendText(m.toString(), true).get(10, TimeUnit.SECONDS);
            JsonObject reply = f.get(20, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + ": " + reply.get("error"));
            }
            return reply.getAsJsonObject("result");
        }

        void awaitEvent(String method, Duration timeout) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            while (events.stream().noneMatch(e -> e.get("method").getAsString().equals(method))) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("no " + method + " within " + timeout + "; events: " + events);
                }
                Thread.sleep(50);
            }
        }

        /** A JavaScript expression's value, as a string; an exception in it fails the test. */
        String eval(String expression) throws Exception {
            JsonObject params = new JsonObject();
            params.addProperty("expression", expression);
            params.addProperty("returnByValue", true);
            JsonObject r = call("Runtime.evaluate", params);
            if (r.has("exceptionDetails")) {
                throw new AssertionError(expression + ": " + r.get("exceptionDetails"));
            }
            JsonElement v = r.getAsJsonObject("result").get("value");
            return v == null || v.isJsonNull() ? null : v.getAsString();
        }

        BufferedImage screenshot(double x, double y, double width, double height) throws Exception {
            JsonObject clip = new JsonObject();
            clip.addProperty("x", x);
            clip.addProperty("y", y);
            clip.addProperty("width", width);
            clip.addProperty("height", height);
            clip.addProperty("scale", 1);
            JsonObject params = new JsonObject();
            params.addProperty("format", "png");
            params.add("clip", clip);
            params.addProperty("captureBeyondViewport", true);
            byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").getAsString());
            return ImageIO.read(new ByteArrayInputStream(png));
        }

        /** Console errors and warnings, uncaught exceptions and browser log errors, as text. */
        List<String> errors() {
            List<String> out = new ArrayList<>();
            for (JsonObject e : events) {
                String method = e.get("method").getAsString();
                JsonObject p = e.getAsJsonObject("params");
                switch (method) {
                    case "Runtime.exceptionThrown" -> out.add("exception: " + p.get("exceptionDetails"));
                    case "Runtime.consoleAPICalled" -> {
                        String type = p.get("type").getAsString();
                        if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                            JsonArray args = p.getAsJsonArray("args");
                            out.add("console." + type + ": " + args);
                        }
                    }
                    case "Log.entryAdded" -> {
                        JsonObject entry = p.getAsJsonObject("entry");
                        if (entry.get("level").getAsString().equals("error")) {
                            out.add("log: " + entry.get("text").getAsString() + " " + entry.get("url"));
                        }
                    }
                    default -> { }
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            try {
                socket.abort();
            } finally {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
