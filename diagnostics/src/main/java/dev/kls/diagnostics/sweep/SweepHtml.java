package dev.kls.diagnostics.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sweep report as one self-contained HTML page: a summary, a chart of
 * findings per rule, a heat map of which symbol values go with which findings,
 * and a sortable, filterable table of the findings with their witness and a
 * command line that reproduces the first configuration where each fires.
 * Apache ECharts (the org.webjars.npm:echarts jar) is inlined, so the page
 * needs no network when viewed. Everything from the tree is HTML-escaped in
 * the markup, and the chart data is JSON with {@code <}, {@code >}, {@code &}
 * escaped as {@code \\u003c...}, so no text from the tree can end a script.
 */
public final class SweepHtml {

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** Heat map rows kept readable: the findings that fire most, first. */
    static final int HEAT_FINDINGS = 40;
    private static final List<String> VALUES = List.of("y", "m", "n", "other");

    private SweepHtml() {
    }

    public static String write(SweepReport.Data d) {
        JsonObject o = SweepReport.toJson(d);
        JsonArray findings = o.getAsJsonArray("findings");
        JsonArray configs = o.getAsJsonArray("configurations");
        int tried = o.get("tried").getAsInt();
        long firing = configs.asList().stream()
                .filter(c -> !c.getAsJsonObject().getAsJsonArray("findings").isEmpty()).count();
        Map<String, int[]> perRule = new TreeMap<>(); // rule -> {findings, firings}
        for (JsonElement e : findings) {
            JsonObject f = e.getAsJsonObject();
            int[] n = perRule.computeIfAbsent(f.get("ruleId").getAsString(), k -> new int[2]);
            n[0]++;
            n[1] += f.get("firesIn").getAsInt();
        }

        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>kls sweep: ").append(esc(o.get("srctree").getAsString())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>kls sweep</h1>\n");
        if (o.has("partial")) {
            h.append("<p class=\"partial\" id=\"partial\">Partial report: the sweep was stopped after ")
                    .append(tried).append(" of ").append(o.get("total").getAsInt()).append(" configurations.</p>\n");
        }
        h.append("<table class=\"summary\" id=\"summary\">\n");
        row(h, "tree", o.get("srctree").getAsString());
        row(h, "arch", o.get("arch").getAsString() + " (arch/" + o.get("srcarch").getAsString() + ")");
        row(h, "sampler", o.get("sampler").getAsString()
                + (o.get("seed").isJsonNull() ? "" : ", seed " + o.get("seed").getAsString())
                + (o.get("probability").isJsonNull() ? "" : ", probability " + o.get("probability").getAsString())
                + (o.has("shard") ? ", shard " + o.get("shard").getAsString() : ""));
        if (o.has("pairwise")) {
            row(h, "pairwise", SweepReport.pairwiseLine(o.getAsJsonObject("pairwise")));
        }
        row(h, "configurations", tried + " tried of " + o.get("total").getAsInt() + ", " + firing
                + " with at least one finding");
        row(h, "findings", findings.size() + "");
        row(h, "rules", perRule.size() + (perRule.isEmpty() ? "" : ": " + String.join(", ", perRule.keySet())));
        h.append("</table>\n");

        h.append("<h2>Findings per rule</h2>\n<div id=\"chart-rules\" class=\"chart\" style=\"height:")
                .append(Math.max(220, 60 + 28 * perRule.size())).append("px\"></div>\n");
        Heat heat = heat(findings, configs);
        h.append("<h2>Symbol values and findings</h2>\n<p class=\"note\">For each finding and each symbol its ")
                .append("condition or witness mentions: the share of the configurations where it fires, and of ")
                .append("those where it does not, that have the symbol at y, m, n or another value.</p>\n")
                .append("<div id=\"chart-heat\" class=\"chart\" style=\"height:")
                .append(Math.max(220, 90 + 22 * heat.rows.size())).append("px\"></div>\n");

