// The placeholders secrets are replaced by: «secret:<kind>:<n>», stable per value within a redactor.

export const PLACEHOLDER_PATTERN = /«secret:([a-z0-9_]+):(\d+)»/g;

export function formatPlaceholder(kind: string, index: number): string {
  return `«secret:${kind}:${index}»`;
}

export function containsPlaceholder(text: string): boolean {
  return text.includes('«secret:');
}
