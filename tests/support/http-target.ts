import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";

/**
 * A local HTTP server for request rooms to send to (tests, end-to-end runs, benchmarks):
 *   /echo             what arrived: method, path, query, headers, body (as JSON)
 *   /json             a fixed JSON document
 *   /redirect?to=URL  302 to URL (status=301|303|307|308 to choose)
 *   /status/N         answers status N
 *   /big?bytes=N      N bytes of text
 *   /gzip             a gzip-compressed JSON body
 *   /nul              text with a NUL character in it
 *   /slow?ms=N        answers after N ms
 * Every request is also kept in `received`, so tests can tell whether anything arrived.
 */
export type Received = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remoteAddress: string;
};

export async function startHttpTarget(host = "127.0.0.1") {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://target");
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      headers: req.headers,
      body,
      remoteAddress: req.socket.remoteAddress ?? "",
    });
    const json = (status: number, data: unknown, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-target": "local", ...headers });
      res.end(JSON.stringify(data));
    };
    if (url.pathname === "/echo") {
      return json(200, {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      });
    }
    if (url.pathname === "/json")
      return json(200, {
        id: "pi_123",
        object: "payment_intent",
        amount: 2000,
        currency: "usd",
        status: "requires_payment_method",
      });
    if (url.pathname === "/redirect") {
      res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("to") ?? "/" });
      return res.end();
    }
    if (url.pathname.startsWith("/status/"))
      return json(Number(url.pathname.split("/")[2]) || 500, { status: url.pathname.split("/")[2] });
    if (url.pathname === "/big") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end("x".repeat(Number(url.searchParams.get("bytes") ?? 1000)));
    }
    if (url.pathname === "/nul") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end("before\u0000after");
    }
    if (url.pathname === "/gzip") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      return res.end(zlib.gzipSync(JSON.stringify({ compressed: true })));
    }
    if (url.pathname === "/slow") {
      await new Promise((r) => setTimeout(r, Number(url.searchParams.get("ms") ?? 1000)));
      return json(200, { slow: true });
    }
    json(404, { error: "no such route on the test target" });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host,
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
