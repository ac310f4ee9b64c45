/**
 * Each case is a page whose `#target` is or is not something a person could see and type into. Cases marked
 * 'layout' are judged by geometry only (the injected script has no layout-less copy of that test: issue 14):
 * they run in real Chromium (is-fillable.chromium.test.ts), every case runs there.
 */
export const CASES: Array<[name: string, html: string, fillable: boolean, needs?: 'layout']> = [
  ['a plain input', '<input id="target">', true],
  ['type=tel', '<input id="target" type="tel">', true],
  [
    'transparent text over decorative slots (input-otp)',
    '<input id="target" style="color: transparent; opacity: 1">',
    true,
  ],
  ['type=hidden', '<input id="target" type="hidden">', false],
  ['disabled', '<input id="target" disabled>', false],
  ['readonly', '<input id="target" readonly>', false],
  ['the hidden attribute', '<input id="target" hidden>', false],
  ['an ancestor with the hidden attribute', '<div hidden><div><input id="target"></div></div>', false],
  ['display:none', '<input id="target" style="display:none">', false],
  [
    'display:none from a stylesheet on an ancestor',
    '<style>.step{display:none}</style><div class="step"><input id="target"></div>',
    false,
  ],
  ['visibility:hidden inherited', '<div style="visibility:hidden"><input id="target"></div>', false],
  [
    'visibility turned back on inside a hidden parent',
    '<div style="visibility:hidden"><input id="target" style="visibility:visible"></div>',
    true,
  ],
  ['opacity 0', '<input id="target" style="opacity:0">', false],
  ['opacity 0.05', '<input id="target" style="opacity:0.05">', false],
  [
    'opacities that multiply below 0.1',
    '<div style="opacity:0.3"><div style="opacity:0.3"><input id="target"></div></div>',
    false,
  ],
  ['opacity 0.5', '<input id="target" style="opacity:0.5">', true],
  ['opacity 0.1, the least that counts as seen', '<input id="target" style="opacity:0.1">', true],
  ['an ancestor at opacity 0.1', '<div style="opacity:0.1"><input id="target"></div>', true],
  [
    "the field's own opacity times its parent's below 0.1",
    '<div style="opacity:0.3"><input id="target" style="opacity:0.3"></div>',
    false,
  ],
  ['zero size', '<input id="target" style="width:0;height:0">', false],
  // Without padding and border, so that the rect Chromium measures is the styled size too.
  [
    '4 px wide by style, the smallest a person can click',
    '<input id="target" style="width:4px;padding:0;border:0">',
    true,
  ],
  ['3.5 px wide by style', '<input id="target" style="width:3.5px;padding:0;border:0">', false],
  ['4 px tall by style', '<input id="target" style="height:4px;padding:0;border:0">', true],
  ['3.5 px tall by style', '<input id="target" style="height:3.5px;padding:0;border:0">', false],
  ['1px (sr-only)', '<input id="target" style="position:absolute;width:1px;height:1px;clip:rect(0,0,0,0)">', false],
  ['clip: rect(0,0,0,0) alone', '<input id="target" style="position:absolute;clip:rect(0,0,0,0)">', false],
  [
    'clip: rect(0px, 0px, 0px, 0px) alone',
    '<input id="target" style="position:absolute;clip:rect(0px, 0px, 0px, 0px)">',
    false,
  ],
  ['clip-path inset(50%)', '<input id="target" style="clip-path: inset(50%)">', false],
  ['clip-path inset(-50%), which grows the visible area', '<input id="target" style="clip-path: inset(-50%)">', true],
  ['a collapsed wrapper', '<div style="height:0;overflow:hidden"><input id="target"></div>', false],
  ['left:-9999px', '<input id="target" style="position:absolute;left:-9999px">', false, 'layout'],
  [
    'a fixed box far above the page',
    '<div style="position:fixed;top:-3000px"><input id="target"></div>',
    false,
    'layout',
  ],
  ['translated far off-screen', '<input id="target" style="transform: translateX(-9999px)">', false, 'layout'],
  ['a negative margin off-screen', '<input id="target" style="margin-left:-10000px">', false, 'layout'],
  ['slightly shifted (not a honeypot)', '<input id="target" style="position:relative;left:-20px">', true],
  ['aria-hidden and out of the tab order', '<input id="target" aria-hidden="true" tabindex="-1">', false],
  ['aria-hidden but in the tab order', '<input id="target" aria-hidden="true">', true],
  ['out of the tab order but not aria-hidden', '<input id="target" tabindex="-1">', true],
  ['visibility:collapse', '<input id="target" style="visibility:collapse">', false],
  [
    'a zero-width wrapper with overflow hidden',
    '<div style="width:0;overflow:hidden"><input id="target"></div>',
    false,
  ],
  ['a wrapper with overflow hidden, of normal size', '<div style="overflow:hidden"><input id="target"></div>', true],
  [
    'a 4 px wide wrapper with overflow hidden',
    '<div style="width:4px;overflow:hidden"><input id="target"></div>',
    true,
  ],
  [
    'a 4 px tall wrapper with overflow hidden',
    '<div style="height:4px;overflow:hidden"><input id="target"></div>',
    true,
  ],
  ['a zero-height wrapper whose overflow shows', '<div style="height:0"><input id="target"></div>', true],
  ['content-visibility:hidden', '<div style="content-visibility:hidden"><input id="target"></div>', false],
];
