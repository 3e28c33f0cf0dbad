package dev.ballast;

import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The answer of one {@code InvokeEndpointWithResponseStream} call: the parts the model sends, as
 * they arrive. The stream is open when {@link Ballast#invokeStream(dev.ballast.spec.EndpointSpec,
 * String, String) invokeStream} returns (an error answered before the model sent anything, such
 * as a {@code ModelError} or an unknown component, was thrown there).
 *
 * <p>Read it once, one way: subscribe to it for each part's bytes ({@code PayloadPart}) as they
 * come, or to {@link #tokens()} for the generated text of each server-sent-event chunk, or block
 * with {@link #body()} or {@link #text()}. A second reader gets {@link IllegalStateException}. An
 * error in the middle of the stream ({@code ModelStreamError}, {@code InternalStreamFailure}) comes
 * as a {@link dev.ballast.error.TransportException} with that error code: to the subscriber's
 * {@code onError}, or thrown from the blocking methods.
 *
 * <p>A stream that is not read to its end holds its connection until the model is done: close it
 * (try-with-resources) to stop reading early, which cancels what is left.
 *
 * <p>On the testkit's fake, reading advances simulated time through the model's generation, as any
 * wait of the engine does.
 */
public interface InvocationStream extends Flow.Publisher<byte[]>, AutoCloseable {

    /** @return the answer's content type, if the model gave one ({@code X-Amzn-SageMaker-Content-Type}) */
    Optional<String> contentType();

    /** @return the production variant that answers ({@code x-Amzn-Invoked-Production-Variant}) */
    Optional<String> invokedVariant();

    /**
     * The generated text of each chunk of a server-sent-event stream, in order, read across part
     * boundaries (a part may end in the middle of a line, or of a UTF-8 character). Understands the
     * chunks of the OpenAI-style Messages API ({@code choices[0].delta.content}, as Hugging Face
     * TGI, vLLM and LMI stream them), of OpenAI-style completions ({@code choices[0].text}) and of
     * TGI's {@code generate_stream} ({@code token.text}, special tokens left out); stops at
     * {@code data: [DONE]}. Chunks without text (a role, a finish reason) are skipped; a data line
     * that is not JSON fails the stream with an {@link IllegalArgumentException}.
     *
     * @return the texts, as they arrive
     */
    Flow.Publisher<String> tokens();

    /**
     * Blocks until the stream ends.
     *
     * @return every part's bytes, in order, as UTF-8 text
     * @throws dev.ballast.error.TransportException if the stream failed
     */
    String body();

    /**
     * Blocks until the stream ends.
     *
     * @return the generated text of the whole answer: the {@link #tokens()} joined
     * @throws dev.ballast.error.TransportException if the stream failed
     */
    String text();

    /**
     * Stops reading: cancels the rest of the stream, or the whole of it when nobody has read it yet
     * (after which it counts as read). Closing a stream that has ended does nothing.
     */
    @Override
    void close();
}
