package dev.ballast.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.http.internal.Call;
import dev.ballast.testkit.http.internal.JsonRpcProtocol;
import dev.ballast.testkit.http.internal.MalformedRequestException;
import dev.ballast.testkit.http.internal.QueryProtocol;
import dev.ballast.testkit.http.internal.RuntimeProtocol;
import dev.ballast.testkit.http.internal.Service;
import dev.ballast.testkit.http.internal.SignatureScope;
import dev.ballast.testkit.http.internal.UnknownOperationException;
import dev.ballast.testkit.http.internal.WireError;
import dev.ballast.testkit.http.internal.WireProtocol;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Serves every request: identifies service, operation and protocol, checks the signature, applies
 * injected faults, then hands the SDK request to the fake and writes its answer or error back.
 */
final class FakeHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FakeHttpHandler.class);
    private static final WireProtocol JSON_1_1 = new JsonRpcProtocol("application/x-amz-json-1.1", false);
    private static final WireProtocol CLOUDWATCH_JSON = new JsonRpcProtocol("application/x-amz-json-1.0", true);
    private static final WireProtocol CLOUDWATCH_QUERY =
            new QueryProtocol("http://monitoring.amazonaws.com/doc/2010-08-01/");
    private static final WireProtocol RUNTIME = new RuntimeProtocol();

    private final FakeSageMaker fake;
    private final Faults faults;
    private final String requiredAccessKeyId;

    private final ScheduledExecutorService delays;
    private final java.util.concurrent.Executor workers;

    /**
     * @param delays where delayed answers wait: a delay fault must not hold one of the server's few
     *     worker threads, or a handful of delayed calls would stall every other client
     * @param workers where a delayed answer is computed once its delay is over
     */
    FakeHttpHandler(FakeSageMaker fake, Faults faults, String requiredAccessKeyId, ScheduledExecutorService delays,
                    java.util.concurrent.Executor workers) {
        this.fake = fake;
        this.faults = faults;
        this.requiredAccessKeyId = requiredAccessKeyId;
        this.delays = delays;
        this.workers = workers;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean answeredLater = false;
        byte[] body = new byte[0];
        try {
            body = exchange.getRequestBody().readAllBytes();
            Call call;
            try {
                call = identify(exchange, body);
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
            // the client went away or the answer could not be written: nothing more can be told to it
            LOG.debug("request failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            failed(exchange, body, e);
        } finally {
            if (!answeredLater) {
                exchange.close();
            }
        }
    }

    /**
     * A failure of the fake itself: the client still gets an answer (a 500 it can see) rather than
     * a dropped connection its SDK would retry. Neither the answer nor the log carries the
     * exception's message, which may quote request values.
     */
    private static void failed(HttpExchange exchange, byte[] body, RuntimeException e) {
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
            delays.schedule(() -> workers.execute(() -> answerLater(call)), fault.get().delay().toNanos(), TimeUnit.NANOSECONDS);
            return true;
        }
        if (fault.isPresent()) {
            applyFault(call, fault.get());
            return false;
        }
        answer(call);
        return false;
    }

    private void answerLater(Call call) {
        try {
            answer(call);
        } catch (IOException e) {
            LOG.debug("delayed request failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            failed(call.exchange(), call.body(), e);
        } finally {
            call.exchange().close();
        }
    }

    /** Reads the request, runs it on the fake and writes the answer or the service's error. */
    private void answer(Call call) throws IOException {
        WireProtocol protocol = call.protocol();
        SdkRequest request;
        try {
            request = protocol.read(call);
        } catch (UnknownOperationException e) {
            protocol.writeError(call, WireError.of(400, protocol.unknownOperationCode(), e.getMessage(), requestId()));
            return;
        } catch (MalformedRequestException e) {
            protocol.writeError(call, WireError.of(400, protocol.malformedRequestCode(),
                    "Cannot read the " + call.operation() + " request: " + e.getMessage(), requestId()));
            return;
        } catch (RuntimeException e) {
            // A member of the wrong type: the exception's message would quote the value.
            protocol.writeError(call, WireError.of(400, protocol.malformedRequestCode(),
                    "Cannot read the " + call.operation() + " request: a member does not have the type the API expects",
                    requestId()));
            return;
        }
        SdkResponse response;
        try {
            response = fake.execute(request);
        } catch (AwsServiceException e) {
            protocol.writeError(call, WireError.from(e, requestId()));
            return;
        } catch (UnsupportedOperationException e) {
            protocol.writeError(call, WireError.of(400, protocol.unknownOperationCode(), e.getMessage(), requestId()));
            return;
        } catch (RuntimeException e) {
            // A container behaviour sees the environment; its exception's message may quote a secret.
            LOG.warn("the fake failed on {} ({}); enable DEBUG on {} for the stack trace",
                    call.operation(), e.getClass().getName(), FakeHttpHandler.class.getName());
            LOG.debug("stack trace of the failure", e);
            protocol.writeError(call, WireError.of(500, "InternalFailure",
                    "The fake failed (" + e.getClass().getSimpleName() + ")", requestId()));
            return;
        }
        protocol.writeResponse(call, response, requestId());
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

    private static Call identify(HttpExchange exchange, byte[] body) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return null;
        }
        String path = exchange.getRequestURI().getRawPath();
        String runtimeOperation = RuntimeProtocol.operation(path);
        if (runtimeOperation != null) {
            return new Call(Service.RUNTIME, runtimeOperation, RUNTIME, exchange, body);
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
                case "SageMaker" -> new Call(Service.SAGEMAKER, operation, JSON_1_1, exchange, body);
                case "AnyScaleFrontendService" -> new Call(Service.AUTO_SCALING, operation, JSON_1_1, exchange, body);
                case "GraniteServiceVersion20100801" ->
                        new Call(Service.CLOUDWATCH, operation, CLOUDWATCH_JSON, exchange, body);
                default -> null;
            };
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            String action = QueryProtocol.form(body).get("Action");
            return action == null ? null : new Call(Service.CLOUDWATCH, action, CLOUDWATCH_QUERY, exchange, body);
        }
        return null;
    }

    /** @return a random request id in the service's UUID form (not SecureRandom: this is on every answer's path) */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
