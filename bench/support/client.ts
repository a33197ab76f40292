// A benchmark's browser stand-in: keeps cookies, loads pages, posts forms and
// calls server actions the way a hydrated page does, against `next start`.

export class Client {
  constructor(
    private readonly base: string,
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser talking to another server (cookies are per host, not per port). */
  on(base: string): Client {
    return new Client(base, this.cookies);
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => /authjs\.session-token/.test(name));
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await fetch(this.base + url, { headers: { cookie: this.cookieHeader() }, redirect: "manual" });
    this.remember(response);
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  }

  /**
   * Calls a server action the way a hydrated page does: a POST with the
   * Next-Action header and the arguments encoded as React's encodeReply
   * encodes (args, a FormData) -- part "0" is the argument list, "$K1" the
   * form data whose fields are prefixed "_1_". Answers the RSC payload.
   */
  async callAction(url: string, actionId: string, args: string, fields: ReadonlyArray<[string, string]>): Promise<{ status: number; body: string }> {
    const body = new FormData();
    for (const [name, value] of fields) body.append(`_1_${name}`, value);
    body.append("0", args);
    const response = await fetch(this.base + url, {
      method: "POST",
      body,
      headers: { cookie: this.cookieHeader(), origin: this.base, "next-action": actionId, accept: "text/x-component" },
      redirect: "manual",
    });
    this.remember(response);
    return { status: response.status, body: await response.text() };
  }

  async post(url: string, fields: ReadonlyArray<[string, string]>, encoding: "multipart" | "urlencoded" = "multipart"): Promise<{ status: number; location: string | null }> {
    const body = encoding === "multipart" ? new FormData() : new URLSearchParams();
    for (const [name, value] of fields) body.append(name, value);
    // A browser sends its origin with every form post; Next.js checks it for server actions.
    const response = await fetch(this.base + url, { method: "POST", body, headers: { cookie: this.cookieHeader(), origin: this.base }, redirect: "manual" });
    this.remember(response);
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get("location") };
  }
}

/** Signs in through next-auth's credentials endpoint, as its own sign-in page would. */
export async function signIn(client: Client, email: string, password: string): Promise<void> {
  const csrf = await client.get("/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.html) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", [
    ["csrfToken", csrfToken],
    ["email", email],
    ["password", password],
    ["callbackUrl", "/"],
  ], "urlencoded");
  if (response.status >= 400 || !client.hasSession()) {
    throw new Error(`signing in ${email} answered ${String(response.status)} ${response.location ?? ""} without a session`);
  }
}
