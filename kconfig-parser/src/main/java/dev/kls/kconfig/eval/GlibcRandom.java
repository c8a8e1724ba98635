package dev.kls.kconfig.eval;

/**
 * glibc's srand/rand (random_r.c, TYPE_3: an additive feedback generator
 * over 31 words seeded by a Park-Miller generator). conf's randconfig draws
 * from rand(), so with the same KCONFIG_SEED kls draws the same numbers in
 * the same order and, visiting symbols in conf's order, makes the same
 * choices as the kernel's own conf.
 */
final class GlibcRandom {

    private static final int DEG = 31;
    private static final int SEP = 3;

    private final int[] state = new int[DEG];
    private int front = SEP;
    private int rear = 0;

    /** srand(seed): seed is C's unsigned int, taken here as its 32 bits. */
    GlibcRandom(int seed) {
        // glibc keeps the seed in an int32_t: seeds of 2^31 and more start negative.
        long word = seed == 0 ? 1 : seed;
        state[0] = (int) word;
        for (int i = 1; i < DEG; i++) {
            // 16807 * word % 2147483647 without overflowing 31 bits, as glibc computes it.
            long hi = word / 127773;
            long lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if (word < 0) {
                word += 2147483647;
            }
            state[i] = (int) word;
        }
        for (int i = 0; i < DEG * 10; i++) {
            next();
        }
    }

    /** rand(): 0 .. 2^31 - 1. */
    int next() {
        state[front] += state[rear];
        int result = state[front] >>> 1;
        front++;
        if (front >= DEG) {
            front = 0;
            rear++;
        } else {
            rear++;
            if (rear >= DEG) {
                rear = 0;
            }
        }
        return result;
    }
}
