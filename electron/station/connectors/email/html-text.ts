import { htmlToText } from 'html-to-text';

/** Longest HTML body read (characters); the rest is cut before parsing, so hostile mail stays cheap. */
export const MAX_HTML_CHARS = 2_000_000;
/** Deepest element nesting read; deeper content is dropped rather than blowing the stack. */
const MAX_DEPTH = 200;

// Elements whose content is never message text: code, styling, embedded documents and images
// (an image's alt text is not what the sender wrote to us; a data: URL would flood the text).
const SKIPPED = [
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'img',
  'picture',
  'video',
  'audio',
  'canvas',
  'form',
  'select',
  'button',
];

const OPTIONS: Parameters<typeof htmlToText>[1] = {
  wordwrap: false,
  limits: { maxDepth: MAX_DEPTH, maxInputLength: MAX_HTML_CHARS, ellipsis: '…' },
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    // A link's target is kept beside its text: in a suspicious mail the real address matters.
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
  ],
};

/**
 * The readable text of an HTML mail body: markup, scripts, styles and embedded media dropped,
 * entities decoded, blank runs collapsed. What the sender wrote as text (even `<script>` typed as
 * `&lt;script&gt;`) stays text; the desk renders it as text, never as markup.
 */
export function textOfHtml(html: string): string {
  return tidyText(htmlToText(html.slice(0, MAX_HTML_CHARS), OPTIONS));
}

/** Text with Windows line ends, trailing spaces and runs of blank lines tidied, and trimmed. */
export function tidyText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Control characters other than tab and newline have no place in a mention (and some
      // terminals and exports would act on them).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
