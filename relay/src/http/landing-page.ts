/** The page a person sees when they open the relay's URL: where to go next. */
export function landingPage(): string {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>otp-relay</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#8882;padding:0 .2em}</style>
<h1>otp-relay</h1>
<p>A local verification-code relay: it issues and checks codes and delivers them as simulated SMS and email.</p>
<ul>
  <li><a href="/demo/">Demo seller center</a>: try the verification flows.</li>
  <li><a href="/api/v1/openapi.json">OpenAPI document</a>: the whole HTTP API.</li>
  <li><a href="/healthz">Health</a></li>
</ul>
<p>The API under <code>/api/v1</code> needs the token printed when the relay started.</p>
</html>
`;
}
