const OFFLINE = { state: 'error', message: "We can't reach Seller Center. Check your connection and try again." };

/**
 * The page's only way to its backend: JSON in, `{ok, status, data}` out. Problems (problem+json) come back as
 * data with `state` and `message` ready to show; a network failure looks like one too.
 */
export function createDemoApi(base) {
  return async function call(method, path, body) {
    try {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
      // Always read the body, even an empty one: an unread response shows up as an aborted request.
      const text = await response.text();
      const data = text ? JSON.parse(text) : {};
      return { ok: response.ok, status: response.status, data };
    } catch {
      return { ok: false, status: 0, data: OFFLINE };
    }
  };
}
