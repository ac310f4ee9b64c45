import { createInterface } from 'node:readline';
import type { Sink } from '../stdio-sink.ts';

/** What a secret prompt reads from: a terminal (muted) or anything else (a pipe: one line, as is). */
export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

/** ESC, then a CSI sequence (ESC [ … final byte), an SS3 one (ESC O x) or one more character. */
const ESCAPE_SEQUENCE = new RegExp(`${String.fromCharCode(27)}(?:\\[[0-9;?]*[ -/]*[@-~]|O.|.)?`, 'g');

/** The person pressed Ctrl-C at the prompt. */
export class PromptInterrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/**
 * One line of secret input. On a terminal the prompt is written to `err` and the typing is not echoed: raw mode
 * on (the terminal neither echoes nor edits), this function edits (Backspace, Ctrl-U) and ends on Enter, Ctrl-D
 * on an empty line ends with nothing, Ctrl-C throws PromptInterrupted. Raw mode is set before the prompt is
 * shown, so nothing typed after the prompt is ever echoed. From a pipe: the first line, no prompt.
 */
export async function readSecretLine(input: SecretInput, err: Sink, prompt: string): Promise<string> {
  if (!input.isTTY || typeof input.setRawMode !== 'function') return firstLine(input);
  const setRawMode = input.setRawMode.bind(input);
  setRawMode(true);
  err.write(prompt);
  try {
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      const finish = (error?: Error) => {
        input.off('data', onData);
        input.off('end', onEnd);
        err.write('\n');
        if (error) reject(error);
        else resolve(line);
      };
      const onEnd = () => finish();
      const onData = (chunk: Buffer | string) => {
        const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        // Escape sequences (arrow keys, function keys) are dropped whole: they are no part of a password.
        for (const char of text.replace(ESCAPE_SEQUENCE, '')) {
          if (char === '\r' || char === '\n') return finish();
          if (char === '\u0003') return finish(new PromptInterrupted());
          if (char === '\u0004') {
            if (line === '') return finish();
          } else if (char === '\u007f' || char === '\b') {
            line = Array.from(line).slice(0, -1).join('');
          } else if (char === '\u0015') {
            line = '';
          } else if (char >= ' ') {
            line += char;
          }
        }
      };
      input.on('data', onData);
      input.once('end', onEnd);
      input.resume();
    });
  } finally {
    setRawMode(false);
    input.pause();
  }
}

function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const rl = createInterface({ input, terminal: false });
  return new Promise<string>((resolve) => {
    rl.once('line', (line) => {
      resolve(line);
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}
