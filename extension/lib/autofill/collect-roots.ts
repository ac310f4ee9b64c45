/** A tree the autofill searches: the document, an open shadow root, or a same-origin frame's document. */
export type SearchRoot = Document | ShadowRoot;

/**
 * `root` and every open shadow root and same-origin frame document below it, in document order.
 * Cross-origin frames are never entered: the browser hands us no `contentDocument` for them, and we also
 * require the frame's origin to equal ours, because a code is bound to one exact origin (SPEC "Extension").
 * `about:blank` and `srcdoc` frames inherit their parent's origin, so they count as ours unless sandboxed
 * without `allow-same-origin`. Frames that are themselves hidden (`visible`: is-fillable.ts) are skipped with
 * everything in them. A part of its own (autofill-parts.ts: most pages have neither), given `visible` by
 * autofill.js so that it ships no copy of it.
 */
export function collectRoots(root: SearchRoot, visible: (element: HTMLElement) => boolean): SearchRoot[] {
  const roots: SearchRoot[] = [];
  walk(root, originOf(documentOf(root)), roots, visible);
  return roots;
}

function walk(root: SearchRoot, origin: string, roots: SearchRoot[], visible: (element: HTMLElement) => boolean): void {
  roots.push(root);
  for (const element of root.querySelectorAll('*')) {
    const shadow = (element as HTMLElement).shadowRoot;
    if (shadow) walk(shadow, origin, roots, visible);
    if (element.localName === 'iframe' || element.localName === 'frame') {
      const frame = element as HTMLIFrameElement;
      const frameDoc = visible(frame) ? sameOriginDocument(frame, origin) : null;
      if (frameDoc) walk(frameDoc, origin, roots, visible);
    }
  }
}

function sameOriginDocument(frame: HTMLIFrameElement, origin: string): Document | null {
  const sandbox = frame.getAttribute('sandbox');
  if (sandbox !== null && !sandbox.split(/\s+/).includes('allow-same-origin')) return null;
  let doc: Document | null = null;
  try {
    doc = frame.contentDocument;
  } catch {
    return null; // some engines throw instead of answering null for a cross-origin frame
  }
  if (!doc?.documentElement) return null;
  const url = doc.location?.href ?? '';
  const inherits = url === 'about:blank' || url === 'about:srcdoc' || url === '';
  return inherits || originOf(doc) === origin ? doc : null;
}

function documentOf(root: SearchRoot): Document {
  return 'ownerDocument' in root && root.ownerDocument ? root.ownerDocument : (root as Document);
}

function originOf(doc: Document): string {
  // `self.origin` also knows the inherited origin of about:blank frames; `location.origin` is the fallback.
  const view = doc.defaultView as (Window & { origin?: string }) | null;
  return view?.origin ?? doc.location?.origin ?? 'null';
}
