/** Digits grouped for reading aloud and copying by eye: 123 456, 1234 5678, 123 456 789; 4-5 digits stay whole. */
export function groupDigits(code: string): string[] {
  if (code.length <= 5) return [code];
  if (code.length % 2 === 0 && code.length <= 8) {
    const half = code.length / 2;
    return [code.slice(0, half), code.slice(half)];
  }
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += 3) groups.push(code.slice(i, i + 3));
  // 10 digits: 3 3 3 1 reads badly; fold the lone digit into the last group.
  if (groups.length > 1 && groups.at(-1)?.length === 1) {
    const last = groups.pop() as string;
    groups[groups.length - 1] += last;
  }
  return groups;
}

/** Time left as m:ss, rounding up so "0:00" only ever shows at the moment of expiry. */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
