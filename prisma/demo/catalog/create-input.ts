import type { Prisma } from "../../../app/generated/prisma/client";
import type { CatalogApi } from "./types";

/** One catalog API as a row to create, with its plans and their unit prices (demo data and tests). */
export function catalogApiCreateInput(api: CatalogApi): Prisma.ApiCreateInput {
  return {
    slug: api.slug,
    name: api.name,
    provider: api.provider,
    category: api.category,
    description: api.description,
    baseUrl: api.baseUrl,
    docsUrl: api.docsUrl,
    openApiSpec: api.openApiSpec as object,
    soc2: api.soc2,
    dataResidency: api.dataResidency,
    authMethods: api.authMethods,
    plans: {
      create: api.plans.map((plan) => ({
        name: plan.name,
        monthlyFee: plan.monthlyFee,
        description: plan.description,
        unitPrices: {
          create: plan.unitPrices.map((p) => ({
            unit: p.unit,
            operation: p.operation ?? null,
            pricePerUnit: p.pricePerUnit,
            includedUnits: BigInt(p.includedUnits ?? 0),
          })),
        },
      })),
    },
  };
}
