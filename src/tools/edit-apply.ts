// Exact search-and-replace on text in memory, with errors that show the model what went wrong.
import { SummonError } from '../core/errors.js';
import { closestRegion } from './closest-match.js';

export interface TextEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

export interface EditOutcome {
  content: string;
  replacements: number;
  /** 1-based line where the first replacement starts, and how many lines the new text spans. */
  firstLine: number;
  newLineCount: number;
}

/** Applies one edit to `content`, or throws a SummonError naming the problem and how to fix it. */
export function applyEdit(content: string, edit: TextEdit, shownPath: string): EditOutcome {
  if (edit.old_string === '') {
    throw new SummonError('tool-failed', 'old_string is empty', {
      hint: 'to create a file use write; to insert text, include the neighbouring lines in old_string and new_string',
    });
  }
  if (edit.old_string === edit.new_string) {
    throw new SummonError('tool-failed', 'old_string and new_string are identical; nothing would change');
  }
  let { old_string: search, new_string: replacement } = edit;
  let positions = findAll(content, search);
  // Models write \n; files checked out on Windows use \r\n. Match them as the same edit.
  if (positions.length === 0 && content.includes('\r\n') && !search.includes('\r')) {
    search = search.replace(/\n/g, '\r\n');
    replacement = replacement.replace(/\n/g, '\r\n');
    positions = findAll(content, search);
  }
  if (positions.length === 0) throw notFound(content, edit.old_string, shownPath);
  if (positions.length > 1 && !edit.replace_all) {
    const lines = positions.slice(0, 10).map((index) => lineAt(content, index));
    throw new SummonError(
      'tool-failed',
      `old_string matches ${positions.length} places in ${shownPath} (lines ${lines.join(', ')}${positions.length > 10 ? ', …' : ''})`,
      { hint: 'add surrounding lines to old_string so it matches exactly one place, or set replace_all: true to change every match' },
    );
  }
  const first = positions[0] ?? 0;
  const updated = edit.replace_all ? content.split(search).join(replacement) : content.slice(0, first) + replacement + content.slice(first + search.length);
  return { content: updated, replacements: edit.replace_all ? positions.length : 1, firstLine: lineAt(content, first), newLineCount: replacement.split('\n').length };
}

/** Start offsets of non-overlapping matches. */
function findAll(content: string, search: string): number[] {
  const positions: number[] = [];
  for (let index = content.indexOf(search); index !== -1; index = content.indexOf(search, index + search.length)) positions.push(index);
  return positions;
}

function lineAt(content: string, index: number): number {
  let line = 1;
  for (let at = content.indexOf('\n'); at !== -1 && at < index; at = content.indexOf('\n', at + 1)) line += 1;
  return line;
}

function notFound(content: string, search: string, shownPath: string): SummonError {
  const region = closestRegion(content, search);
  if (!region) {
    return new SummonError('tool-failed', `old_string was not found in ${shownPath}, and no similar region exists`, {
      hint: 'read the file to see its current content, then copy the exact text',
    });
  }
  const similarity = region.exactIgnoringWhitespace ? 'differs only in whitespace' : `${Math.round(region.score * 100)}% similar`;
  return new SummonError(
    'tool-failed',
    `old_string was not found in ${shownPath}. Closest match, lines ${region.startLine}-${region.endLine} (${similarity}):\n${region.text}`,
    { hint: 'copy the exact text, indentation included, from the file; read it again if it may have changed' },
  );
}

/** Numbered lines around an edit, so the model sees the result without reading the file again. */
export function snippetAround(content: string, firstLine: number, lineCount: number, maxLines = 12): string {
  const lines = content.split('\n');
  const start = Math.max(1, firstLine - 2);
  const end = Math.min(lines.length, firstLine + lineCount + 1, start + maxLines - 1);
  return lines
    .slice(start - 1, end)
    .map((line, offset) => `${String(start + offset).padStart(6)}\t${line.replace(/\r$/, '')}`)
    .join('\n');
}
