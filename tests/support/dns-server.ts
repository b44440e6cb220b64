import dns2 from "dns2";

/**
 * A real name server on a UDP port of this machine (dns2), answering TXT questions from a
 * table the test fills in: what domain verification (node:dns resolveTxt, pointed here by
 * SSO_DNS_SERVERS) reads in tests, as it would read a DNS provider's records.
 */
export async function startDnsServer(options: { port?: number } = {}) {
  const records = new Map<string, string[][]>();
  const questions: string[] = [];
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      for (const question of request.questions) {
        const name = question.name.toLowerCase();
        questions.push(name);
        if (question.type !== Packet.TYPE.TXT) continue;
        for (const strings of records.get(name) ?? [])
          response.answers.push({
            name: question.name,
            type: Packet.TYPE.TXT,
            class: Packet.CLASS.IN,
            ttl: 60,
            data: strings,
          });
      }
      send(response);
    },
  });
  await server.listen({ udp: { port: options.port ?? 0, address: "127.0.0.1", type: "udp4" } });
  const port = server.addresses().udp!.port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    questions,
    /** Publishes a TXT record; a value longer than 255 bytes goes out as several strings, as providers split it. */
    setTxt(name: string, ...values: string[]) {
      records.set(
        name.toLowerCase(),
        values.map((v) => v.match(/.{1,255}/g) ?? [""]),
      );
    },
    clear: (name: string) => records.delete(name.toLowerCase()),
    close: () => server.close(),
  };
}
