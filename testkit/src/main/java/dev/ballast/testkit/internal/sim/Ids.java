package dev.ballast.testkit.internal.sim;

import java.util.Random;
import java.util.UUID;

/** Request ids and other generated identifiers, all drawn from the world's seeded random. */
public final class Ids {

    private final Random random;

    /** @param random the world's seeded random */
    public Ids(Random random) {
        this.random = random;
    }

    /** @return a fresh request id in UUID form */
    public String requestId() {
        synchronized (random) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }

    /**
     * @param bound exclusive upper bound
     * @return a uniformly drawn index
     */
    public int nextIndex(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    /** @return a fake image digest, stable for the same image */
    public static String digestOf(String image) {
        String hex = Integer.toHexString(image == null ? 0 : image.hashCode());
        return "sha256:" + "0".repeat(64 - hex.length()) + hex;
    }
}
