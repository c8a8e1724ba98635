package dev.kls.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** LSP4J's server launcher with kls's framing check ({@link FramedInput}) and lifecycle rules ({@link ProtocolGuard}). */
public final class KlsLauncher {

    private KlsLauncher() {
    }

    public static Launcher<LanguageClient> create(KlsServer server, InputStream in, OutputStream out,
            ExecutorService threads) {
        FramedInput framed = new FramedInput(in);
        LSPLauncher.Builder<LanguageClient> b = new LSPLauncher.Builder<>() {
            @Override
            protected MessageJsonHandler createJsonHandler() {
                return new MessageJsonHandler(getSupportedMethods(), configureGson != null ? configureGson : g -> { }) {
                    @Override
                    public Message parseMessage(java.io.Reader input) {
                        try {
                            return super.parseMessage(input);
                        } catch (OutOfMemoryError | RuntimeException e) {
                            if (!outOfMemory(e)) {
                                throw e;
                            }
                            // Gson wraps the error in a JsonParseException. The parse's garbage is unreachable
                            // once this frame is left: the message goes, the framing and the server stay.
                            byte[] body = framed.dropCurrent();
                            framed.reportDropped(body, "the server ran out of memory reading a message of "
                                    + body.length + " bytes");
                            throw new MessageIssueException(null, List.of(new MessageIssue("dropped",
                                    ResponseErrorCode.InternalError.getValue())));
                        } finally {
                            framed.dropCurrent();
                        }
                    }
                };
            }

            @Override
            protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
                MessageConsumer stream = new StreamMessageConsumer(output, jsonHandler);
                MessageConsumer outgoing = wrapMessageConsumer(m -> stream.consume(clean(m)));
                framed.onDropped((head, reason) -> {
                    System.err.println("kls: dropped a message" + (head.method() == null ? "" : " (" + head.method() + ")")
                            + ": " + reason);
                    if (head.id() != null) {
                        ResponseMessage r = new ResponseMessage();
                        r.setRawId(head.idIsNumber() ? Either.forRight(new java.math.BigDecimal(head.id()))
                                : Either.forLeft(head.id()));
                        r.setError(new ResponseError(ResponseErrorCode.InternalError, "kls dropped this message: "
                                + reason, null));
                        outgoing.consume(r);
                    }
                });
                Endpoint local = new ProtocolGuard(ServiceEndpoints.toEndpoint(localServices),
                        getSupportedMethods().keySet());
                RemoteEndpoint remote = new RemoteEndpoint(outgoing, local, exceptionHandler);
                jsonHandler.setMethodProvider(remote);
                remote.setJsonHandler(jsonHandler);
                return remote;
            }
        };
        b.setLocalService(server).setRemoteInterface(LanguageClient.class).setInput(framed)
                .setOutput(out)
                // One line for the client, never a stack trace (ProtocolGuard logs those to stderr).
                .setExceptionHandler(KlsLauncher::error);
        if (threads != null) {
            b.setExecutorService(threads);
        }
        return b.create();
    }

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The response for a failed request: ProtocolGuard's own error, else one line without a trace. */
    static ResponseError error(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ResponseErrorException r) {
            return r.getResponseError();
        }
        if (t instanceof java.util.concurrent.CancellationException) {
            return new ResponseError(ResponseErrorCode.RequestCancelled, "cancelled", null);
        }
        return new ResponseError(ResponseErrorCode.InternalError, "kls failed: " + t.getClass().getSimpleName(), null);
    }

    /**
     * An error LSP4J makes for a message it could not read: params of the wrong shape are -32602 (the
     * spec's code for them, not -32700), and Gson's internals (paths, advice links) stay out of it.
     */
    static Message clean(Message m) {
        if (!(m instanceof ResponseMessage r) || r.getError() == null) {
            return m;
        }
        ResponseError err = r.getError();
        String data = err.getData() == null ? "" : String.valueOf(err.getData());
        if (err.getCode() == ResponseErrorCode.ParseError.getValue() && r.getId() != null
                && data.contains("$.params")) {
            err.setCode(ResponseErrorCode.InvalidParams);
            java.util.regex.Matcher x = java.util.regex.Pattern
                    .compile("Expected (\\w+) but was (\\w+).*?path \\$\\.params\\.?(\\S*)").matcher(data);
            err.setMessage(x.find() ? "params of the wrong shape: " + (x.group(3).isEmpty() ? "params" : x.group(3))
                    + " should be " + kind(x.group(1)) + ", not " + kind(x.group(2)) : "params of the wrong shape");
        }
        err.setData(null);
        return m;
    }

    private static String kind(String gsonToken) {
        return switch (gsonToken) {
            case "BEGIN_OBJECT" -> "an object";
            case "BEGIN_ARRAY" -> "an array";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "true or false";
            case "NULL" -> "null";
            default -> gsonToken.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
