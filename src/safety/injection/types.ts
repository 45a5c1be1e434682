// Types of the prompt-injection detector.

export type InjectionSource = 'file' | 'web_page' | 'command_output' | 'issue_comment' | 'tool_result';

export const INJECTION_SOURCES: readonly InjectionSource[] = ['file', 'web_page', 'command_output', 'issue_comment', 'tool_result'];

export interface InjectionFinding {
  rule: string;
  message: string;
  /** 1-based line in the sanitized text. */
  line: number;
  excerpt: string;
  /** How much this finding counts towards the score (0..1), after context (quotes, code, AGENTS.md). */
  weight: number;
}

export interface InjectionScan {
  flagged: boolean;
  /** 0..1: the chance-style combination of the findings' weights; flagged at FLAG_THRESHOLD. */
  score: number;
  findings: InjectionFinding[];
  /** The text with zero-width, bidi-control and Unicode-tag characters removed: what the model should see. */
  sanitized: string;
}

export interface ScanOptions {
  /** Workspace-relative path of a file, so AGENTS.md / CLAUDE.md instructions are recognised as legitimate. */
  path?: string;
}

export const FLAG_THRESHOLD = 0.7;
/** Findings weighing less than this after context are dropped as noise. */
export const MIN_FINDING_WEIGHT = 0.3;
