import { Parser } from 'htmlparser2';

/** Elements whose content is never shown in a mail client. */
const INVISIBLE_ELEMENTS = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'object']);
/** Elements set apart by a blank line; table cells by a space, so spaced-out digits stay apart. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tr',
  'ul',
]);
const CELL_ELEMENTS = new Set(['td', 'th']);
// Hidden the ways mail templates hide preheaders and tracking text (display:none, mso-hide:all, max-height:0…).
const HIDDEN_STYLE =
  /display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d])|font-size\s*:\s*0(?![.\d])|opacity\s*:\s*0(?![.\d])/i;

const isHidden = (attributes: Record<string, string>) =>
  'hidden' in attributes ||
  attributes['aria-hidden'] === 'true' ||
  (attributes.style !== undefined && HIDDEN_STYLE.test(attributes.style));

/**
 * The text a reader of an HTML email sees: no head, scripts, styles or hidden elements; a paragraph per
 * block, a line per <br>, a space per table cell; entities decoded. htmlparser2 does the forgiving parsing (unclosed tags, bad nesting).
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  // One entry per open element: whether it hides its content. htmlparser2 closes void and implied elements,
  // so the stack follows its tree.
  const hiding: boolean[] = [];
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const hides = INVISIBLE_ELEMENTS.has(name) || isHidden(attributes);
        hiding.push(hides);
        if (hides) hiddenDepth += 1;
        if (hiddenDepth === 0) {
          if (name === 'br') parts.push('\n');
          else if (BLOCK_ELEMENTS.has(name)) parts.push('\n\n');
          else if (CELL_ELEMENTS.has(name)) parts.push(' ');
          else if (name === 'img' && attributes.alt) parts.push(` ${attributes.alt} `);
        }
      },
      onclosetag(name) {
        if (hiding.pop()) hiddenDepth -= 1;
        else if (hiddenDepth === 0 && BLOCK_ELEMENTS.has(name)) parts.push('\n\n');
      },
      ontext(text) {
        if (hiddenDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts
    .join('')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
