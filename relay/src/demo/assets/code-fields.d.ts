/** Types for the browser module beside it (plain JS, served as is to the demo pages). */
export interface CodeField {
  value(): string;
  complete(): boolean;
  setLength(length: number): void;
  clear(): void;
  focus(): void;
  setInvalid(invalid: boolean): void;
}

export function codeField(form: ParentNode, onChange: () => void): CodeField;
export function markInvalid(input: Element, invalid: boolean): void;
