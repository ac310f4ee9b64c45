import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.ts';

describe('htmlToText', () => {
  it.each([
    ['block elements become paragraphs', '<p>Your code:</p><p><b>482913</b></p>', 'Your code:\n\n482913'],
    ['br breaks a line', 'Code<br>482913', 'Code\n482913'],
    ['table cells are spaced apart', '<table><tr><td>4</td><td>8</td><td>2</td></tr></table>', '4 8 2'],
    ['inline spans join', '<span>48</span><span>29</span>', '4829'],
    ['entities are decoded', '<p>Caf&eacute; &amp; code&nbsp;482913</p>', 'Café & code 482913'],
    [
      'head, title, style and script are dropped',
      '<head><title>T 1</title><style>p{}</style></head><script>x=123456</script>ok',
      'ok',
    ],
    ['display:none preheaders are dropped', '<div style="display: none; max-height:0">pre 999999</div>shown', 'shown'],
    [
      'mso-hide, hidden, font-size:0 and opacity:0 are dropped',
      '<p style="mso-hide:all">a</p><p hidden>b</p><span style="font-size:0px">c</span><i style="opacity:0">d</i>e',
      'e',
    ],
    ['font-size:0.9em is visible', '<p style="font-size:0.9em">small</p>', 'small'],
    ['unclosed and misnested tags still read', '<div><p>one<p>two</div>three', 'one\n\ntwo\n\nthree'],
    ['void elements inside hidden ones do not unbalance it', '<div hidden><img src=x><br>gone</div>kept', 'kept'],
    ['image alt text is read', '<img alt="Code 482913">', 'Code 482913'],
  ])('%s', (_name, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
