package dev.ballast.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Requests written byte by byte on a raw socket to 127.0.0.1, as a careless or hostile client sends them. */
final class RawHttp {

    private RawHttp() {
    }

    /** @return a SigV4 {@code Authorization} header for the fake's region (the signature is not checked) */
    static String authorization(String signingService) {
        return "AWS4-HMAC-SHA256 Credential=AKIDRAWTEST/20260101/us-east-1/" + signingService
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    /** @return a socket to the server whose reads give up after {@code readTimeout} */
    static Socket open(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * @return the request line and headers of a SageMaker JSON 1.1 call, ready for its body
     * @param contentLength the declared length, or -1 for a chunked body
     */
    static String sageMakerHead(String operation, long contentLength) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SageMaker." + operation + "\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nAuthorization: " + authorization("sagemaker") + "\r\n"
                + length(contentLength) + "\r\n";
    }

    /** @return the request line and headers of an {@code InvokeEndpoint} */
    static String invokeHead(String endpoint, long contentLength) {
        return "POST /endpoints/" + endpoint + "/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nAuthorization: " + authorization("sagemaker") + "\r\n"
                + length(contentLength) + "\r\n";
    }

    /** @return the request line and headers of a CloudWatch awsQuery call */
    static String queryHead(long contentLength) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                + "Authorization: " + authorization("monitoring") + "\r\n" + length(contentLength) + "\r\n";
    }

    private static String length(long contentLength) {
        return contentLength < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + contentLength + "\r\n";
    }

    static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes {@code total} bytes of body (as chunks of 64 KiB when {@code chunked}) until done or
     * until the server closes the connection.
     *
     * @return how many body bytes were written before the server stopped taking them
     */
    static long writeBody(Socket socket, long total, boolean chunked) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        long written = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (written < total) {
                int n = (int) Math.min(chunk.length, total - written);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                written += n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: it took no more
        }
        return written;
    }

    /** An answer as it came. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Reads one answer (its body by {@code Content-Length}, as the server writes them). */
    static Response read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits, up to the socket's read timeout, for the server to close the connection.
     *
     * @return true when it was closed (end of stream or reset) without a byte of answer, false
     *     when the read timed out with the connection still open
     * @throws IOException when the server answered instead
     */
    static boolean closedWithoutAnswer(Socket socket) throws IOException {
        try {
            int b = socket.getInputStream().read();
            if (b >= 0) {
                throw new IOException("the server answered");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;  // reset
        }
    }
}
