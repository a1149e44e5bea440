import type { Actor } from './actor';

/** Which units' records an actor may see: every unit, or a fixed list. */
export type UnitScope = { all: true } | { all: false; unitIds: string[] };

/** The one rule for unit visibility: central-team staff see all units, others their own. */
export function unitScopeOf(actor: Actor): UnitScope {
  return actor.central ? { all: true } : { all: false, unitIds: [actor.unitId] };
}

export function canSeeUnit(actor: Actor, unitId: string): boolean {
  const scope = unitScopeOf(actor);
  return scope.all || scope.unitIds.includes(unitId);
}

/** The scope as one SQL array parameter: null means every unit. */
export function scopeParam(actor: Actor): string[] | null {
  const scope = unitScopeOf(actor);
  return scope.all ? null : scope.unitIds;
}
