/** The element a page script cannot work without: a page missing one fails loudly at load, not halfway. */
export function requiredElement<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`demo page: ${selector} is missing`);
  return element;
}
