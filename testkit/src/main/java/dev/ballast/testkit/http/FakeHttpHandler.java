package dev.ballast.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.internal.BodyTooLargeException;
import dev.ballast.testkit.http.internal.Call;
import dev.ballast.testkit.http.internal.CborRpcProtocol;
import dev.ballast.testkit.http.internal.JsonRpcProtocol;
import dev.ballast.testkit.http.internal.MalformedRequestException;
import dev.ballast.testkit.http.internal.QueryProtocol;
import dev.ballast.testkit.http.internal.RequestBody;
import dev.ballast.testkit.http.internal.RuntimeProtocol;
import dev.ballast.testkit.http.internal.Service;
import dev.ballast.testkit.http.internal.SignatureScope;
import dev.ballast.testkit.http.internal.UnknownOperationException;
import dev.ballast.testkit.http.internal.UnsupportedMediaTypeException;
import dev.ballast.testkit.http.internal.WireError;
import dev.ballast.testkit.http.internal.WireProtocol;
import dev.ballast.testkit.internal.runtime.OpenStream;
import dev.ballast.testkit.internal.runtime.PacedEvents;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * Serves every request: routes it by its request line and headers, reads its body through its
 * service's bound under the request's deadline, identifies the operation, checks the signature,
 * applies injected faults, then hands the SDK request to the fake and writes its answer or error
 * back. Nothing reaches the fake before the whole body is in and read.
 */
