import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { env } from "~/config/env.server";

/**
 * Reads an uploaded archive from a multipart form, within the upload limit, and checks it
 * is one the scanner can unpack (by its first bytes, not its name).
 */
export type Upload = { ok: true; fileName: string; bytes: Buffer } | { ok: false; message: string };

export async function readArchiveUpload(request: Request): Promise<Upload> {
  const max = env().MAX_UPLOAD_BYTES;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: max }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, message: `The archive is larger than ${Math.round(max / 1_000_000)} MB.` };
    return { ok: false, message: "The upload could not be read. Choose the file again." };
  }
  const file = form.get("archive");
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, message: "Choose a .tar.gz, .tgz, .tar or .zip file to scan." };
  const fileName = file.name.replace(/[^\w.+-]+/g, "_").slice(-120) || "archive";
  if (!/\.(tar\.gz|tgz|tar|zip)$/i.test(fileName))
    return { ok: false, message: "Only .tar.gz, .tgz, .tar and .zip archives can be scanned." };
  const bytes = Buffer.from(await file.arrayBuffer());
  const zip = bytes.length >= 4 && (bytes.readUInt32LE(0) === 0x04034b50 || bytes.readUInt32LE(0) === 0x06054b50);
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const tar = bytes.length >= 262 && bytes.toString("latin1", 257, 262) === "ustar";
  if (!zip && !gzip && !tar) return { ok: false, message: `${fileName} is not a .tar.gz, .tar or .zip archive.` };
  return { ok: true, fileName, bytes };
}
