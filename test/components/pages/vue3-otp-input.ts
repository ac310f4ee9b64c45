import { createApp, h } from 'vue';
import VOtpInput from 'vue3-otp-input';
import { initState, mutateIfAsked, report } from './page-state.ts';

/** vue3-otp-input: six boxes with maxlength 1, focus moved by the component, a paste handler. */
initState();
const root = document.createElement('main');
document.body.append(root);
createApp({
  setup() {
    return () => [
      h('h1', 'Verify your phone'),
      h('p', 'Enter the 6-digit code we sent to +1 •••• 23.'),
      h('div', { id: 'component' }, [
        h(VOtpInput, {
          numInputs: 6,
          inputType: 'tel',
          separator: '',
          shouldAutoFocus: false,
          inputClasses: 'otp-box',
          'onOn-change': (value: string) => report(value),
        }),
      ]),
    ];
  },
}).mount(root);
mutateIfAsked();