final class FakeHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FakeHttpHandler.class);
    private static final WireProtocol JSON_1_1 = new JsonRpcProtocol("application/x-amz-json-1.1", false);
    private static final WireProtocol CLOUDWATCH_JSON = new JsonRpcProtocol("application/x-amz-json-1.0", true);
    private static final WireProtocol CLOUDWATCH_QUERY =
            new QueryProtocol("http://monitoring.amazonaws.com/doc/2010-08-01/");
    private static final CborRpcProtocol CLOUDWATCH_CBOR = CborRpcProtocol.cloudWatch();
    private static final WireProtocol RUNTIME = new RuntimeProtocol();
    /** The most of an oversized body read (and dropped) so that its client sees the answer. */
    static final long DISCARDED_AT_MOST = 16L * 1024 * 1024;

    private final FakeSageMaker fake;
    private final Faults faults;
    private final String requiredAccessKeyId;

    private final ScheduledExecutorService delays;
    private final Workers workers;
    private final double timeScale;

    /**
     * @param delays where delayed answers wait: a delay fault must not hold one of the server's few
     *     worker threads, or a handful of delayed calls would stall every other client
     * @param workers where a delayed answer is computed once its delay is over
     * @param timeScale the server's time scale: how a response stream waits for its parts' times
     */
    FakeHttpHandler(FakeSageMaker fake, Faults faults, String requiredAccessKeyId, ScheduledExecutorService delays,
                    Workers workers, double timeScale) {
        this.fake = fake;
        this.faults = faults;
        this.requiredAccessKeyId = requiredAccessKeyId;
        this.delays = delays;
        this.workers = workers;
        this.timeScale = timeScale;
    }

    /**
     * Reads the request through its bounds, then serves it. The body is read here, on the worker,
     * under the request's {@link Workers.Guard} (a client that stops sending has its connection
     * closed), through its service's bound (a longer body is refused, before it is read when its
     * length is declared); nothing reaches the fake before the whole body is in.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Workers.Guard guard = Workers.current();
        boolean answeredLater = false;
        RequestBody body = RequestBody.EMPTY;
        try {
            if (!guard.readBody()) {
                return;  // the headers came too late: the connection is being closed
            }
            Route route = route(exchange);
            try {
                body = readBody(exchange, route, guard);
            } catch (BodyTooLargeException e) {
                refuseTooLarge(exchange, route, e, guard);
                return;
            }
            if (!guard.serving()) {
                return;  // the body came too late: the connection is being closed
            }
            Call call;
            try {
                call = identify(exchange, route, body);
            } catch (MalformedRequestException e) {
                CLOUDWATCH_QUERY.writeError(new Call(Service.CLOUDWATCH, "", CLOUDWATCH_QUERY, exchange, body),
                        WireError.of(400, CLOUDWATCH_QUERY.malformedRequestCode(), e.getMessage(), requestId()));
                return;
            }
            if (call == null) {
                String message = "No AWS operation at " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath();
                JSON_1_1.writeError(new Call(Service.SAGEMAKER, "", JSON_1_1, exchange, body),
                        WireError.of(404, "UnknownOperationException", message, requestId()));
                return;
            }
            answeredLater = serve(call);
        } catch (IOException e) {
            // the client went away, stalled past a deadline, or the answer could not be written:
            // nothing more can be told to it
            LOG.debug("request failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            failed(exchange, body, e);
        } finally {
            if (!answeredLater) {
                exchange.close();
            }
        }
    }

    /** Reads the body within its route's bound: JSON and CBOR parsed as they stream in, anything else as bytes. */
    private static RequestBody readBody(HttpExchange exchange, Route route, Workers.Guard guard) throws IOException {
        long limit = route == null ? RequestBody.CONTROL_LIMIT : route.limit();
        long declared = declaredLength(exchange);
        if (route != null && route.protocol() instanceof JsonRpcProtocol) {
            return RequestBody.readJson(exchange.getRequestBody(), declared, limit, guard::progress);
        }
        if (route != null && route.protocol() == CLOUDWATCH_CBOR) {
            return RequestBody.readCbor(exchange.getRequestBody(), declared, limit, guard::progress);
        }
        return RequestBody.readBytes(exchange.getRequestBody(), declared, limit, guard::progress);
    }

    /** @return the body's {@code Content-Length} (the JDK has checked it is one number), or -1 when chunked */
    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;  // not reached: the JDK refuses such a request with a 400 itself
        }
    }

    /**
     * Answers a body over its bound in its service's words, and closes the connection after the
     * answer. Most clients (the AWS SDKs among them) write a whole body before they read, and only
     * see an answer once their body is taken: so a body of at most {@link #DISCARDED_AT_MOST}
     * (16 MiB) more is read and dropped, 8 KiB at a time under the body's idle deadline, before the
     * answer. A longer body (declared so, or still coming after that) is not read any further: the
     * client sees its connection closed, possibly before it reads the answer.
     */
    private static void refuseTooLarge(HttpExchange exchange, Route route, BodyTooLargeException tooLarge,
                                       Workers.Guard guard) throws IOException {
        LOG.debug("refused a request body over {} bytes ({})", tooLarge.limit(),
                tooLarge.declaredLength() >= 0 ? "declared " + tooLarge.declaredLength() : "chunked");
        if (tooLarge.declaredLength() <= DISCARDED_AT_MOST) {
            discard(exchange.getRequestBody(), guard);
        }
        WireProtocol protocol = route == null ? JSON_1_1 : route.protocol();
        Service service = route == null ? Service.SAGEMAKER : route.service();
        String operation = route == null || route.operation() == null ? "" : route.operation();
        exchange.getResponseHeaders().set("Connection", "close");
        guard.progress();
        protocol.writeError(new Call(service, operation, protocol, exchange, RequestBody.EMPTY),
                protocol.tooLarge(tooLarge, requestId()));
        guard.serving();
    }

    /** Reads and drops up to {@link #DISCARDED_AT_MOST} bytes of what is left of a body. */
    private static void discard(java.io.InputStream body, Workers.Guard guard) throws IOException {
        byte[] buffer = new byte[8192];
        long left = DISCARDED_AT_MOST;
        while (left > 0) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
            guard.progress();
        }
    }

    /**
     * A failure of the fake itself: the client still gets an answer (a 500 it can see) rather than
     * a dropped connection its SDK would retry. Neither the answer nor the log carries the
     * exception's message, which may quote request values.
     */
    private static void failed(HttpExchange exchange, RequestBody body, RuntimeException e) {
        LOG.warn("the fake failed on {} ({}); enable DEBUG on {} for the stack trace",
                exchange.getRequestURI().getPath(), e.getClass().getName(), FakeHttpHandler.class.getName());
        LOG.debug("stack trace of the failure", e);
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            JSON_1_1.writeError(new Call(Service.SAGEMAKER, "", JSON_1_1, exchange, body), WireError.of(500, "InternalFailure",
                    "The fake failed (" + e.getClass().getSimpleName() + ")", requestId()));
        } catch (IOException | RuntimeException ignored) {
            // nothing more can be told to the client
        }
    }

    /** @return whether the answer was handed to the delay scheduler, which then closes the exchange */
    private boolean serve(Call call) throws IOException {
        WireProtocol protocol = call.protocol();
        Optional<WireError> rejection = checkSignature(call);
        if (rejection.isPresent()) {
            protocol.writeError(call, rejection.get());
            return false;
        }
        Optional<Fault> fault = faults.take(call.operation());
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.DELAY) {
            // The exchange stays open until closed: answer from the scheduler once the delay is over.
            delays.schedule(() -> workers.executeUnguarded(() -> answerLater(call)), fault.get().delay().toNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        if (fault.isPresent()) {
            applyFault(call, fault.get());
            return false;
        }
        return answer(call);
    }

    private void answerLater(Call call) {
        boolean streaming = false;
        try {
            streaming = answer(call);
        } catch (IOException e) {
            LOG.debug("delayed request failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            failed(call.exchange(), call.body(), e);
        } finally {
            if (!streaming) {
                call.exchange().close();
            }
        }
    }

    /**
     * Reads the request, runs it on the fake and writes the answer or the service's error.
     *
     * @return whether a response stream took the exchange over (it closes it when done)
     */
    private boolean answer(Call call) throws IOException {
        WireProtocol protocol = call.protocol();
        SdkRequest request;
        try {
            request = protocol.read(call);
        } catch (UnknownOperationException e) {
            protocol.writeError(call, WireError.of(400, protocol.unknownOperationCode(), e.getMessage(), requestId()));
            return false;
        } catch (MalformedRequestException e) {
            protocol.writeError(call, WireError.of(400, protocol.malformedRequestCode(),
                    "Cannot read the " + call.operation() + " request: " + e.getMessage(), requestId()));
            return false;
        } catch (UnsupportedMediaTypeException e) {
            protocol.writeError(call, WireError.of(415, "UnsupportedMediaTypeException", e.getMessage(), requestId()));
            return false;
        } catch (RuntimeException e) {
            // A member of the wrong type: the exception's message would quote the value.
            protocol.writeError(call, WireError.of(400, protocol.malformedRequestCode(),
                    "Cannot read the " + call.operation() + " request: a member does not have the type the API expects",
                    requestId()));
            return false;
        }
        SdkResponse response;
        try {
            if (request instanceof InvokeEndpointWithResponseStreamRequest) {
                OpenStream stream = ((PacedEvents) fake.executeStream(request).join().events()).stream();
                ResponseStreamWriter.start(call.exchange(), stream, requestId(), fake.clock(), timeScale, delays,
                        workers);
                return true;
            }
            response = fake.execute(request);
        } catch (AwsServiceException e) {
            protocol.writeError(call, WireError.from(e, requestId()));
            return false;
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof AwsServiceException error)) {
                throw e;
            }
            protocol.writeError(call, WireError.from(error, requestId()));
            return false;
        } catch (UnsupportedOperationException e) {
            protocol.writeError(call, WireError.of(400, protocol.unknownOperationCode(), e.getMessage(), requestId()));
            return false;
        } catch (RuntimeException e) {
            // A container behaviour sees the environment; its exception's message may quote a secret.
            LOG.warn("the fake failed on {} ({}); enable DEBUG on {} for the stack trace",
                    call.operation(), e.getClass().getName(), FakeHttpHandler.class.getName());
            LOG.debug("stack trace of the failure", e);
            protocol.writeError(call, WireError.of(500, "InternalFailure",
                    "The fake failed (" + e.getClass().getSimpleName() + ")", requestId()));
            return false;
        }
        protocol.writeResponse(call, response, requestId());
        return false;
    }

    /** Answers with the fault instead of the fake: throttling, a server error, or a dropped connection. */
    private void applyFault(Call call, Fault fault) throws IOException {
        switch (fault.kind()) {
            case THROTTLE -> call.protocol().writeError(call,
                    WireError.of(400, call.service().throttlingCode(), "Rate exceeded", requestId()));
            case FAIL -> call.protocol().writeError(call, fault.status() == 500
                    ? WireError.of(500, "InternalFailure", "We encountered an internal error. Please try again.",
                            requestId())
                    : WireError.of(fault.status(), "ServiceUnavailable",
                            "Service is unavailable. Please try again later.", requestId()));
            case DELAY -> throw new IllegalStateException("a delay is answered by the scheduler, not here");
            case DROP -> {
                // closing the exchange before any header is sent closes the connection: the client sees no answer
            }
        }
    }

    private Optional<WireError> checkSignature(Call call) {
        WireProtocol.AuthErrors errors = call.protocol().authErrors();
        Optional<SignatureScope> scope =
                SignatureScope.parse(call.exchange().getRequestHeaders().getFirst("Authorization"));
        if (scope.isEmpty()) {
            return Optional.of(WireError.of(403, errors.missingCode(), errors.missingMessage(), requestId()));
        }
        SignatureScope signed = scope.get();
        if (!signed.region().equals(fake.region())) {
            return Optional.of(WireError.of(403, "InvalidSignatureException",
                    "Credential should be scoped to a valid region, not '" + signed.region() + "'. This fake serves '"
                            + fake.region() + "'.", requestId()));
        }
        if (!signed.service().equals(call.service().signingName())) {
            return Optional.of(WireError.of(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + call.service().signingName() + "'. ",
                    requestId()));
        }
        if (requiredAccessKeyId != null && !requiredAccessKeyId.equals(signed.accessKeyId())) {
            return Optional.of(WireError.of(403, errors.invalidCode(), errors.invalidMessage(), requestId()));
        }
        return Optional.empty();
    }

    /**
     * What the request line and headers say a request is for; an awsQuery request names its
     * operation in its body, so its operation is null here.
     */
    private record Route(Service service, String operation, WireProtocol protocol) {
        long limit() {
            return protocol == RUNTIME ? RequestBody.RUNTIME_LIMIT : RequestBody.CONTROL_LIMIT;
        }
    }

    /** @return the route of the request, or null when it is no AWS request the fake knows */
    private static Route route(HttpExchange exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return null;
        }
        String path = exchange.getRequestURI().getRawPath();
        String runtimeOperation = RuntimeProtocol.operation(path);
        if (runtimeOperation != null) {
            return new Route(Service.RUNTIME, runtimeOperation, RUNTIME);
        }
        // CloudWatch over Smithy RPC v2 CBOR (the Java SDK from 2.41 on): the path names the
        // operation; without smithy-protocol: rpc-v2-cbor (or with a target header) it is no route
        String cborOperation = CLOUDWATCH_CBOR.operation(path, exchange.getRequestHeaders());
        if (cborOperation != null) {
            return new Route(Service.CLOUDWATCH, cborOperation, CLOUDWATCH_CBOR);
        }
        if (!"/".equals(path)) {
            return null;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            int dot = target.indexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            String operation = dot < 0 ? "" : target.substring(dot + 1);
            return switch (prefix) {
                case "SageMaker" -> new Route(Service.SAGEMAKER, operation, JSON_1_1);
                case "AnyScaleFrontendService" -> new Route(Service.AUTO_SCALING, operation, JSON_1_1);
                case "GraniteServiceVersion20100801" -> new Route(Service.CLOUDWATCH, operation, CLOUDWATCH_JSON);
                default -> null;
            };
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            return new Route(Service.CLOUDWATCH, null, CLOUDWATCH_QUERY);
        }
        return null;
    }

    /** @return the call, or null when the request names no operation the fake knows */
    private static Call identify(HttpExchange exchange, Route route, RequestBody body) {
        if (route == null) {
            return null;
        }
        String operation = route.operation();
        if (operation == null) {
            operation = QueryProtocol.form(body.bytes()).get("Action");
            if (operation == null) {
                return null;
            }
        }
        return new Call(route.service(), operation, route.protocol(), exchange, body);
    }

    /** @return a random request id in the service's UUID form (not SecureRandom: this is on every answer's path) */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
