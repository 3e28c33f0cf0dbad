package dev.ballast.testkit.internal.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The test's script for instance capacity: per-type limits on live instances (EC2 capacity, a
 * shortage stalls placement), a global budget of further launches, and per-type account quotas
 * (the synchronous {@code ResourceLimitExceeded} of CreateEndpoint).
 */
public final class CapacityPolicy {

    private final Map<String, Integer> limits = new HashMap<>();
    private final Map<String, Integer> quotas = new HashMap<>();
    private final Map<String, Integer> inUse = new HashMap<>();
    private Integer remainingLaunches;

    public void limit(String instanceType, int maxInstances) {
        limits.put(instanceType, maxInstances);
    }

    public void quota(String instanceType, int maxInstances) {
        quotas.put(instanceType, maxInstances);
    }

    public void launchBudget(int launches) {
        remainingLaunches = launches;
    }

    public void unlimited() {
        limits.clear();
        remainingLaunches = null;
    }

    /**
     * The quota of a type no test scripted. Real accounts start far lower (often a few instances of
     * a GPU type); the fake's default only keeps one request from asking for billions of instances,
     * which the fake would otherwise try to place one by one.
     */
    static final int DEFAULT_QUOTA = 10_000;

    /** @return the quota for the type: the scripted one, or {@link #DEFAULT_QUOTA} */
    public int quotaOf(String instanceType) {
        return quotas.getOrDefault(instanceType, DEFAULT_QUOTA);
    }

    public int inUse(String instanceType) {
        return inUse.getOrDefault(instanceType, 0);
    }

    /** Takes one instance of capacity if the script allows it. */
    public boolean tryAcquire(String instanceType) {
        int used = inUse(instanceType);
        Integer limit = limits.get(instanceType);
        if (limit != null && used >= limit) {
            return false;
        }
        int quota = quotaOf(instanceType);
        if (quota >= 0 && used >= quota) {
            return false;
        }
        if (remainingLaunches != null) {
            if (remainingLaunches <= 0) {
                return false;
            }
            remainingLaunches--;
        }
        inUse.put(instanceType, used + 1);
        return true;
    }

    public void release(String instanceType) {
        inUse.merge(instanceType, -1, Integer::sum);
    }
}
