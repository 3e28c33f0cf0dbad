package dev.ballast.testkit.http.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A request body, read through its bound: never more than the limit of its service, whatever it
 * declares, and never buffered beyond what the client actually sent.
 *
 * <p>A body whose {@code Content-Length} is over the limit is refused before a byte of it is read;
 * a body without one (chunked) is counted while it is read and refused as soon as it passes the
 * limit. Bodies of the JSON protocols and of RPC v2 CBOR are parsed as they stream in, into the
 * tree the request is built from, without a copy of their bytes; the runtime's payload (handed to the container as
 * bytes) and awsQuery forms (decoded whole) are read into one array that grows with what arrives.
 */
public final class RequestBody {

    /**
     * SageMaker Runtime's bound on an {@code InvokeEndpoint} body: 6 MiB (6,291,456 bytes), the
     * {@code max} of the body in SageMaker Runtime's API model.
     */
    public static final long RUNTIME_LIMIT = 6L * 1024 * 1024;

    /** The bound on a control-plane body (SageMaker, Application Auto Scaling, CloudWatch): 1 MiB. */
    public static final long CONTROL_LIMIT = 1024L * 1024;

    /** An empty body. */
    public static final RequestBody EMPTY = new RequestBody(new byte[0], null, null);

    private final byte[] bytes;
    private final JsonNode json;
    private final MalformedRequestException unreadable;

    private RequestBody(byte[] bytes, JsonNode json, MalformedRequestException unreadable) {
        this.bytes = bytes;
        this.json = json;
        this.unreadable = unreadable;
    }

    /**
     * @param bytes a body already in memory
     * @return it, as bytes
     */
    public static RequestBody of(byte[] bytes) {
        return new RequestBody(bytes, null, null);
    }

    /**
     * Checks a declared length against the bound, before anything is read.
     *
     * @param declaredLength the {@code Content-Length}, or -1 when there is none
     * @param limit the most bytes accepted
     * @throws BodyTooLargeException when the declared length is over the limit
     */
    public static void checkDeclared(long declaredLength, long limit) throws BodyTooLargeException {
        if (declaredLength > limit) {
            throw new BodyTooLargeException(declaredLength, limit);
        }
    }

    /**
     * Reads a body whole, as bytes.
     *
     * @param in the body
     * @param declaredLength its {@code Content-Length}, or -1
     * @param limit the most bytes accepted
     * @param progress told whenever bytes arrive (the idle deadline)
     * @return the body
     * @throws BodyTooLargeException when it is longer than the limit (no more of it is read)
     * @throws IOException when the connection fails or the client stops before the declared length
     */
    public static RequestBody readBytes(InputStream in, long declaredLength, long limit, Runnable progress)
            throws IOException {
        checkDeclared(declaredLength, limit);
        return new RequestBody(new Bounded(in, declaredLength, limit, progress).readAllBytes(), null, null);
    }

    /**
     * Reads a JSON body, parsing it as it arrives; a body that is not JSON is kept as the reason
     * to refuse the request, which {@link #json()} throws when the request is read.
     *
     * @param in the body
     * @param declaredLength its {@code Content-Length}, or -1
     * @param limit the most bytes accepted
     * @param progress told whenever bytes arrive (the idle deadline)
     * @return the body
     * @throws BodyTooLargeException when it is longer than the limit (no more of it is read)
     * @throws IOException when the connection fails or the client stops before the declared length
     */
    public static RequestBody readJson(InputStream in, long declaredLength, long limit, Runnable progress)
            throws IOException {
        return readTree(in, declaredLength, limit, progress, PojoJson.MAPPER, "JSON");
    }

    /**
     * Reads a CBOR body (Smithy RPC v2 CBOR) as {@link #readJson} reads JSON: parsed as it arrives
     * into Jackson's tree, a body that is not CBOR kept as the reason to refuse the request.
     *
     * @param in the body
     * @param declaredLength its {@code Content-Length}, or -1
     * @param limit the most bytes accepted
     * @param progress told whenever bytes arrive (the idle deadline)
     * @return the body
     * @throws BodyTooLargeException when it is longer than the limit (no more of it is read)
     * @throws IOException when the connection fails or the client stops before the declared length
     */
    public static RequestBody readCbor(InputStream in, long declaredLength, long limit, Runnable progress)
            throws IOException {
        return readTree(in, declaredLength, limit, progress, PojoJson.CBOR_MAPPER, "CBOR");
    }

    private static RequestBody readTree(InputStream in, long declaredLength, long limit, Runnable progress,
                                        ObjectMapper mapper, String format) throws IOException {
        checkDeclared(declaredLength, limit);
        Bounded body = new Bounded(in, declaredLength, limit, progress);
        JsonNode tree;
        MalformedRequestException unreadable = null;
        try {
            tree = mapper.readTree(body);
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending token, which may be a secret: say only where.
            unreadable = new MalformedRequestException("the request body is not valid " + format + where(e.getLocation()));
            tree = null;
        } catch (CharConversionException | RuntimeException e) {
            // a text string that is not UTF-8, or a parser failing in its own way on hostile bytes
            unreadable = new MalformedRequestException("the request body is not valid " + format);
            tree = null;
        }
        // What follows the value (or the rest of a body that is not JSON or CBOR) is read to its
        // end, within the same bound, so the connection is left at the next request.
        body.transferTo(OutputStream.nullOutputStream());
        if (unreadable == null && (tree == null || tree.isMissingNode())) {
            tree = mapper.createObjectNode();
        }
        return new RequestBody(null, tree, unreadable);
    }

    /** @return where a parser stopped: line and column in text, the byte offset in a binary format */
    private static String where(JsonLocation at) {
        if (at == null) {
            return "";
        }
        if (at.getLineNr() > 0) {
            return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return at.getByteOffset() >= 0 ? " (byte " + at.getByteOffset() + ")" : "";
    }

    /**
     * @return the body's bytes
     * @throws IllegalStateException when the body was read as JSON
     */
    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("the body was read as JSON");
        }
        return bytes;
    }

    /**
     * @return the tree of the body as it was read, JSON or CBOR (an empty object for an empty
     *     body; a body held as bytes is parsed as JSON)
     * @throws MalformedRequestException when the body is not JSON (or not CBOR, when read as CBOR)
     */
    public JsonNode json() {
        if (unreadable != null) {
            throw unreadable;
        }
        if (json != null) {
            return json;
        }
        try {
            return bytes.length == 0 ? PojoJson.MAPPER.createObjectNode() : PojoJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("the request body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedRequestException("the request body could not be read");
        }
    }

    /**
     * The body as the server reads it: at most {@code limit} bytes are let through, and the read
     * that would pass the limit fails instead; a body shorter than it declared is an error, never
     * a request. Closing it does not close the exchange's stream (a parser closes what it reads).
     */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private final long declaredLength;
        private final long limit;
        private final Runnable progress;
        private long count;

        Bounded(InputStream in, long declaredLength, long limit, Runnable progress) {
            this.in = in;
            this.declaredLength = declaredLength;
            this.limit = limit;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            // one byte past the limit at most, to tell "exactly the limit" from "more"
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
            if (n < 0) {
                if (declaredLength >= 0 && count < declaredLength) {
                    throw new IOException("the client closed the body before its declared length");
                }
                return -1;
            }
            count += n;
            progress.run();
            if (count > limit) {
                throw new BodyTooLargeException(declaredLength, limit);
            }
            return n;
        }

        @Override
        public void close() {
            // the exchange closes its own stream
        }
    }
}
