package dev.kls.lsp;

/** Work-done progress of one long job (indexing), LSP-free so the workspace can be tested without a client. */
public interface ProgressReporter {

    void begin(String title, String message);

    /** @param percentage 0..100 */
    void report(String message, int percentage);

    void end(String message);

    ProgressReporter NONE = new ProgressReporter() {
        @Override
        public void begin(String title, String message) {
        }

        @Override
        public void report(String message, int percentage) {
        }

        @Override
        public void end(String message) {
        }
    };
}
