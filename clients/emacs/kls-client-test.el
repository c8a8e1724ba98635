;;; kls-client-test.el --- drive kls serve from Emacs eglot in batch mode  -*- lexical-binding: t -*-
;;
;; Debian's emacs-nox + elpa-eglot (1.9): open a Kconfig file of seed 000,
;; hover, make a typo, wait for the warning, apply its quick fix; open seed
;; 000's C file, wait for the page-aligned-size error, hover, apply its quick
;; fix, see it go; rename a symbol, check the buffers.
;;
;;   KLS_SERVER='["java",...,"serve"]' KLS_WORKSPACE=/tmp/copy \
;;     emacs --batch -Q -l kls-client-test.el

;; -Q skips site start-up, which is what tells package.el where Debian's elpa-* packages live.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defconst kls-server (append (json-parse-string (getenv "KLS_SERVER") :array-type 'list) nil))
(defconst kls-root (file-name-as-directory (getenv "KLS_WORKSPACE")))
(defconst kls-timeout 120)

(defun kls-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun kls-fail (msg)
  (kls-out "FAIL: %s" msg)
  (kill-emacs 1))

(defun kls-check (cond msg)
  (unless cond (kls-fail msg))
  (kls-out "ok: %s" msg))

(defun kls-wait (pred what)
  "Let the server talk until PRED holds, or fail after `kls-timeout' seconds."
  (let ((deadline (+ (float-time) kls-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (unless (funcall pred) (kls-fail (concat "timed out: " what)))))

;; Kconfig has no major mode in Emacs; a plain one is enough for eglot.
(define-derived-mode kconfig-mode prog-mode "Kconfig")

;; The tree is the project, version control or not.
(setq project-find-functions (list (lambda (_dir) (cons 'transient kls-root))))

;; The raw diagnostics as the server sent them, by file.
(defvar kls-diagnostics (make-hash-table :test #'equal))
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (puthash (eglot--uri-to-path uri) diagnostics kls-diagnostics))

(condition-case err
    (let* ((file (expand-file-name "arch/x86/xen/Kconfig" kls-root))
           (contact (append kls-server '(:initializationOptions (:arch "i386"))))
           buf server)
      (setq buf (find-file-noselect file))
      (set-buffer buf)
      (kconfig-mode)
      (setq server (eglot '(kconfig-mode c-mode) (project-current) 'eglot-lsp-server contact "kconfig"))
      (kls-wait (lambda () (and (eglot-current-server) eglot--managed-mode)) "eglot manages the buffer")
      (setq server (eglot-current-server))
      (kls-check server "eglot connected")

      ;; eglot 1.9 takes no work-done progress: the first diagnostics say the tree is read.
      (kls-wait (lambda () (not (eq :none (gethash file kls-diagnostics :none)))) "diagnostics of the opened file")
      (kls-check (= 0 (length (gethash file kls-diagnostics))) "seed 000 Kconfig opens without diagnostics")
      ;; Hover on "config XEN" (line 6).
      (goto-char (point-min)) (forward-line 5) (forward-char 8)
      (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
             (h (plist-get (plist-get hover :contents) :value)))
        (kls-check (and h (string-prefix-p "**XEN** (bool) = y" h) (string-match-p "Xen guest support" h)
                        (string-match-p (regexp-quote "**Why y:**") h))
                   "hover on config XEN: type, value y and why, prompt"))

      ;; Type a mistake on "depends on X86_CMPXCHG && X86_TSC" (line 10): X86_TSC -> X86_TSX.
      (goto-char (point-min)) (forward-line 9)
      (search-forward "X86_TSC")
      (delete-char -1)
      (insert "X")
      (eglot--signal-textDocument/didChange)
      (let (warn)
        (kls-wait (lambda ()
                    (setq warn (cl-find-if (lambda (d) (equal (plist-get d :code) "undefined-symbol"))
                                           (gethash file kls-diagnostics))))
                  "the typo warning")
        (kls-out "   %s" (plist-get warn :message))
        (kls-check (= 9 (plist-get (plist-get (plist-get warn :range) :start) :line)) "warning for the typo on line 10")
        (let* ((actions (jsonrpc-request server :textDocument/codeAction
                                         (list :textDocument (eglot--TextDocumentIdentifier)
                                               :range (plist-get warn :range)
                                               :context (list :diagnostics (vector warn)))))
               (fix (cl-find-if (lambda (a) (equal (plist-get a :kind) "quickfix")) actions)))
          (kls-check (and fix (equal (plist-get fix :title) "Change to 'X86_TSC'")) "quick fix offered")
          (eglot--apply-workspace-edit (plist-get fix :edit))
          (eglot--signal-textDocument/didChange)))
      (kls-check (save-excursion (goto-char (point-min)) (forward-line 9)
                                 (looking-at-p "\tdepends on X86_CMPXCHG && X86_TSC$"))
                 "the fix restored the line")
      (kls-wait (lambda () (= 0 (length (gethash file kls-diagnostics)))) "no diagnostics after the fix")
      (kls-out "ok: no diagnostics after the fix")

;; Seed 000's C file: eglot manages it (c-mode), the page-aligned-size error comes with its witness.
      (let* ((cfile (expand-file-name "arch/x86/xen/mmu.c" kls-root))
             (cbuf (find-file-noselect cfile))
             (page-aligned (lambda () (cl-find-if (lambda (d) (equal (plist-get d :code) "page-aligned-size"))
                                                  (gethash cfile kls-diagnostics))))
             pa)
        (set-buffer cbuf)
        (kls-wait (lambda () (with-current-buffer cbuf eglot--managed-mode)) "eglot manages mmu.c")
        (kls-wait (lambda () (setq pa (funcall page-aligned))) "the page-aligned-size error in mmu.c")
        (kls-out "   %s" (replace-regexp-in-string "\n" " | " (plist-get pa :message)))
        (kls-check (and (= 24 (plist-get (plist-get (plist-get pa :range) :start) :line))
                        (= 1 (plist-get pa :severity))
                        (string-prefix-p "p2m_top_mfn_list is 8 bytes in .bss.page_aligned" (plist-get pa :message))
                        (string-match-p "\nwhen: .*XEN=y.* XEN_MAX_DOMAIN_MEMORY=8\ncondition: \\[c: sizeof(p2m_top_mfn_list) % PAGE_SIZE != 0\\]\\'"
                                        (plist-get pa :message)))
                   "the error is on p2m_top_mfn_list, with its witness and condition")
        (goto-char (point-min)) (forward-line 24)
        (forward-char (plist-get (plist-get (plist-get pa :range) :start) :character))
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (h (plist-get (plist-get hover :contents) :value)))
          (kls-check (and h (string-prefix-p "**p2m_top_mfn_list**" h)
                          (string-match-p (regexp-quote "8 bytes in `.bss.page_aligned`") h))
                     "hover on the object: its size and section"))
        (let* ((actions (jsonrpc-request server :textDocument/codeAction
                                         (list :textDocument (eglot--TextDocumentIdentifier)
                                               :range (plist-get pa :range)
                                               :context (list :diagnostics (vector pa)))))
               (fix (cl-find-if (lambda (a) (and (equal (plist-get a :kind) "quickfix")
                                                 (eq t (plist-get a :isPreferred))))
                                actions)))
          (kls-check (and fix (equal (plist-get fix :title) "Round the length of p2m_top_mfn_list up to whole pages"))
                     "preferred quick fix offered")
          (eglot--apply-workspace-edit (plist-get fix :edit))
          (eglot--signal-textDocument/didChange))
        (kls-check (save-excursion (goto-char (point-min))
                                   (search-forward "p2m_top_mfn_list[PAGE_ALIGN(TOP_ENTRIES / P2M_ENTRIES_PER_PAGE)]" nil t))
                   "the buffer holds PAGE_ALIGN(")
        (kls-wait (lambda () (and (not (funcall page-aligned))
                                  (not (eq :none (gethash cfile kls-diagnostics :none)))))
                  "the page-aligned-size error to go")
        (kls-out "ok: the page-aligned-size error is gone"))

      ;; Rename XEN everywhere; the other files are open, as eglot applies edits to open buffers without asking.
      (let ((defconfig (find-file-noselect (expand-file-name "arch/x86/configs/i386_defconfig" kls-root)))
            (drivers (find-file-noselect (expand-file-name "drivers/xen/Kconfig" kls-root))))
        (set-buffer buf)
        (goto-char (point-min)) (forward-line 5) (forward-char 8)
        (eglot-rename "XEN_GUEST")
        (kls-check (save-excursion (goto-char (point-min))
                                   (and (re-search-forward "^config XEN_GUEST$" nil t)
                                        (re-search-forward "depends on XEN_GUEST$" nil t)))
                   "renamed in the open buffer")
        (kls-check (with-current-buffer defconfig
                     (save-excursion (goto-char (point-min))
                                     (and (re-search-forward "^CONFIG_XEN_GUEST=y$" nil t)
                                          (progn (goto-char (point-min))
                                                 (re-search-forward "^CONFIG_HVC_XEN=y$" nil t)))))
                   "renamed in the defconfig, and only where meant")
        (kls-check (with-current-buffer drivers
                     (save-excursion (goto-char (point-min)) (re-search-forward "depends on XEN_GUEST$" nil t)))
                   "renamed in drivers/xen/Kconfig"))
      (eglot-shutdown server)
      (kls-out "PASS: emacs client")
      (kill-emacs 0))
  (error (kls-fail (format "%S" err))))
