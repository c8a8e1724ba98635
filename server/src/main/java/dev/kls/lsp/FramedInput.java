package dev.kls.lsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's byte stream, one checked message at a time. A header without a Content-Length, with one
 * that is not a number, or with one above {@link #MAX_BODY} loses the framing for good (nothing says
 * where the next message starts): the stream then ends, with the reason on stderr, so that the server
 * exits and the editor can start it again instead of talking to a server that never answers.
 *
 * <p>A message that does not fit in memory keeps the framing: its length is known, so its bytes are
 * skipped (read through once for its id, in constant memory) and the {@link Dropped} listener answers
 * it; the same happens when the JSON reader runs out of memory half-way ({@link #dropCurrent}).
 */
final class FramedInput extends InputStream {

    /** Told of a message that was read past but not handed on; id and method when it had them. */
    interface Dropped {
        void dropped(MessagePeek.Head head, String reason);
    }

    /** The largest body accepted (a 20 MB file is about 20 MB of JSON string). */
    static final int MAX_BODY = 128 << 20;
    private static final int MAX_HEADER = 8192;

    private final InputStream in;
    // The message being served: its re-made header, then its body (two arrays: no copy of a large body).
    private byte[] head = new byte[0];
    private byte[] body = new byte[0];
    private int pos;
    private boolean ended;
    private volatile Dropped dropped = (h, why) -> { };

    FramedInput(InputStream in) {
        this.in = in;
    }

    void onDropped(Dropped listener) {
        this.dropped = listener;
    }

    /**
     * Gives up what is left of the message being served (its reader is done with it, or failed on it half
     * way): the next read starts at the next message, never inside this one. Returns its body.
     */
    byte[] dropCurrent() {
        byte[] b = body;
        head = new byte[0];
        body = new byte[0];
        pos = 0;
        return b;
    }

    /** Tells the listener of a message given up after it was read. */
    void reportDropped(byte[] body, String reason) {
        dropped.dropped(MessagePeek.head(new java.io.ByteArrayInputStream(body)), reason);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        int i = pos++;
        return (i < head.length ? head[i] : body[i - head.length]) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n;
        if (pos < head.length) {
            n = Math.min(len, head.length - pos);
            System.arraycopy(head, pos, b, off, n);
        } else {
            n = Math.min(len, head.length + body.length - pos);
            System.arraycopy(body, pos - head.length, b, off, n);
        }
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return head.length + body.length - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        while (pos >= head.length + body.length) {
            if (ended || !nextMessage()) {
                ended = true;
                head = new byte[0];
                body = new byte[0];
                pos = 0;
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the next message into {@link #head}/{@link #body} (the header re-made from the checked length);
     * false at the end or when framing is lost. A body too large for the heap is skipped and reported, and
     * leaves both empty (the caller then reads on).
     */
    private boolean nextMessage() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int b;
        int state = 0; // how much of "\r\n\r\n" was just seen
        while (true) {
            b = in.read();
            if (b < 0) {
                if (header.size() > 0 && !blank(header)) {
                    lost("the stream ended inside a message header");
                }
                return false;
            }
            header.write(b);
            if (header.size() > MAX_HEADER) {
                return lost("a message header longer than " + MAX_HEADER + " bytes");
            }
            state = b == '\r' ? (state == 2 ? 3 : 1) : b == '\n' ? (state == 1 ? 2 : state == 3 ? 4 : 0) : 0;
            if (state == 4) {
                break;
            }
        }
        String text = header.toString(StandardCharsets.US_ASCII);
        Long length = null;
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                String v = line.substring(colon + 1).trim();
                if (!v.matches("\\d{1,12}")) {
                    return lost("Content-Length is not a number: '" + printable(v) + "'");
                }
                length = Long.parseLong(v);
            }
        }
        if (length == null) {
            return lost("a message header without Content-Length: '" + printable(text.trim()) + "'");
        }
        if (length > MAX_BODY) {
            return lost("Content-Length " + length + " is above the limit of " + MAX_BODY + " bytes");
        }
        int n = (int) length.longValue();
        head = new byte[0];
        body = new byte[0];
        pos = 0;
        byte[] whole;
        try {
            whole = new byte[n];
        } catch (OutOfMemoryError e) {
            // Nothing of the body is read yet: read through it once for its id, then go on to the next one.
            CountingInput rest = new CountingInput(in, n);
            MessagePeek.Head h = MessagePeek.head(rest);
            rest.skipRest();
            if (rest.count < n) {
                return lost("the stream ended inside a message body");
            }
            dropped.dropped(h, "a message of " + n + " bytes does not fit in the server's memory");
            return true;
        }
        if (in.readNBytes(whole, 0, n) < n) {
            return lost("the stream ended inside a message body");
        }
        head = ("Content-Length: " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        body = whole;
        return true;
    }

    /** At most {@code limit} bytes of the client's stream, counted. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final long limit;
        long count;

        CountingInput(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            if (count >= limit) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int r = in.read(buf, off, (int) Math.min(len, limit - count));
            if (r > 0) {
                count += r;
            }
            return r;
        }

        void skipRest() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) > 0) {
                // drain
            }
        }
    }

    private static boolean blank(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.US_ASCII).isBlank();
    }

    private static boolean lost(String why) {
        System.err.println("kls: LSP framing lost: " + why + "; the server stops so that the editor can restart it");
        return false;
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
