// Host matching for the network allow-list, with the semantics of `net(…)` permission rules:
// `*.npmjs.org` matches every subdomain (not npmjs.org itself), an exact name only itself, `*` every host.

/** The host in the form globs are matched against: lower case, no trailing dot, no IPv6 brackets. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** The first glob of `globs` that matches `host`, or undefined when none does. */
export function matchDomain(host: string, globs: readonly string[]): string | undefined {
  const name = normalizeHost(host);
  if (name === '') return undefined;
  return globs.find((glob) => globPattern(glob).test(name));
}

const compiled = new Map<string, RegExp>();

function globPattern(glob: string): RegExp {
  let pattern = compiled.get(glob);
  if (!pattern) {
    // A rule may be written as a URL (`https://x.org/path`): only its host counts.
    const host = normalizeHost(glob.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, ''));
    const body = host
      .split('.')
      .map((label) => (label === '*' ? '[^.]+(?:\\.[^.]+)*' : label.split('*').map(escapeRegExp).join('[^.]*')))
      .join('\\.');
    pattern = new RegExp(`^${body}$`);
    compiled.set(glob, pattern);
  }
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
