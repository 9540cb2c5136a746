// The pin-checker's result model, shared by the analyser, the commands and the CLI.
// Field names follow the `pinbot check --json` contract.

export type Verdict = 'ok' | 'compile-error' | 'unsound' | 'not-rust';
export type Severity = 'error' | 'unsound' | 'warning' | 'note';

export interface Finding {
  /** The rule's id, kebab-case, equal to its file name in src/analyser/rules/. */
  rule: string;
  severity: Severity;
  /** The error code rustc would print (E0277, ...), or null when no compile error is predicted. */
  rustc: string | null;
  /** 1-based line and column in the text the user sent. */
  line: number;
  column: number;
  /** What is wrong, naming the value that must stay put. */
  message: string;
  /** A concrete change that fixes it. */
  fix: string | null;
  /** The knowledge topic that explains it. */
  topic: string | null;
}

export interface CheckResult {
  verdict: Verdict;
  /** Sorted by line, then column. */
  findings: Finding[];
  /** A friendly line for the user when there is nothing to report (no code found, what was read). */
  hint?: string;
}

export interface Checker {
  /** Synchronous once built: the parser is loaded when the checker is created. */
  check(text: string): CheckResult;
}

/** Largest input the checker reads; anything larger is a UserError('input-too-large'). */
export const MAX_CHECK_INPUT_BYTES = 64 * 1024;
