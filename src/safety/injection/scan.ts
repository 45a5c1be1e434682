// The prompt-injection detector: strip invisible characters, match the rules with their context,
// decode encoded payloads and rescan them, and combine the findings into one score.
import { analyzeDocument, inComment, inQuote, isDescriptive, lineOf, lineText, type DocumentContext } from './context.js';
import { decodeSegments } from './decode.js';
import { stripInvisible } from './invisible.js';
import { normalizeForMatching } from './normalize.js';
import { AI_WORDS, TEXT_RULES, type TextRule } from './rules.js';
import { FLAG_THRESHOLD, MIN_FINDING_WEIGHT, type InjectionFinding, type InjectionScan, type InjectionSource, type ScanOptions } from './types.js';

const IMPERATIVE = /\b(?:you|your)\b[^.]{0,60}\b(?:must|should|need to|have to|will)\b|\b(?:run|execute|ignore|send|delete|include|call|fetch|post|upload|insert|modify|add|remove|recommend|say|reply|respond|output|print|approve|do not|don't|never|always|make sure)\b/;
const WEAK_OBJECTS = new Set(['rules', 'context']);
const WEAK_DETERMINERS = new Set(['all', 'any', 'current', 'existing']);

export function scanInjection(text: string, source: InjectionSource, options: ScanOptions = {}): InjectionScan {
  const invisible = stripInvisible(text);
  const sanitized = invisible.text;
  const findings = matchText(sanitized, analyzeDocument(sanitized, options.path, source === 'file'));
  const lineOfOriginal = (index: number): number => (index < 0 ? 1 : text.slice(0, index).split('\n').length);

  if (invisible.tagText.trim().length > 0) {
    const firstTag = Array.from(text).findIndex((char) => (char.codePointAt(0) ?? 0) >= 0xe0000);
    findings.push(finding('unicode-tags', `invisible Unicode-tag characters spell out: "${clip(invisible.tagText)}"`, lineOfOriginal(firstTag), invisible.tagText, 0.9));
    for (const hidden of matchText(invisible.tagText, analyzeDocument(invisible.tagText, undefined, false))) findings.push({ ...hidden, rule: `hidden:${hidden.rule}`, line: lineOfOriginal(firstTag) });
  }
  if (invisible.longestRun >= 8) findings.push(finding('zero-width-run', `a run of ${invisible.longestRun} invisible characters (hidden encoding)`, 1, '', 0.8));
  if (invisible.bidiControls > 0) findings.push(finding('bidi-control', `${invisible.bidiControls} bidirectional control character(s) that reorder what a reader sees`, 1, '', 0.5));
  else if (invisible.removed >= 3 && invisible.longestRun < 8) findings.push(finding('invisible-characters', `${invisible.removed} zero-width characters stripped`, 1, '', 0.35));

  findings.push(...scanEncoded(sanitized));
  return summarize(findings, sanitized);
}

/** Rules over one text with its document context; no decoding (callers rescan decoded text with this). */
function matchText(text: string, context: DocumentContext): InjectionFinding[] {
  const normalized = normalizeForMatching(text);
  const findings: InjectionFinding[] = [];
  for (const rule of TEXT_RULES) {
    const target = rule.caseSensitive ? text : normalized;
    for (const match of target.matchAll(rule.pattern)) {
      const offset = match.index ?? 0;
      if (rule.id === 'exfiltration-request' && /header|authenticat|bearer|each request/.test(match[0])) continue;
      if (rule.id === 'override-instructions' && WEAK_OBJECTS.has(match.groups?.obj ?? '') && WEAK_DETERMINERS.has(match.groups?.det ?? '')) continue;
      if (rule.group === 'turn' && rule.weight < 0.5 && IMPERATIVE.test(normalized.slice(offset, offset + 200).split('\n')[0] ?? '')) {
        findings.push(place(rule, text, context, offset, match[0].length, 0.85));
        continue;
      }
      findings.push(place(rule, text, context, offset, match[0].length, rule.weight));
    }
  }
  for (const [start, end] of context.commentRanges) {
    const hidden = normalized.slice(start, end);
    if (AI_WORDS.test(hidden) && IMPERATIVE.test(hidden)) {
      const weight = context.discussesInjection ? 0.2 : context.agentInstructions ? 0.4 : 0.75;
      findings.push(finding('hidden-comment-instructions', 'instructions to an AI hidden from human readers', lineOf(context, start), text.slice(start, end), weight));
    }
  }
  return findings;
}

function place(rule: TextRule, text: string, context: DocumentContext, offset: number, length: number, base: number): InjectionFinding {
  const line = lineOf(context, offset);
  const lineString = lineText(text, context, line);
  const column = offset - (context.lineStarts[line - 1] ?? 0);
  const quoted = (!context.sourceCode && context.codeBlockLines.has(line)) || inQuote(lineString, column);
  let weight = base;
  let message = rule.message;
  if (context.agentInstructions) {
    if (rule.group === 'addressed' || rule.group === 'role' || rule.group === 'tool') weight = 0;
    else if (rule.group === 'override' || rule.group === 'turn') weight *= 0.4;
  }
  if (context.discussesInjection) weight *= quoted ? 0.1 : isDescriptive(lineString) ? 0.2 : 0.7;
  // Mention, not use: a quoted phrase in a sentence that talks about it ("payloads like '…'").
  else if (quoted && !context.sourceCode && isDescriptive(lineString)) weight *= 0.2;
  else if ((rule.group === 'template' || rule.group === 'turn') && (quoted || context.sourceCode)) weight *= 0.3;
  else if (context.testFixture && quoted) weight *= 0.3;
  if (inComment(context, offset) && rule.group !== 'pipe' && weight > 0) {
    weight = Math.min(0.98, weight * 1.2);
    message += ' (hidden from human readers)';
  }
  return finding(rule.id, message, line, text.slice(offset, offset + length), weight);
}

function scanEncoded(text: string): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  const lineStarts = analyzeDocument(text, undefined, false);
  for (const segment of decodeSegments(text)) {
    const inner = matchText(segment.text, analyzeDocument(segment.text, undefined, false)).filter(
      (hit) => hit.weight >= 0.5 && (segment.encoding !== 'rot13' || /override|addressed|exfiltration/.test(hit.rule)),
    );
    if (inner.length === 0) continue;
    const strongest = Math.max(...inner.map((hit) => hit.weight));
    const rules = [...new Set(inner.map((hit) => hit.rule))].join(', ');
    const line = segment.encoding === 'rot13' ? (inner[0]?.line ?? 1) : lineOf(lineStarts, segment.offset);
    findings.push(finding('encoded-instructions', `${segment.encoding} text decodes to instructions (${rules}): "${clip(segment.text)}"`, line, segment.text, Math.max(0.85, strongest)));
  }
  return findings;
}

function summarize(all: InjectionFinding[], sanitized: string): InjectionScan {
  const best = new Map<string, InjectionFinding>();
  for (const hit of all) {
    if (hit.weight < MIN_FINDING_WEIGHT) continue;
    const key = `${hit.rule}:${hit.line}`;
    if ((best.get(key)?.weight ?? -1) < hit.weight) best.set(key, hit);
  }
  const findings = [...best.values()].sort((a, b) => a.line - b.line || b.weight - a.weight);
  const score = 1 - findings.reduce((keep, hit) => keep * (1 - hit.weight), 1);
  const rounded = Math.round(score * 1000) / 1000;
  return { flagged: rounded >= FLAG_THRESHOLD, score: rounded, findings, sanitized };
}

function finding(rule: string, message: string, line: number, excerpt: string, weight: number): InjectionFinding {
  return { rule, message, line, excerpt: clip(excerpt), weight: Math.round(weight * 1000) / 1000 };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
