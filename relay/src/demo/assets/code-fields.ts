/** One code entry, whatever it looks like on the page. */
export interface CodeField {
  value(): string;
  complete(): boolean;
  setLength(length: number): void;
  clear(): void;
  focus(): void;
  setInvalid(invalid: boolean): void;
}

/**
 * The code entry of a demo page, either one input (#code-input) or six split digit boxes (.otp-box), behind
 * one small interface. The boxes behave like the ones on real seller centers: typing a digit moves on,
 * Backspace on an empty box goes back, arrows move, and pasting (or an autofill that drops the whole code into
 * one box) spreads the digits across the boxes.
 */
export function codeField(form: ParentNode, onChange: () => void): CodeField {
  const single = form.querySelector<HTMLInputElement>('#code-input');
  if (single) return singleInput(single, onChange);
  return splitBoxes([...form.querySelectorAll<HTMLInputElement>('.otp-box')], onChange);
}

function digitsOf(text: string | null | undefined): string {
  return String(text ?? '').replace(/\D/g, '');
}

function singleInput(input: HTMLInputElement, onChange: () => void): CodeField {
  let length = 6;
  input.addEventListener('input', () => {
    // Digits only: people paste "123 456" or "Your code is 123456"; a filled value may carry spaces too.
    const digits = digitsOf(input.value).slice(0, input.maxLength > 0 ? input.maxLength : 10);
    if (digits !== input.value) input.value = digits;
    onChange();
  });
  return {
    value: () => input.value,
    complete: () => input.value.length === length,
    setLength(n) {
      length = n;
      input.maxLength = n;
      input.placeholder = '•'.repeat(n);
    },
    clear() {
      input.value = '';
      onChange();
    },
    focus: () => input.focus(),
    setInvalid: (invalid) => markInvalid(input, invalid),
  };
}

function splitBoxes(boxes: HTMLInputElement[], onChange: () => void): CodeField {
  const last = boxes.length - 1;

  /** Writes digits from box `start` on and puts the caret after the last one written. */
  function spread(start: number, digits: string): void {
    let i = start;
    for (const digit of digits) {
      const box = boxes[i];
      if (!box) break;
      box.value = digit;
      i += 1;
    }
    boxes[Math.min(i, last)]?.focus();
    onChange();
  }

  boxes.forEach((box, index) => {
    const previous = boxes[index - 1];
    const next = boxes[index + 1];
    box.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^\d$/.test(event.key)) {
        // Overwrite whatever the box held, even if the caret is not selecting it (maxlength would block it).
        event.preventDefault();
        box.value = event.key;
        next?.focus();
        onChange();
      } else if (event.key === 'Backspace') {
        if (box.value === '' && previous) {
          event.preventDefault();
          previous.value = '';
          previous.focus();
          onChange();
        }
      } else if (event.key === 'ArrowLeft' && previous) {
        event.preventDefault();
        previous.focus();
      } else if (event.key === 'ArrowRight' && next) {
        event.preventDefault();
        next.focus();
      } else if (event.key.length === 1) {
        // Letters and symbols never go into a digit box.
        event.preventDefault();
      }
    });

    // Programmatic fills (an extension, a password manager, mobile keyboards without key events) land here.
    box.addEventListener('input', () => {
      const digits = digitsOf(box.value);
      if (digits.length <= 1) {
        box.value = digits;
        if (digits) next?.focus();
        onChange();
      } else {
        // The whole code dropped into one box: it belongs to all of them from the first.
        spread(digits.length >= boxes.length ? 0 : index, digits);
      }
    });

    box.addEventListener('paste', (event) => {
      const digits = digitsOf(event.clipboardData?.getData('text'));
      event.preventDefault();
      if (digits) spread(digits.length >= boxes.length ? 0 : index, digits);
    });

    box.addEventListener('focus', () => box.select());
  });

  return {
    value: () => boxes.map((box) => box.value).join(''),
    complete: () => boxes.every((box) => /^\d$/.test(box.value)),
    setLength() {
      // Split boxes are drawn for six digits; the confirm flow always asks the relay for six.
    },
    clear() {
      for (const box of boxes) box.value = '';
      onChange();
    },
    focus: () => (boxes.find((box) => box.value === '') ?? boxes[0])?.focus(),
    setInvalid(invalid) {
      for (const box of boxes) markInvalid(box, invalid);
    },
  };
}

export function markInvalid(input: Element, invalid: boolean): void {
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
