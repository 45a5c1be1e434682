// An HTML page as readable markdown: Mozilla's Readability picks the article (dropping navigation,
// ads and footers) over linkedom's DOM, turndown writes it as markdown. The libraries load on first use.
export interface ReadablePage {
  title: string;
  markdown: string;
}

export async function htmlToMarkdown(html: string, url: string): Promise<ReadablePage> {
  const [{ parseHTML }, { Readability }, { default: TurndownService }] = await Promise.all([import('linkedom'), import('@mozilla/readability'), import('turndown')]);
  const { document } = parseHTML(html);
  // Readability resolves relative links against the document's URL.
  if (!document.querySelector('base')) {
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.appendChild(base);
  }
  const title = (document.querySelector('title')?.textContent ?? '').trim();
  // linkedom's document is what Readability reads (its types name the browser's Document).
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  turndown.remove(['script', 'style', 'noscript', 'iframe']);
  const content = article?.content ?? document.body?.innerHTML ?? html;
  // Turndown pads list markers to four columns; one space reads the same and costs fewer tokens.
  const markdown = turndown.turndown(content).replace(/^(\s*)(-|\d+\.)\s{2,}/gm, '$1$2 ').replace(/\n{3,}/g, '\n\n').trim();
  return { title: article?.title?.trim() || title, markdown };
}
