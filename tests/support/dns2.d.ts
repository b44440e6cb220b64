// The parts of dns2 2.1.0 (which ships no types) that tests/support/dns-server.ts uses.
declare module "dns2" {
  type Question = { name: string; type: number; class: number };
  type Answer = { name: string; type: number; class: number; ttl: number; data?: string | string[] };
  type DnsPacket = { header: { id: number; rcode?: number }; questions: Question[]; answers: Answer[] };
  type Server = {
    listen(options: { udp?: { port: number; address: string; type?: "udp4" | "udp6" } }): Promise<void>;
    addresses(): { udp?: { port: number; address: string } };
    close(): Promise<void>;
  };
  const dns2: {
    Packet: {
      TYPE: Record<"A" | "TXT" | "AAAA" | "MX", number>;
      CLASS: Record<"IN", number>;
      createResponseFromRequest(request: DnsPacket): DnsPacket;
    };
    createServer(options: {
      udp?: boolean;
      handle: (request: DnsPacket, send: (response: DnsPacket) => void) => void;
    }): Server;
  };
  export default dns2;
}
