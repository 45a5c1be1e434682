// Prompt and tool-description files are imported as text (vite's ?raw; esbuild plugin in scripts/build.mjs).
declare module '*?raw' {
  const text: string;
  export default text;
}
