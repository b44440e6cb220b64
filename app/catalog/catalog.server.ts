import { prisma } from "~/db/client.server";
import { listOperations, parseOpenApi, type OpenApiOperation } from "./openapi";

/** The marketplace catalog as the workspace features read it. */
export async function listCatalogApis() {
  return prisma.api.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, provider: true, category: true, baseUrl: true, authMethods: true },
  });
}

/** One API with its parsed spec and operations, or null if the slug is unknown. */
export async function getCatalogApi(slug: string) {
  const api = await prisma.api.findUnique({ where: { slug } });
  if (!api) return null;
  const parsed = parseOpenApi(api.openApiSpec);
  if (!parsed.ok) throw new Error(`The catalog's spec for ${slug} is invalid: ${parsed.message}`);
  return { ...api, document: parsed.document, operations: listOperations(parsed.document) };
}

export type { OpenApiOperation };
