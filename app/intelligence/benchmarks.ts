/**
 * Marketplace benchmarks: how an organisation's cost per unit and spend per seat on an API
 * (or a category of APIs) compare with the marketplace's. A figure is shown only for a
 * cohort of at least MIN_COHORT organisations, as a mean over all of them rounded to two
 * significant figures, so that no single organisation's figures can be read or worked out
 * from it. Pure: benchmarks.server.ts reads the usage.
 */
export const MIN_COHORT = 5;

export type OrgFigures = { organizationId: string; spendUsd: number; units: number; seats: number };

export type Benchmark =
  | { status: "hidden"; organizations: number; needed: number }
  | {
      status: "shown";
      organizations: number;
      marketplace: { costPerUnit: number | null; spendPerSeat: number | null };
      yours: { costPerUnit: number | null; spendPerSeat: number | null };
    };

export function twoSignificant(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(n))) - 1);
  return Math.round(n / magnitude) * magnitude;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export function benchmark(cohort: readonly OrgFigures[], self: string, withUnits = true): Benchmark {
  const active = cohort.filter((o) => o.spendUsd > 0);
  if (active.length < MIN_COHORT) return { status: "hidden", organizations: active.length, needed: MIN_COHORT };
  const perUnit = (o: OrgFigures) => (o.units > 0 ? o.spendUsd / o.units : null);
  const perSeat = (o: OrgFigures) => (o.seats > 0 ? o.spendUsd / o.seats : null);
  const mine = active.find((o) => o.organizationId === self);
  const unitValues = active.map(perUnit).filter((v): v is number => v !== null);
  const seatValues = active.map(perSeat).filter((v): v is number => v !== null);
  const costPerUnit = withUnits && unitValues.length >= MIN_COHORT ? mean(unitValues) : null;
  const spendPerSeat = seatValues.length >= MIN_COHORT ? mean(seatValues) : null;
  return {
    status: "shown",
    organizations: active.length,
    marketplace: {
      costPerUnit: costPerUnit === null ? null : twoSignificant(costPerUnit),
      spendPerSeat: spendPerSeat === null ? null : twoSignificant(spendPerSeat),
    },
    yours: { costPerUnit: mine && withUnits ? perUnit(mine) : null, spendPerSeat: mine ? perSeat(mine) : null },
  };
}
