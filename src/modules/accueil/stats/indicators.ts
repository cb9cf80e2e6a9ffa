import type { IndicatorDefinition } from '../../../platform/indicators/indicators.ts';

// Placeholder while this part is being written (issue 7).
export const accueilIndicators: IndicatorDefinition[] = [];
