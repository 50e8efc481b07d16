// POST /api/v1/widget/sessions: {siteKey, visitorToken?, user?} → {visitorToken, conversationId}.
// Failures carry the HTTP status (none for network errors) and the problem's detail.
export async function requestSession(baseUrl, body) {
  const response = await fetch(new URL("api/v1/widget/sessions", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "omit",
  });
  if (response.ok) return response.json();
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // Not problem+json (a proxy's error page): the status says enough.
  }
  const error = new Error(problem.detail || problem.title || `HTTP ${response.status}`);
  error.status = response.status;
  throw error;
}

// 4xx means the request itself is wrong and will not improve by retrying,
// except timeouts and rate limits.
export function isPermanent(error) {
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
