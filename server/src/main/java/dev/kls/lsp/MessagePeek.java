package dev.kls.lsp;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The id and method of a JSON-RPC message read in constant memory (every other value is skipped, not
 * built): enough to answer a request whose body the server could not hold or parse.
 */
final class MessagePeek {

    /** A message's id (a JSON number or string, as written) and method; each null when absent or unreadable. */
    record Head(String id, boolean idIsNumber, String method) {
        static final Head NONE = new Head(null, false, null);
    }

    private static final int MAX_NAME = 64;

    private MessagePeek() {
    }

    static Head head(InputStream body) {
        String id = null;
        boolean number = false;
        String method = null;
        try (JsonReader r = new JsonReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                return Head.NONE;
            }
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (name.length() > MAX_NAME) {
                    r.skipValue();
                } else if (name.equals("id") && (r.peek() == JsonToken.NUMBER || r.peek() == JsonToken.STRING)) {
                    number = r.peek() == JsonToken.NUMBER;
                    id = bounded(r.nextString());
                } else if (name.equals("method") && r.peek() == JsonToken.STRING) {
                    method = bounded(r.nextString());
                } else {
                    r.skipValue();
                }
                if (id != null && method != null) {
                    break;
                }
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // what was read so far is all there is: malformed or too large is the reason it is being dropped
        }
        return new Head(id, number, method);
    }

    /** An id or method of absurd length is as good as none (it would only be echoed back). */
    private static String bounded(String s) {
        return s.length() > 1024 ? null : s;
    }
}
