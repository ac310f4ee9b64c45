/** A window with its own constructors (a same-origin frame's `HTMLInputElement`, `KeyboardEvent`, …). */
export type View = Window & typeof globalThis;

/** The window of the document `node` is in (a same-origin frame's own), or null for a document without one. */
export function viewOf(node: Node): View | null {
  return node.ownerDocument?.defaultView as View | null;
}
