;;; eglot-e2e.el --- the README's eglot snippet, checked in emacs --batch  -*- lexical-binding: t -*-
;; Usage: emacs --batch -l eglot-e2e.el DRAFT
;; Loads Debian's elpa-eglot and elpa-markdown-mode (site-start, so no -Q), applies the
;; README snippet verbatim, opens DRAFT and waits for flymake to show TruthLens's
;; diagnostics. Prints PASS/FAIL and exits 0/1.

;; Interactive start-up activates the installed packages; batch mode does not.
(package-initialize)
(require 'eglot)
(require 'flymake)

;; --- The README snippet ---
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode text-mode) . ("truthlens" "lsp"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'text-mode-hook #'eglot-ensure)
;; ---

(defun e2e-finish (ok message)
  (princ (format "%s emacs/eglot%s\n" (if ok "PASS" "FAIL") (if message (concat ": " message) "")))
  (kill-emacs (if ok 0 1)))

(let* ((draft (car command-line-args-left))
       (buf (find-file-noselect draft))
       (deadline (+ (float-time) 20))
       diags)
  (with-current-buffer buf
    (unless (derived-mode-p 'markdown-mode 'text-mode)
      (e2e-finish nil (format "%s opened in %s" draft major-mode)))
    ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
    (apply #'eglot (eglot--guess-contact))
    ;; Flymake defers its first check until the buffer is shown, and batch mode shows
    ;; nothing: ask it to check now and again while the server answers.
    (switch-to-buffer buf)
    (while (and (< (float-time) deadline)
                (null (setq diags (flymake-diagnostics))))
      (flymake-start)
      (accept-process-output nil 0.2))
    (unless diags (e2e-finish nil "no diagnostics from truthlens within 20 s"))
    (let ((lines (mapcar (lambda (d)
                           (format "%d:%s %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                   (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d))
                                   (flymake-diagnostic-text d)))
                         diags)))
      (unless (seq-some (lambda (l) (string-match-p "^35:slammed " l)) lines)
        (e2e-finish nil (format "no diagnostic on \"slammed\" (line 35): %S" lines)))
      (eglot-shutdown (eglot-current-server))
      (e2e-finish t (format "%d diagnostics, e.g. %s" (length lines) (car lines))))))
