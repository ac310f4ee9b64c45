import { isFillable } from './is-fillable.ts';

/** A tree the autofill searches: the document, an open shadow root, or a same-origin frame's document. */
export type SearchRoot = Document | ShadowRoot;

/**
 * `root` and every open shadow root and same-origin frame document below it, in document order.
 * Cross-origin frames are never entered: the browser hands us no `contentDocument` for them, and we also
 * require the frame's origin to equal ours, because a code is bound to one exact origin (SPEC "Extension").
 * `about:blank` and `srcdoc` frames inherit their parent's origin, so they count as ours unless sandboxed
 * without `allow-same-origin`. Frames that are themselves hidden are skipped with everything in them.
 */
export function collectRoots(root: SearchRoot): SearchRoot[] {
  const roots: SearchRoot[] = [];
  walk(root, originOf(documentOf(root)), roots);
  return roots;
}

function walk(root: SearchRoot, origin: string, roots: SearchRoot[]): void {
  roots.push(root);
  for (const element of root.querySelectorAll('*')) {
    const shadow = (element as HTMLElement).shadowRoot;
    if (shadow) walk(shadow, origin, roots);
    if (element.localName === 'iframe' || element.localName === 'frame') {
      const frameDoc = sameOriginDocument(element as HTMLIFrameElement, origin);
      if (frameDoc) walk(frameDoc, origin, roots);
    }
  }
}

function sameOriginDocument(frame: HTMLIFrameElement, origin: string): Document | null {
  const sandbox = frame.getAttribute('sandbox');
  if (sandbox !== null && !sandbox.split(/\s+/).includes('allow-same-origin')) return null;
  if (!isFillable(frame)) return null;
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
