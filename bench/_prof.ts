import autocannon from 'autocannon';
import { startChild } from './lib/child.ts';
import type { Started } from './lib/server-process.ts';

const child = startChild(new URL('./lib/server-process.ts', import.meta.url));
const s = await child.call<Started>(process.argv[2] ?? 'relay');
let n = 0;
const r = await autocannon({
  url: s.url,
  connections: 50,
  duration: 10,
  headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
  requests: [
    {
      method: 'POST',
      path: '/api/v1/verifications',
      setupRequest: (q) => ({
        ...q,
        body: JSON.stringify({
          to: `p${++n}@bench.example`,
          channel: 'email',
          purpose: 'login',
          origin: 'https://seller.example.com',
        }),
      }),
      onResponse: (_s, body, ctx, h) => {
        ctx.id = JSON.parse(body).id;
        ctx.code = h['x-bench-code'];
      },
    },
    {
      method: 'POST',
      setupRequest: (q, ctx) => ({
        ...q,
        path: `/api/v1/verifications/${ctx.id}/check`,
        body: JSON.stringify({ code: ctx.code }),
      }),
    },
  ],
});
console.log(r.requests.average / 2, r.latency.p50, r.latency.p99, r.non2xx);
await child.call('stopAll');
await child.stop();
