// Types for bench/lib.mjs, so TypeScript benchmarks can import it without suppressions.
export function percentile(values: number[], p: number): number;
export function median(values: number[]): number;
export function printTable(title: string, rows: Array<Record<string, unknown>>, columns: Array<[string, string]>): void;
export function writeResults(name: string, data: Record<string, unknown>): void;
