/** The page frame every demo page shares: header with the shop's name, main card column, footer. */

export type PageName = 'home' | 'signup' | 'login' | 'confirm' | 'two-step';

export interface LayoutOptions {
  base: string;
  page: PageName;
  title: string;
  body: string;
  /** The page module it loads from assets/ (e.g. "flow-page"); the home page needs none. */
  script?: string;
}

const NAV: { page: PageName; path: string; label: string }[] = [
  { page: 'home', path: '/', label: 'Home' },
  { page: 'signup', path: '/signup', label: 'Account setup' },
  { page: 'login', path: '/login', label: 'Log in' },
  { page: 'confirm', path: '/confirm', label: 'Payouts' },
  { page: 'two-step', path: '/two-step', label: 'Security' },
];

export const SHOP_NAME = 'Lumen Goods';

const LOGO = `<svg class="brand-logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="currentColor"/><path d="M10 8v16h12v-3.5h-8V8z" fill="#fff"/></svg>`;

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%230f766e'/%3E%3Cpath d='M10 8v16h12v-3.5h-8V8z' fill='%23fff'/%3E%3C/svg%3E";

export function layout({ base, page, title, body, script }: LayoutOptions): string {
  const nav = NAV.map(
    (item) =>
      `<a href="${escapeHtml(base + item.path)}"${item.page === page ? ' aria-current="page"' : ''}>${item.label}</a>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} · ${SHOP_NAME} Seller Center (demo)</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${escapeHtml(base)}/assets/demo.css">
${script ? `<script type="module" src="${escapeHtml(`${base}/assets/${script}.js`)}"></script>` : ''}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="${escapeHtml(base)}/">${LOGO}<span class="brand-name">${SHOP_NAME}</span><span class="brand-product">Seller Center</span><span class="badge">Demo</span></a>
    <nav class="nav" aria-label="Main">${nav}</nav>
  </div>
</header>
<main id="main" class="page" tabindex="-1">
${body}
</main>
<footer class="footer">
  <p>A demo served by otp-relay. Codes are simulated: no real SMS or email is sent, and any password works.</p>
</footer>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
