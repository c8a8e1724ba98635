package dev.kls.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An in-memory pipe for in-process LSP tests. java.io's PipedInputStream fails a read with "Write end
 * dead" once the last thread that wrote has ended, and the writers here are pool threads that end when
 * idle: under load a test then lost its server and hung in shutdown. This one only ends when closed.
 */
final class BytePipe {

    private final byte[] ring;
    private int read;
    private int count;
    private boolean closed;

    BytePipe(int capacity) {
        ring = new byte[capacity];
    }

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (BytePipe.this) {
                while (count == 0 && !closed) {
                    waitInterruptibly();
                }
                if (count == 0) {
                    return -1;
                }
                int n = Math.min(len, count);
                for (int i = 0; i < n; i++) {
                    b[off + i] = ring[(read + i) % ring.length];
                }
                read = (read + n) % ring.length;
                count -= n;
                BytePipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (BytePipe.this) {
                return count;
            }
        }

        @Override
        public void close() {
            BytePipe.this.close();
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (BytePipe.this) {
                for (int i = 0; i < len; ) {
                    while (count == ring.length && !closed) {
                        waitInterruptibly();
                    }
                    if (closed) {
                        throw new IOException("pipe closed");
                    }
                    int n = Math.min(len - i, ring.length - count);
                    for (int k = 0; k < n; k++) {
                        ring[(read + count + k) % ring.length] = b[off + i + k];
                    }
                    count += n;
                    i += n;
                    BytePipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            BytePipe.this.close();
        }
    };

    private void waitInterruptibly() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
