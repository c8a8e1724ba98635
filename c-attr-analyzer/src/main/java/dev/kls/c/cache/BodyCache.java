package dev.kls.c.cache;

import dev.kls.c.body.FileBodies;
import dev.kls.c.pp.FileModel;
import dev.kls.c.pp.PpEnvironment;
import dev.kls.kconfig.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A persistent cache of each C file's function bodies ({@link FileBodies}),
 * the most expensive configuration-free reading kls does (macro expansion of
 * every body). An entry is keyed by everything the reading depends on: the
 * file's text, the path and text of every header of its include closure in
 * order, the architecture (its predefined macros), and the code that reads
 * (a hash of kls's own C-analysis classes). So an edited header, another
 * arch or a new kls gives another key, and the old entry is simply not found.
 *
 * <p>Entries are content-addressed files, written atomically. One is trusted
 * only after its header, key and checksum match and it decodes into a
 * {@link FileBodies} of that file; anything else (truncated, corrupt,
 * another format) is counted as rejected, and the file is read afresh. The
 * cache never changes a result, only how long it takes. The folder may be
 * deleted at any time.
 */
public final class BodyCache {

    private static final int FORMAT = 1;
    private static final byte[] MAGIC = "KLSBODY2".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final byte[] build;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    private BodyCache(Path dir, byte[] build) {
        this.dir = dir;
        this.build = build;
    }

    /**
     * A cache in {@code dir}; null when kls cannot tell which code it is
     * running (no build id), in which case nothing may be cached.
     */
    public static BodyCache at(Path dir) {
        byte[] b = BuildId.get();
        return b == null ? null : new BodyCache(dir.toAbsolutePath().normalize(), b);
    }

    /**
     * The user's cache folder for C bodies: {@code $KLS_CACHE_DIR/c-bodies},
     * else {@code $XDG_CACHE_HOME/kls/c-bodies}, else
     * {@code ~/.cache/kls/c-bodies}; null when {@code KLS_CACHE_DIR} is
     * {@code off} (no cache).
     */
    public static Path defaultDir() {
        String own = System.getenv("KLS_CACHE_DIR");
        if (own != null && !own.isEmpty()) {
            return own.equals("off") ? null : Path.of(own, "c-bodies");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "kls", "c-bodies");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "kls", "c-bodies");
    }

    /** The cache in {@link #defaultDir()}, or null when caching is off. */
    public static BodyCache standard() {
        Path d = defaultDir();
        return d == null ? null : at(d);
    }

    /** The key of a file's bodies: its text, its include closure in order, and the arch. */
    public String key(FileModel main, List<FileModel> closure, PpEnvironment env) {
        MessageDigest md = sha256();
        md.update(("kls-c-bodies\0" + FORMAT + "\0" + env.srcarch() + "\0").getBytes(StandardCharsets.UTF_8));
        md.update(build);
        for (boolean lp64 : new boolean[] {true, false}) {
            for (String line : env.predefinedLines(lp64)) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
        }
        entry(md, main);
        for (FileModel m : closure) {
            entry(md, m);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void entry(MessageDigest md, FileModel m) {
        md.update((byte) 0);
        md.update(m.path().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(m.contentHash());
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".bin");
    }

    /** The cached bodies of {@code path} under {@code key}, or null (not cached, or not to be trusted). */
    public FileBodies get(String key, String path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return null;
        } catch (IOException e) {
            rejected.incrementAndGet();
            return null;
        }
        try {
            FileBodies b = decode(bytes, key);
            if (!b.file().equals(path)) {
                throw new IOException("entry is for " + b.file());
            }
            hits.incrementAndGet();
            return b;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // A damaged entry (a nesting that never ends included): read afresh; the put that follows
            // replaces it.
            rejected.incrementAndGet();
            return null;
        }
    }

    /**
     * An entry's bytes as {@link #get} judges them: the bodies of {@code path} when the entry is whole and
     * of that key, else null. Never throws (the fuzz target {@code BodyCacheFuzz} holds it to that).
     */
    public static FileBodies trusted(byte[] entry, String key, String path) {
        try {
            FileBodies b = decode(entry, key);
            return b.file().equals(path) ? b : null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** An entry's bytes for {@code bodies} under {@code key}, as {@link #put} writes them. */
    public static byte[] encodeEntry(FileBodies bodies, String key) throws IOException {
        return encode(bodies, key);
    }

    /** Records {@code bodies} under {@code key}; a failure to write costs only the next run's time. */
    public void put(String key, FileBodies bodies) {
        byte[] bytes;
        try {
            bytes = encode(bodies, key);
        } catch (IOException | IllegalArgumentException | StackOverflowError e) {
            writeFailures.incrementAndGet(); // a model too deep for this thread's stack: not cached, still right
            return;
        }
        try {
            AtomicFiles.write(file(key), bytes);
        } catch (IOException e) {
            writeFailures.incrementAndGet();
        }
    }

    static byte[] encode(FileBodies bodies, String key) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 14);
        // Deflated at its fastest level: 14 times smaller (arch/x86 + mm + drivers/xen: 437 MB -> 32 MB).
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                new DeflaterOutputStream(payload, deflater), 1 << 16))) {
            RecordCodec.write(bodies, out);
        } finally {
            deflater.end();
        }
        byte[] p = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(p);
        ByteArrayOutputStream all = new ByteArrayOutputStream(p.length + 128);
        try (DataOutputStream out = new DataOutputStream(all)) {
            out.write(MAGIC);
            out.writeUTF(key);
            out.writeInt(p.length);
            out.writeLong(crc.getValue());
            out.write(p);
        }
        return all.toByteArray();
    }

    static FileBodies decode(byte[] bytes, String key) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a kls body cache entry");
        }
        if (!in.readUTF().equals(key)) {
            throw new IOException("entry of another key");
        }
        int n = in.readInt();
        long sum = in.readLong();
        byte[] p = in.readNBytes(Math.max(0, n));
        if (n < 0 || p.length != n || in.read() != -1) {
            throw new IOException("entry has the wrong length");
        }
        CRC32 crc = new CRC32();
        crc.update(p);
        if (crc.getValue() != sum) {
            throw new IOException("entry checksum differs");
        }
        Inflater inflater = new Inflater();
        Object o;
        try {
            o = RecordCodec.read(new DataInputStream(new BufferedInputStream(new InflaterInputStream(
                    new ByteArrayInputStream(p), inflater), 1 << 16)));
        } finally {
            inflater.end();
        }
        if (!(o instanceof FileBodies b)) {
            throw new IOException("entry holds no bodies");
        }
        return b;
    }

    /** Entries used, not found, found but not trusted, and not written, so far. */
    public record Stats(long hits, long misses, long rejected, long writeFailures) {
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), rejected.get(), writeFailures.get());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Which code reads bodies: a hash over kls's C-analysis classes (and the
     * source range record they hold), from the jar or class folder they were
     * loaded from, so that a rebuilt kls never reads what an older one wrote.
     */
    static final class BuildId {
        private static volatile byte[] id;
        private static volatile boolean done;

        static byte[] get() {
            if (!done) {
                synchronized (BuildId.class) {
                    if (!done) {
                        id = compute();
                        done = true;
                    }
                }
            }
            return id == null ? null : id.clone();
        }

        private static boolean counts(String name) {
            return name.startsWith("dev/kls/c/") && name.endsWith(".class")
                    || name.equals("dev/kls/kconfig/SourceRange.class");
        }

        private static byte[] compute() {
            try {
                List<Path> roots = new ArrayList<>();
                for (Class<?> c : new Class<?>[] {BodyCache.class, dev.kls.kconfig.SourceRange.class}) {
                    Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                    if (!roots.contains(p)) {
                        roots.add(p);
                    }
                }
                MessageDigest md = sha256();
                for (Path root : roots) {
                    if (Files.isDirectory(root)) {
                        List<Path> files;
                        try (Stream<Path> s = Files.walk(root)) {
                            files = s.filter(Files::isRegularFile).filter(f -> counts(root.relativize(f).toString()
                                    .replace('\\', '/'))).sorted().toList();
                        }
                        for (Path f : files) {
                            md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                            md.update(Files.readAllBytes(f));
                        }
                    } else {
                        try (JarFile jar = new JarFile(root.toFile())) {
                            List<JarEntry> entries = jar.stream().filter(e -> counts(e.getName()))
                                    .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
                            for (JarEntry e : entries) {
                                md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                                if (e.getCrc() >= 0 && e.getSize() >= 0) {
                                    // The central directory's CRC and size: no need to inflate the classes.
                                    md.update((e.getCrc() + ":" + e.getSize()).getBytes(StandardCharsets.US_ASCII));
                                } else {
                                    try (InputStream in = new BufferedInputStream(jar.getInputStream(e))) {
                                        md.update(in.readAllBytes());
                                    }
                                }
                            }
                        }
                    }
                }
                return md.digest();
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null; // unknown code: cache nothing rather than trust entries another build wrote
            }
        }
    }
}
