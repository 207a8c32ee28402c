export { planAccessChanges } from './changes';
export { parsePlan, PlanFormatError, type PlanJson } from './plan-json';
export { PLANNED } from './resolve';
export { planSides, type PlanSide, type PlanSides } from './snapshot';
