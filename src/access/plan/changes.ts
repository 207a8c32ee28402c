import { accessChanges, type AccessChangeReport } from '../change-report';
import { parsePlan } from './plan-json';
import { planSides } from './snapshot';

/** The access changes of a plan, from the text of `terraform show -json <planfile>`. */
export function planAccessChanges(planJson: string, source = 'the plan'): AccessChangeReport {
  const sides = planSides(parsePlan(planJson, source));
  return accessChanges({
    before: sides.before.snapshot,
    after: sides.after.snapshot,
    policyChanges: sides.policyChanges,
    unresolved: [...sides.before.problems, ...sides.after.problems],
  });
}
