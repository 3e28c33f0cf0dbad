package dev.ballast.testkit.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fault injection per operation: the next calls of an operation are throttled, fail with a 5xx,
 * are delayed on the wall clock or have their connection dropped. Faults queue up per operation
 * in the order they were given; each is used up by the calls it hits. The operation
 * {@link #ANY_OPERATION} matches every call that has no fault of its own.
 *
 * <p>Thread-safe: tests arrange faults while the server's threads consume them.
 */
public final class Faults {

    /** The operation name that matches every operation. */
    public static final String ANY_OPERATION = "*";

    private final Map<String, Deque<Pending>> pending = new HashMap<>();

    /** Only the server makes one ({@link FakeServer#faults()}): faults arranged elsewhere would reach no call. */
    Faults() {
    }

    /**
     * The next {@code times} calls of {@code operation} get the service's throttling error
     * (SageMaker {@code ThrottlingException}, CloudWatch {@code Throttling}; status 400, {@code Rate exceeded}).
     *
     * @return this
     */
    public Faults throttle(String operation, int times) {
        return add(operation, new Fault(Fault.Kind.THROTTLE, 400, Duration.ZERO), times);
    }

    /**
     * The next {@code times} calls of {@code operation} fail with {@code status}: 500 answers
     * {@code InternalFailure}, any other 5xx {@code ServiceUnavailable}.
     *
     * @return this
     * @throws IllegalArgumentException if the status is not a 5xx
     */
    public Faults fail(String operation, int status, int times) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("fail needs a 5xx status: " + status);
        }
        return add(operation, new Fault(Fault.Kind.FAIL, status, Duration.ZERO), times);
    }

    /**
     * The next {@code times} calls of {@code operation} are answered normally, after {@code delay}
     * of wall-clock time (so HTTP clients can hit their timeouts).
     *
     * @return this
     */
    public Faults delay(String operation, Duration delay, int times) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return add(operation, new Fault(Fault.Kind.DELAY, 200, delay), times);
    }

    /**
     * The next {@code times} calls of {@code operation} have their connection closed without an
     * answer; the fake does not see them.
     *
     * @return this
     */
    public Faults drop(String operation, int times) {
        return add(operation, new Fault(Fault.Kind.DROP, 0, Duration.ZERO), times);
    }

    /**
     * Adds a fault written as a command-line flag value: {@code <Op>=throttle:<n>},
     * {@code <Op>=fail:<status>:<n>}, {@code <Op>=delay:<millis>:<n>} or {@code <Op>=drop:<n>}.
     *
     * @param spec the flag value, e.g. {@code DescribeEndpoint=throttle:3}
     * @return this
     * @throws IllegalArgumentException if the spec is malformed
     */
    public Faults add(String spec) {
        String[] opAndFault = spec.split("=", 2);
        String[] parts = opAndFault.length == 2 ? opAndFault[1].split(":") : new String[0];
        try {
            String op = opAndFault[0];
            switch (parts.length == 0 ? "" : parts[0]) {
                case "throttle" -> {
                    return throttle(op, count(parts, 1));
                }
                case "fail" -> {
                    return fail(op, Integer.parseInt(parts[1]), count(parts, 2));
                }
                case "delay" -> {
                    return delay(op, Duration.ofMillis(Long.parseLong(parts[1])), count(parts, 2));
                }
                case "drop" -> {
                    return drop(op, count(parts, 1));
                }
                default -> throw new IllegalArgumentException("unknown fault");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("fault '" + spec + "' is not one of <Op>=throttle:<n>, <Op>=fail:<status>:<n>,"
                    + " <Op>=delay:<millis>:<n>, <Op>=drop:<n> (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param operation an operation name, or {@link #ANY_OPERATION}
     * @return how many calls of it will still be hit by a fault
     */
    public synchronized int remaining(String operation) {
        Deque<Pending> queue = pending.get(operation);
        return queue == null ? 0 : queue.stream().mapToInt(p -> p.times).sum();
    }

    /** Removes every fault not used yet. */
    public synchronized void clear() {
        pending.clear();
    }

    /** @return the fault for this call of {@code operation}, used up, if any */
    synchronized Optional<Fault> take(String operation) {
        Optional<Fault> own = takeFrom(operation);
        return own.isPresent() ? own : takeFrom(ANY_OPERATION);
    }

    private Optional<Fault> takeFrom(String operation) {
        Deque<Pending> queue = pending.get(operation);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Pending head = queue.peekFirst();
        if (--head.times == 0) {
            queue.removeFirst();
        }
        return Optional.of(head.fault);
    }

    private synchronized Faults add(String operation, Fault fault, int times) {
        Objects.requireNonNull(operation, "operation");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        pending.computeIfAbsent(operation, op -> new ArrayDeque<>()).addLast(new Pending(fault, times));
        return this;
    }

    private static int count(String[] parts, int index) {
        return parts.length > index ? Integer.parseInt(parts[index]) : 1;
    }

    @Override
    public synchronized String toString() {
        return "Faults" + pending;
    }

    private static final class Pending {
        private final Fault fault;
        private int times;

        private Pending(Fault fault, int times) {
            this.fault = fault;
            this.times = times;
        }

        @Override
        public String toString() {
            return fault.kind() + "x" + times;
        }
    }
}
