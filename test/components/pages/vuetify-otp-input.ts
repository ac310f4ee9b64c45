import 'vuetify/styles';
import { createApp, h, ref } from 'vue';
import { createVuetify } from 'vuetify';
import { VOtpInput } from 'vuetify/components/VOtpInput';
import { initState, mutateIfAsked, report } from './page-state.ts';

/** Vuetify VOtpInput: the six boxes are <div>s; the keys go to one 1px, transparent input behind them. */
initState();
const root = document.createElement('main');
document.body.append(root);
const app = createApp({
  setup() {
    const value = ref('');
    return () => [
      h('h1', 'Verify your phone'),
      h('p', 'Enter the 6-digit code we sent to +1 •••• 23.'),
      h('div', { id: 'component' }, [
        h(VOtpInput, {
          length: 6,
          modelValue: value.value,
          'onUpdate:modelValue': (next: string) => {
            value.value = next;
            report(next);
          },
        }),
      ]),
    ];
  },
});
app.use(createVuetify({ components: { VOtpInput } })).mount(root);
mutateIfAsked();
