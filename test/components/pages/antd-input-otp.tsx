import { Input } from 'antd';
import { report } from './page-state.ts';
import { mountReact } from './react-page.tsx';

/** antd Input.OTP: six antd Inputs; `onInput` reports every change (onChange only a complete code). */
mountReact(<Input.OTP length={6} onInput={(cells) => report(cells.join(''))} />);
