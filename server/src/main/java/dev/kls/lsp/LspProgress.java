package dev.kls.lsp;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

/** Server-initiated work-done progress ($/progress with a token the client agreed to). */
final class LspProgress implements ProgressReporter {

    private static final Logger LOG = Logger.getLogger(LspProgress.class.getName());

    private final LanguageClient client;
    private final Either<String, Integer> token = Either.forLeft("kls-" + UUID.randomUUID());
    private boolean ok;
    private int lastPct = -1;

    LspProgress(LanguageClient client) {
        this.client = client;
    }

    @Override
    public void begin(String title, String message) {
        try {
            client.createProgress(new WorkDoneProgressCreateParams(token)).get(10, TimeUnit.SECONDS);
            ok = true;
        } catch (Exception e) {
            LOG.fine("kls: client refused a progress token: " + e);
            return; // the client shows no progress; the work goes on
        }
        WorkDoneProgressBegin b = new WorkDoneProgressBegin();
        b.setTitle(title);
        b.setMessage(message);
        b.setPercentage(0);
        b.setCancellable(false);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(b)));
    }

    @Override
    public void report(String message, int percentage) {
        if (!ok || percentage == lastPct) {
            return;
        }
        lastPct = percentage;
        WorkDoneProgressReport r = new WorkDoneProgressReport();
        r.setMessage(message);
        r.setPercentage(percentage);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(r)));
    }

    @Override
    public void end(String message) {
        if (!ok) {
            return;
        }
        WorkDoneProgressEnd e = new WorkDoneProgressEnd();
        e.setMessage(message);
        client.notifyProgress(new ProgressParams(token, Either.forLeft(e)));
        ok = false;
    }
}
