package dev.ballast.testkit.http.internal;

import com.sun.net.httpserver.HttpExchange;

/**
 * One HTTP request, identified: which service, which operation, and the protocol to answer in.
 *
 * @param service the service addressed
 * @param operation the operation name, e.g. {@code DescribeEndpoint}
 * @param protocol how to read the request and write the answer
 * @param exchange the HTTP exchange
 * @param body the request body, read through its bound
 */
public record Call(Service service, String operation, WireProtocol protocol, HttpExchange exchange, RequestBody body) {
}
