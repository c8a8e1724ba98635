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
 */
final class FramedInput extends InputStream {

    /** The largest body accepted (a 20 MB file is about 20 MB of JSON string). */
    static final int MAX_BODY = 128 << 20;
    private static final int MAX_HEADER = 8192;

    private final InputStream in;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    FramedInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        while (pos >= current.length) {
            if (ended) {
                return false;
            }
            byte[] next = nextMessage();
            if (next == null) {
                ended = true;
                return false;
            }
            current = next;
            pos = 0;
        }
        return true;
    }

    /** The next message, header re-made from the checked length; null at the end or when framing is lost. */
    private byte[] nextMessage() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int b;
        int state = 0; // how much of "\r\n\r\n" was just seen
        while (true) {
            b = in.read();
            if (b < 0) {
                if (header.size() > 0 && !blank(header)) {
                    lost("the stream ended inside a message header");
                }
                return null;
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
        byte[] body = in.readNBytes((int) length.longValue());
        if (body.length < length) {
            lost("the stream ended inside a message body");
            return null;
        }
        byte[] head = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] msg = new byte[head.length + body.length];
        System.arraycopy(head, 0, msg, 0, head.length);
        System.arraycopy(body, 0, msg, head.length, body.length);
        return msg;
    }

    private static boolean blank(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.US_ASCII).isBlank();
    }

    private static byte[] lost(String why) {
        System.err.println("kls: LSP framing lost: " + why + "; the server stops so that the editor can restart it");
        return null;
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
