package dev.kls.diagnostics.user;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON value with the line and column it starts at, read with Gson's
 * streaming reader, so that every problem in a rule file can say where it is.
 * {@code value} is a String, Double, Boolean, null, {@code List<Json>} or
 * {@code Map<String, Json>} (in file order).
 */
record Json(Object value, int line, int column) {

    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

    /** A syntax error, with Gson's message and its place. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    static Json parse(String text) throws SyntaxError {
        JsonReader in = new JsonReader(new StringReader(text));
        try {
            Json v = read(in);
            if (in.peek() != JsonToken.END_DOCUMENT) {
                int[] at = at(in);
                throw new SyntaxError("more text after the JSON value", at[0], at[1]);
            }
            return v;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            int[] at = at(e.getMessage());
            // The finding already says where; Gson's "at line L column C path $..." and its advice to read
            // leniently are for programmers, not for the rule's author (UserRuleFuzz found them in messages).
            String m = dev.kls.diagnostics.RuleSettings.clean(e.getMessage());
            throw new SyntaxError(m, at[0], at[1]);
        }
    }

    private static Json read(JsonReader in) throws IOException {
        JsonToken t = in.peek();
        int[] at = at(in);
        switch (t) {
            case BEGIN_OBJECT -> {
                Map<String, Json> m = new LinkedHashMap<>();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    m.put(name, read(in));
                }
                in.endObject();
                return new Json(m, at[0], at[1]);
            }
            case BEGIN_ARRAY -> {
                List<Json> l = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    l.add(read(in));
                }
                in.endArray();
                return new Json(l, at[0], at[1]);
            }
            case STRING -> {
                return new Json(in.nextString(), at[0], at[1]);
            }
            case NUMBER -> {
                return new Json(in.nextDouble(), at[0], at[1]);
            }
            case BOOLEAN -> {
                return new Json(in.nextBoolean(), at[0], at[1]);
            }
            case NULL -> {
                in.nextNull();
                return new Json(null, at[0], at[1]);
            }
            default -> throw new IllegalStateException("unexpected " + t + " " + in);
        }
    }

    /** The reader's place: Gson says "... at line L column C ..." (the column after what it read). */
    private static int[] at(JsonReader in) {
        return at(in.toString());
    }

    private static int[] at(String where) {
        Matcher m = LOCATION.matcher(where == null ? "" : where);
        int line = 1;
        int col = 1;
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            col = Math.max(1, Integer.parseInt(m.group(2)));
        }
        return new int[] {line, col};
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isArray() {
        return value instanceof List;
    }

    boolean isString() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, Json> object() {
        return (Map<String, Json>) value;
    }

    @SuppressWarnings("unchecked")
    List<Json> array() {
        return (List<Json>) value;
    }

    String string() {
        return (String) value;
    }
}
