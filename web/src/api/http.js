// JSON over fetch with the server's conventions: cookie auth, the XSRF header on writes, JSON errors.

/** A failed request: the HTTP status (0 when the server cannot be reached) and the server's message. */
export class ApiError extends Error {
  constructor(status, message, reason) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

function xsrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : "";
}

export async function request(method, url, body, { keepalive = false } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-XSRFToken"] = xsrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(url, {
      method, headers, keepalive, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The workbench server cannot be reached. Check that it is running, then try again.");
  }
  const text = res.status === 204 ? "" : await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const message = res.status === 401
      ? "You are signed out. Open the workbench URL with its token again."
      : json?.message || `The request failed (${res.status} ${res.statusText}).`;
    throw new ApiError(res.status, message, json?.reason);
  }
  return json;
}

/** An API path (slashes kept, each segment encoded). */
export function encodePath(path) {
  return path.split("/").filter(Boolean).map(encodeURIComponent).join("/");
}
