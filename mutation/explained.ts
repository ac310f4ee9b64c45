/**
 * Surviving mutants we looked at and kept, each with why no user could notice it (equivalent code, or a
 * difference only in wording a test should not pin). Matched by file, line and mutator. A survivor that is
 * not here shows as UNEXPLAINED in docs/mutation.md: a test to write, or a reason to add.
 */
export interface Explained {
  file: string;
  line: number;
  mutator: string;
  why: string;
}

export const EXPLAINED: Explained[] = [];
