/**
 * What metered usage costs on a plan. A unit price applies to one operation or, when
 * its operation is null, to every operation; the plan's included units are a monthly
 * allowance, so only units beyond what the month has already used are charged.
 */
export type UnitPrice = { unit: string; operation: string | null; pricePerUnit: number; includedUnits: number };

/** A UnitPrice row as the database returns it (a Decimal price, a BigInt allowance), as numbers. */
export function unitPriceOf(row: {
  unit: string;
  operation: string | null;
  pricePerUnit: { toString(): string };
  includedUnits: bigint;
}): UnitPrice {
  return {
    unit: row.unit,
    operation: row.operation,
    pricePerUnit: Number(row.pricePerUnit.toString()),
    includedUnits: Number(row.includedUnits),
  };
}

/** The price that applies to `unit` of `operation`: an operation's own price wins over a general one. */
export function priceFor(prices: readonly UnitPrice[], unit: string, operation: string): UnitPrice | undefined {
  return (
    prices.find((p) => p.unit === unit && p.operation === operation) ??
    prices.find((p) => p.unit === unit && p.operation === null)
  );
}

/**
 * Cost in USD of `units` of `unit`, given how many of them this subscription had already
 * used this month (for the included allowance).
 */
export function costOf(price: UnitPrice | undefined, units: number, usedThisMonthBefore: number): number {
  if (!price || units <= 0) return 0;
  const freeLeft = Math.max(0, price.includedUnits - usedThisMonthBefore);
  const billable = Math.max(0, units - freeLeft);
  return billable * price.pricePerUnit;
}