        h.append("<h2>Findings</h2>\n<p><input id=\"filter\" type=\"search\" placeholder=\"filter the table\" ")
                .append("size=\"40\"> <span id=\"shown\"></span></p>\n");
        h.append("<table class=\"findings\" id=\"findings\">\n<thead><tr>");
        for (String c : List.of("id", "rule", "severity", "location", "message", "fires in", "condition",
                "witness", "reproduce")) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (JsonElement e : findings) {
            JsonObject f = e.getAsJsonObject();
            String where = f.get("file").isJsonNull() ? "" : f.get("file").getAsString() + ":"
                    + f.get("line").getAsInt() + ":" + f.get("column").getAsInt();
            int fires = f.get("firesIn").getAsInt();
            h.append("<tr data-id=\"").append(f.get("id").getAsInt()).append("\">");
            cell(h, f.get("id").getAsInt() + "", f.get("id").getAsInt() + "");
            cell(h, f.get("ruleId").getAsString(), null);
            cell(h, f.get("severity").getAsString(), null);
            cell(h, where, null);
            cell(h, f.get("message").getAsString(), null);
            h.append("<td data-sort=\"").append(fires).append("\">").append(fires).append(" of ").append(tried)
                    .append(String.format(Locale.ROOT, " (%.1f%%)", tried == 0 ? 0.0 : 100.0 * fires / tried))
                    .append("</td>");
            cell(h, f.get("condition").getAsString()
                    + (f.get("conditionExact").getAsBoolean() ? "" : " (decided by the rule)"), null);
            List<String> w = new ArrayList<>();
            for (JsonElement a : f.getAsJsonArray("witness")) {
                w.add(a.getAsJsonObject().get("symbol").getAsString() + "=" + a.getAsJsonObject().get("value")
                        .getAsString());
            }
            cell(h, String.join(" ", w), null);
            h.append("<td class=\"cmd\">");
            JsonArray at = f.getAsJsonArray("fires");
            if (!at.isEmpty()) {
                h.append("<code>").append(esc(reproduce(o, f, at.get(0).getAsJsonObject()))).append("</code>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");

        JsonObject data = new JsonObject();
        JsonArray rules = new JsonArray();
        JsonArray ruleFindings = new JsonArray();
        JsonArray ruleFirings = new JsonArray();
        perRule.forEach((rule, n) -> {
            rules.add(rule);
            ruleFindings.add(n[0]);
            ruleFirings.add(n[1]);
        });
        data.add("rules", rules);
        data.add("ruleFindings", ruleFindings);
        data.add("ruleFirings", ruleFirings);
        JsonArray heatRows = new JsonArray();
        heat.rows.forEach(heatRows::add);
        data.add("heatRows", heatRows);
        JsonArray columns = new JsonArray();
        for (String side : List.of("fires", "silent")) {
            for (String v : VALUES) {
                columns.add(side + ": " + v);
            }
        }
        data.add("heatColumns", columns);
        data.add("heat", heat.cells);
        // Gson's default HTML escaping writes < > & = ' as \\u003c...: the JSON cannot close the script element.
        Gson gson = new GsonBuilder().create();
        h.append("<script type=\"application/json\" id=\"kls-data\">").append(gson.toJson(data))
                .append("</script>\n");
        h.append("<script>\n").append(echarts().replaceAll("(?i)</script", "<\\\\/script")).append("\n</script>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The heat map: one row per (finding, symbol), the shares of y/m/n/other among firing and silent ones. */
    private record Heat(List<String> rows, JsonArray cells) {
    }

    private static Heat heat(JsonArray findings, JsonArray configs) {
        List<JsonObject> order = new ArrayList<>();
        findings.forEach(e -> order.add(e.getAsJsonObject()));
        order.sort((a, b) -> Integer.compare(b.get("firesIn").getAsInt(), a.get("firesIn").getAsInt()));
        List<String> rows = new ArrayList<>();
        JsonArray cells = new JsonArray();
        for (JsonObject f : order.subList(0, Math.min(HEAT_FINDINGS, order.size()))) {
            int id = f.get("id").getAsInt();
            Set<String> symbols = new LinkedHashSet<>();
            f.getAsJsonArray("witness").forEach(a -> symbols.add(a.getAsJsonObject().get("symbol").getAsString()));
            for (JsonElement c : configs) {
                JsonObject values = c.getAsJsonObject().getAsJsonObject("values");
                if (values != null) {
                    // the condition's symbols are those recorded that the condition's text names
                    for (String s : values.keySet()) {
                        if (mentions(f.get("condition").getAsString(), s)) {
                            symbols.add(s);
                        }
                    }
                }
                break; // every configuration records the same symbols
            }
            for (String s : symbols) {
                int[][] n = new int[2][VALUES.size()];
                int[] total = new int[2];
                for (JsonElement e : configs) {
                    JsonObject c = e.getAsJsonObject();
                    JsonObject values = c.getAsJsonObject("values");
                    if (values == null || !values.has(s)) {
                        continue;
                    }
                    int side = c.getAsJsonArray("findings").asList().stream()
                            .anyMatch(x -> x.getAsInt() == id) ? 0 : 1;
                    String v = values.get(s).getAsString();
                    int col = VALUES.indexOf(v);
                    n[side][col < 0 ? VALUES.size() - 1 : col]++;
                    total[side]++;
                }
                if (total[0] + total[1] == 0) {
                    continue;
                }
                int r = rows.size();
                rows.add("#" + id + " " + f.get("ruleId").getAsString() + ": " + s);
                for (int side = 0; side < 2; side++) {
                    for (int col = 0; col < VALUES.size(); col++) {
                        JsonArray cell = new JsonArray();
                        cell.add(side * VALUES.size() + col);
                        cell.add(r);
                        cell.add(total[side] == 0 ? 0 : Math.round(1000.0 * n[side][col] / total[side]) / 10.0);
                        cells.add(cell);
                    }
                }
            }
        }
        return new Heat(rows, cells);
    }

    private static boolean mentions(String condition, String symbol) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(symbol)
                + "(?![A-Za-z0-9_])").matcher(condition).find();
    }

    /** The shell lines that give the configuration again and lint the finding's file under it. */
    static String reproduce(JsonObject report, JsonObject finding, JsonObject config) {
        String arch = report.get("arch").getAsString();
        String file = finding.get("file").isJsonNull() ? "" : " " + shell(finding.get("file").getAsString());
        String lint = "kls lint --srctree . --arch " + shell(arch) + " --config .config" + file;
        String sampler = report.get("sampler").getAsString();
        if (sampler.equals("random") && !config.get("seed").isJsonNull()) {
            String p = report.get("probability").isJsonNull() ? ""
                    : "KCONFIG_PROBABILITY=" + shell(report.get("probability").getAsString()) + " ";
            return "KCONFIG_SEED=" + config.get("seed").getAsString() + " " + p + "make ARCH=" + shell(arch)
                    + " randconfig && " + lint;
        }
        String name = config.has("name") ? config.get("name").getAsString() : "";
        if (sampler.equals("pairwise")) {
            // the same sweep with --save-configs DIR writes this configuration as DIR/config-INDEX
            return "cp DIR/config-" + config.get("index").getAsInt() + " .config && make ARCH=" + shell(arch)
                    + " olddefconfig && " + lint;
        }
        if (sampler.equals("defconfigs")) {
            String target = name.substring(name.lastIndexOf('/') + 1);
            return "make ARCH=" + shell(arch) + " " + shell(target) + " && " + lint;
        }
        return "cp " + shell(name) + " .config && make ARCH=" + shell(arch) + " olddefconfig && " + lint;
    }

    private static String shell(String s) {
        return s.matches("[A-Za-z0-9_./:=+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void cell(StringBuilder h, String text, String sort) {
        h.append("<td");
        if (sort != null) {
            h.append(" data-sort=\"").append(esc(sort)).append("\"");
        }
        h.append(">").append(esc(text)).append("</td>");
    }

    /** Text for HTML content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String echarts() {
        try (InputStream in = SweepHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is not on the class path (" + ECHARTS + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
            table { border-collapse: collapse; }
            .summary th { text-align: left; padding-right: 1em; }
            .findings th, .findings td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
            .findings th { background: #eee; cursor: pointer; user-select: none; }
            .findings th.asc::after { content: " \\25B2"; }
            .findings th.desc::after { content: " \\25BC"; }
            .cmd code { font-size: 12px; white-space: pre-wrap; }
            .chart { width: 100%; max-width: 1100px; }
            .partial { background: #fee; border: 1px solid #c00; padding: 6px; }
            .note { color: #555; }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var data = JSON.parse(document.getElementById('kls-data').textContent);
              var rules = echarts.init(document.getElementById('chart-rules'));
              rules.setOption({
                animation: false,
                tooltip: { trigger: 'axis' },
                legend: { data: ['findings', 'firings (finding x configuration)'] },
                grid: { left: 180, right: 30 },
                xAxis: { type: 'value' },
                yAxis: { type: 'category', data: data.rules, inverse: true },
                series: [
                  { name: 'findings', type: 'bar', data: data.ruleFindings },
                  { name: 'firings (finding x configuration)', type: 'bar', data: data.ruleFirings }
                ]
              });
              var heat = echarts.init(document.getElementById('chart-heat'));
              heat.setOption({
                animation: false,
                tooltip: { formatter: function (p) {
                  return data.heatRows[p.value[1]] + '<br>' + data.heatColumns[p.value[0]] + ': ' + p.value[2] + '%';
                } },
                grid: { left: 320, right: 30, top: 20, bottom: 70 },
                xAxis: { type: 'category', data: data.heatColumns, splitArea: { show: true }, axisLabel: { interval: 0 } },
                yAxis: { type: 'category', data: data.heatRows, inverse: true, splitArea: { show: true },
                  axisLabel: { interval: 0 } },
                visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
                series: [{ type: 'heatmap', data: data.heat, label: { show: true } }]
              });
              window.addEventListener('resize', function () { rules.resize(); heat.resize(); });

              var table = document.getElementById('findings');
              var body = table.tBodies[0];
              var filter = document.getElementById('filter');
              var shown = document.getElementById('shown');
              function key(row, i) {
                var c = row.cells[i];
                var s = c.getAttribute('data-sort');
                return s !== null ? Number(s) : c.textContent.toLowerCase();
              }
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
                th.addEventListener('click', function () {
                  var asc = !th.classList.contains('asc');
                  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
                    h.classList.remove('asc', 'desc');
                  });
                  th.classList.add(asc ? 'asc' : 'desc');
                  var rows = Array.prototype.slice.call(body.rows);
                  rows.sort(function (a, b) {
                    var x = key(a, i), y = key(b, i);
                    return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
                  });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
              function apply() {
                var q = filter.value.toLowerCase();
                var n = 0;
                Array.prototype.forEach.call(body.rows, function (r) {
                  var ok = q === '' || r.textContent.toLowerCase().indexOf(q) >= 0;
                  r.style.display = ok ? '' : 'none';
                  if (ok) { n++; }
                });
                shown.textContent = n + ' of ' + body.rows.length + ' findings';
              }
              filter.addEventListener('input', apply);
              apply();
            })();
            """;
}
