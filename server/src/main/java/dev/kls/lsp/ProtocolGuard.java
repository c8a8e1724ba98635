package dev.kls.lsp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The LSP lifecycle in front of the server: before {@code initialize} a request gets -32002 and a
 * notification is dropped (the spec's rule), a second {@code initialize} and any request after
 * {@code shutdown} get -32600, and a request without the params its method needs gets -32602. A handler
 * that fails answers with one line (never a Java stack trace); the trace goes to stderr.
 */
final class ProtocolGuard implements Endpoint {

    private enum State { NEW, RUNNING, SHUT_DOWN }

    private final Endpoint server;
    private final Set<String> methods;
    private volatile State state = State.NEW;

    /** @param methods the methods the server implements (others are answered -32601 by LSP4J) */
    ProtocolGuard(Endpoint server, Set<String> methods) {
        this.server = server;
        this.methods = methods;
    }

    @Override
    public CompletableFuture<?> request(String method, Object params) {
        synchronized (this) {
            if (method.equals("initialize")) {
                if (state != State.NEW) {
                    return refuse(ResponseErrorCode.InvalidRequest, "initialize was already received; "
                            + "a server is initialized once");
                }
                if (params == null) {
                    return refuse(ResponseErrorCode.InvalidParams, "initialize needs its params");
                }
                state = State.RUNNING;
                return guarded(method, params);
            }
            if (state == State.NEW) {
                return refuse(ResponseErrorCode.ServerNotInitialized, "the server is not initialized: send "
                        + "initialize first (" + method + ")");
            }
            if (state == State.SHUT_DOWN) {
                return refuse(ResponseErrorCode.InvalidRequest, "the server is shut down: only exit is accepted ("
                        + method + ")");
            }
            if (method.equals("shutdown")) {
                state = State.SHUT_DOWN;
                return guarded(method, params);
            }
        }
        if (params == null && methods.contains(method)) {
            return refuse(ResponseErrorCode.InvalidParams, method + " needs its params");
        }
        return guarded(method, params);
    }

    @Override
    public void notify(String method, Object params) {
        if (method.equals("exit")) {
            server.notify(method, params);
            return;
        }
        if (state != State.RUNNING) {
            return; // before initialize or after shutdown a notification is dropped
        }
        if (params == null && methods.contains(method) && !method.equals("initialized")) {
            System.err.println("kls: ignored " + method + " without params");
            return;
        }
        try {
            server.notify(method, params);
        } catch (RuntimeException | StackOverflowError e) {
            log(method, e);
        }
    }

    private CompletableFuture<?> guarded(String method, Object params) {
        CompletableFuture<?> f;
        try {
            f = server.request(method, params);
        } catch (RuntimeException | StackOverflowError e) {
            return CompletableFuture.failedFuture(answer(method, e));
        }
        if (f == null) {
            return CompletableFuture.completedFuture(null);
        }
        return f.handle((r, e) -> {
            if (e == null) {
                return r;
            }
            throw new CompletionException(answer(method, e));
        });
    }

    /** The error a client sees for a failure: its kind and one line; the trace is for stderr. */
    private static Throwable answer(String method, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ResponseErrorException || cause instanceof java.util.concurrent.CancellationException) {
            return cause;
        }
        log(method, cause);
        // A handler that trips over a missing field was given params of the wrong shape.
        boolean badParams = cause instanceof NullPointerException || cause instanceof ClassCastException
                || cause instanceof IllegalArgumentException || cause instanceof com.google.gson.JsonParseException;
        return new ResponseErrorException(new ResponseError(
                badParams ? ResponseErrorCode.InvalidParams : ResponseErrorCode.InternalError,
                cause instanceof NullPointerException ? "invalid params for " + method + ": a required field is missing"
                        : (badParams ? "invalid params for " : "kls failed on ") + method + ": "
                        + cause.getClass().getSimpleName()
                        + (cause.getMessage() != null ? ": " + firstLine(cause.getMessage()) : ""), null));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void log(String method, Throwable e) {
        System.err.println("kls: " + method + " failed: " + e);
        if (System.getenv("KLS_TRACE") != null) {
            e.printStackTrace();
        }
    }

    private static CompletableFuture<?> refuse(ResponseErrorCode code, String message) {
        return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(code, message, null)));
    }
}
