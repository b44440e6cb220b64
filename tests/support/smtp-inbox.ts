import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server (smtp-server) in the test process: the app sends through nodemailer to
 * it exactly as to a production mail server (AUTH PLAIN/LOGIN, the whole MIME message), and
 * tests read what arrived, parsed by mailparser. `serveOverHttp` lets another process (the
 * Playwright runner) read the inbox as JSON.
 */
export type ReceivedEmail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Who logged in to send it. */
  user: string | undefined;
};

export async function startSmtpInbox({ user = "mailer", password = "smtp-test-password" } = {}) {
  const messages: ReceivedEmail[] = [];
  const waiters = new Set<() => void>();
  // While set, every message is refused with a temporary failure, as a mail server that is down answers.
  let refusing = false;
  const makeServer = () =>
    new SMTPServer({
      disabledCommands: ["STARTTLS"], // plain TCP on loopback, as a local relay would be
      allowInsecureAuth: true,
      authMethods: ["PLAIN", "LOGIN"],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === password) callback(null, { user: auth.username });
        else callback(new Error("Invalid username or password"));
      },
      onMailFrom(_address, _session, callback) {
        if (!refusing) return callback();
        callback(Object.assign(new Error("Service not available, try again later"), { responseCode: 421 }));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            messages.push({
              from: mail.from?.text ?? "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
              user: typeof session.user === "string" ? session.user : undefined,
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch(callback);
      },
    });
  let server = makeServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  /** The newest message to `address` (waiting for it up to `timeoutMs`). */
  async function waitForMessage(address: string, timeoutMs = 15_000, after = 0): Promise<ReceivedEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.slice(after).findLast((m) => m.to.includes(address.toLowerCase()));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No e-mail to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        setTimeout(wake, 250);
      });
    }
  }

  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    port,
    messages,
    waitForMessage,
    /** Every message to `address`, oldest first. */
    to: (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    /** Refuse every message (421) while on, as a mail server that is down does. */
    refuse: (on: boolean) => {
      refusing = on;
    },
    /** Serves the inbox as JSON (GET /messages) for tests in another process. */
    async serveOverHttp() {
      const web = http.createServer((req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(req.url === "/messages" ? messages : { error: "GET /messages" }));
      });
      await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
      const { port: webPort } = web.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${webPort}`,
        close: () => new Promise<void>((resolve) => web.close(() => resolve())),
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The mail server goes away (connections refused) until `restart`. */
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      server = makeServer();
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
  };
}

/** The first link in a message's text that points at `path` (e.g. "/invite/"). */
export function linkIn(message: { text: string }, path: string): string {
  const link = message.text.match(new RegExp(`https?://\\S+${path.replace(/[/]/g, "\\/")}\\S+`))?.[0];
  if (!link) throw new Error(`No ${path} link in: ${message.text}`);
  return link;
}
