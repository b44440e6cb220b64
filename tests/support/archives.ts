import { crc32, deflateRawSync, gzipSync } from "node:zlib";

/**
 * Hand-built archives for tests, including the malicious shapes real tools refuse to make:
 * entries named "../x" or "/etc/x", links pointing outside, entries that lie about their
 * size, and highly compressed bombs. Plain ustar and zip, byte for byte.
 */
export type TarEntry =
  | { name: string; body: string | Buffer; type?: "file" }
  | { name: string; type: "symlink" | "hardlink"; target: string }
  | { name: string; type: "dir" };

function octal(value: number, width: number) {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function tarHeader(name: string, size: number, typeflag: string, linkname = "") {
  const header = Buffer.alloc(512, 0);
  header.write(name.slice(0, 100), 0, "utf8");
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(1_700_000_000, 12), 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write(typeflag, 156, "ascii");
  header.write(linkname.slice(0, 100), 157, "utf8");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + " ", 148, "ascii");
  return header;
}

export function tarOf(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.type === "dir") {
      parts.push(tarHeader(entry.name.endsWith("/") ? entry.name : `${entry.name}/`, 0, "5"));
      continue;
    }
    if (entry.type === "symlink" || entry.type === "hardlink") {
      parts.push(tarHeader(entry.name, 0, entry.type === "symlink" ? "2" : "1", entry.target));
      continue;
    }
    if (!("body" in entry)) continue;
    const body = Buffer.isBuffer(entry.body) ? entry.body : Buffer.from(entry.body);
    parts.push(tarHeader(entry.name, body.length, "0"), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function tarGzOf(entries: TarEntry[]) {
  return gzipSync(tarOf(entries));
}

export type ZipEntry = { name: string; body: string | Buffer; symlink?: boolean; declaredSize?: number };

/** A zip with deflated entries; `declaredSize` lets a test lie in the headers. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const body = Buffer.isBuffer(entry.body) ? entry.body : Buffer.from(entry.body);
    const compressed = deflateRawSync(body);
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? body.length;
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralBuffer = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuffer.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuffer, end]);
}
