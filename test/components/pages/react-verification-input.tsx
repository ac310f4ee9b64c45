import type { ComponentType } from 'react';
import * as module from 'react-verification-input';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

// A CommonJS bundle whose default export esbuild hands over one level deep.
type Props = { length: number; validChars: string; inputProps: object; onChange: (value: string) => void };
const exported = module as unknown as { default: ComponentType<Props> | { default: ComponentType<Props> } };
const VerificationInput = 'default' in exported.default ? exported.default.default : exported.default;

/** react-verification-input: one real input behind six character boxes. */
mountReact(<VerificationInput length={6} validChars="0-9" inputProps={{ inputMode: 'numeric' }} onChange={report} />);
